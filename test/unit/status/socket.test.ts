import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStatusSocket, type StatusSocket } from '../../../src/io/status/socket-server.js';
import { run as statusCommand } from '../../../src/cli/commands/status.js';
import { instance, runningAggregator } from './fixtures.js';
import type { StatusView } from '../../../src/actors/aggregator/aggregator.js';

/** Sends raw bytes, collects everything until the server closes. */
function exchange(path: string, text: string, endAfterWrite = true): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(path);
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (out += d));
    s.on('close', () => resolve(out));
    // A refused client (connection limit) sees EPIPE/ECONNRESET: that is an empty answer.
    s.on('error', () => resolve(out));
    s.on('connect', () => (endAfterWrite ? s.end(text) : s.write(text)));
  });
}

async function runClient(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await statusCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), prog: 'keepalived-ts' });
  return { code, out, err };
}

describe('status socket', () => {
  let dir: string;
  let path: string;
  let server: StatusSocket;
  const agg = runningAggregator([instance('VI_1', 'MASTER'), instance('VI_2', 'BACKUP')]);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kts-sock-'));
    path = join(dir, 'sub', 'status.sock');
    server = await openStatusSocket({ path, mode: 0o660, view: agg, limits: { maxConnections: 4, idleTimeoutMs: 300, maxLineBytes: 64 } });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a socket with mode 0660', () => {
    const st = statSync(path);
    assert.ok(st.isSocket());
    assert.equal(st.mode & 0o777, 0o660);
  });

  it('answers requests line by line, pipelined, case-insensitively', async () => {
    const out = await exchange(path, 'HEALTH\nhealth VI_2\nHEALTH nope\nLIVE\nREADY\nREADY VI_2\nBOGUS x\n\nSTATUS');
    const lines = out.split('\n');
    assert.deepEqual(lines.slice(0, 8), ['MASTER', 'BACKUP', 'ERROR unknown instance nope', 'LIVE', 'READY', 'NOT_READY', 'ERROR unknown request BOGUS (try HEALTH, HEALTH <instance>, LIVE, READY, STATUS)', 'ERROR empty request']);
    const doc = JSON.parse(lines[8] as string);
    assert.equal(doc.schema, 'keepalived-ts/status');
    assert.equal(doc.version, 1);
    assert.equal(doc.instances.length, 2);
  });

  it('closes on a request line over the limit', async () => {
    assert.equal(await exchange(path, `${'x'.repeat(100)}`, false), 'ERROR request too long\n');
  });

  it('drops idle clients', async () => {
    const started = Date.now();
    assert.equal(await exchange(path, 'HEAL', false), '');
    assert.ok(Date.now() - started < 2000);
  });

  it('refuses connections beyond the limit and stays responsive', async () => {
    const idle = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<ReturnType<typeof connect>>((resolve) => { const s = connect(path); s.on('connect', () => resolve(s)); s.on('error', () => undefined); })),
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await exchange(path, 'HEALTH\n'), '', 'a fifth client is closed at once');
    idle.forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await exchange(path, 'HEALTH\n'), 'MASTER\n');
  });

  it('serves the status client with probe exit codes', async () => {
    assert.deepEqual(await runClient(['health', '--socket', path]), { code: 0, out: 'MASTER\n', err: '' });
    assert.deepEqual(await runClient(['ready', 'VI_2', `--socket=${path}`]), { code: 1, out: 'NOT_READY\n', err: '' });
    assert.equal((await runClient(['live', '--socket', path])).code, 0);
    const json = await runClient(['json', '--socket', path]);
    assert.equal(json.code, 0);
    assert.equal(JSON.parse(json.out).health, 'MASTER');
    const unknown = await runClient(['health', 'nope', '--socket', path]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown instance nope/);
    const missing = await runClient(['live', '--socket', join(dir, 'none.sock')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /cannot reach/);
    assert.equal((await runClient(['bogus'])).code, 2);
  });
});

describe('status socket rate limit', () => {
  let dir: string;
  let server: StatusSocket;
  const agg = runningAggregator([instance('VI_1', 'MASTER')]);
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kts-rate-'));
    server = await openStatusSocket({ path: join(dir, 's.sock'), mode: 0o600, view: agg, limits: { windowMs: 50, windowRequests: 10, windowRequestsPerClient: 5 } });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a pipelining flood in full but spread over windows, and a probe at once meanwhile', async () => {
    const path = join(dir, 's.sock');
    const started = Date.now();
    const floods = Array.from({ length: 4 }, () => exchange(path, 'HEALTH\n'.repeat(40)));
    await new Promise((r) => setTimeout(r, 60));
    const probeStart = Date.now();
    assert.equal(await exchange(path, 'HEALTH\n'), 'MASTER\n');
    const probeMs = Date.now() - probeStart;
    const answers = await Promise.all(floods);
    const elapsed = Date.now() - started;
    for (const a of answers) assert.equal(a, 'MASTER\n'.repeat(40));
    // 160 answers at 10 per 50 ms (plus first-of-window grace) take several windows.
    assert.ok(elapsed >= 300, `the flood took ${elapsed} ms`);
    assert.ok(probeMs < 40, `the probe took ${probeMs} ms`);
  });
});

describe('status socket files', () => {
  const agg = runningAggregator([]);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'kts-sockfile-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces a dead daemon socket, refuses a live one and a non-socket; removes only its own file', async () => {
    const path = join(dir, 's.sock');
    // A dead daemon's socket: its process was SIGKILLed, the file stays.
    const dead = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => dead.stdout.once('data', r));
    dead.kill('SIGKILL');
    await new Promise((r) => dead.once('exit', r));
    assert.ok(existsSync(path));
    const first = await openStatusSocket({ path, mode: 0o600, view: agg });
    assert.equal(await exchange(path, 'HEALTH\n'), 'BACKUP\n');
    await assert.rejects(openStatusSocket({ path, mode: 0o600, view: agg }), /in use by another running process/);
    await first.close();
    assert.equal(existsSync(path), false);

    const file = join(dir, 'plain');
    writeFileSync(file, 'data');
    await assert.rejects(openStatusSocket({ path: file, mode: 0o600, view: agg }), /not a socket/);
    assert.ok(existsSync(file));
  });
});

describe('status socket with counters to fetch', () => {
  let dir: string;
  let server: StatusSocket;
  const agg = runningAggregator([instance('VI_1', 'MASTER')]);
  let fresh = false;
  let refreshes = 0;
  const view: StatusView = {
    document: () => agg.document(),
    json: () => agg.json(),
    instanceHealth: (name) => agg.instanceHealth(name),
    subscribe: (listener) => agg.subscribe(listener),
    isFresh: () => fresh,
    refresh: async () => {
      refreshes++;
      await new Promise((r) => setImmediate(r));
      const counters = { ...instance('VI_1', 'MASTER').counters, advert_sent: 100 + refreshes };
      agg.tell({ type: 'vrrp-status', status: { instances: [instance('VI_1', 'MASTER', { counters })], syncGroups: [] } });
      fresh = true;
    },
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kts-fresh-'));
    server = await openStatusSocket({ path: join(dir, 's.sock'), mode: 0o600, view });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('STATUS waits for fresh counters, answers stay in order, and probes never wait', async () => {
    const path = join(dir, 's.sock');
    assert.equal(await exchange(path, 'HEALTH\n'), 'MASTER\n');
    assert.equal(refreshes, 0, 'HEALTH carries no counters');
    const lines = (await exchange(path, 'HEALTH\nSTATUS\nLIVE\n')).trim().split('\n');
    assert.equal(lines[0], 'MASTER');
    assert.equal(JSON.parse(lines[1] as string).instances[0].counters.advert_sent, 101);
    assert.equal(lines[2], 'LIVE');
    assert.equal(refreshes, 1);
    // Fresh: answered from what the view has.
    await exchange(path, 'STATUS\n');
    assert.equal(refreshes, 1);
    // Stale again, and the last request has no newline.
    fresh = false;
    const last = await exchange(path, 'status');
    assert.equal(JSON.parse(last).instances[0].counters.advert_sent, 102);
  });
});
