#!/usr/bin/env node
// Status-socket flood benchmark: does a flood of status requests delay the VRRP adverts?
// Our daemon (the built bundle, bin/keepalived-ts.js) runs Master in a network namespace of its
// own, VRRPv3 at 100 ms adverts; tcpdump in a peer namespace timestamps the adverts on the wire.
// Rounds of a quiet window (5 s) then 10,000 STATUS requests over 20 connections; prints advert
// lateness (interval − 100 ms) p50/p99/max for both, and request throughput. Needs root, ip,
// tcpdump, and `npm run build` first.
// The socket answers at most ~2,000 requests/s (src/io/status/socket-server.ts), so a round's
// flood lasts ~5 s. On a loaded machine both windows show the same scheduling spikes: compare them.
//   npm run bench:status [-- --rounds N] [--requests N] [--connections N] [--quiet-ms MS]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('rounds', 3);
const quietMs = arg('quiet-ms', 5000);
const requests = arg('requests', 10_000);
const connections = arg('connections', 20);
const ADVERT_MS = 100;
const root = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (process.getuid?.() !== 0) {
  console.error('bench:status needs root (network namespaces)');
  process.exit(1);
}

const ns = (name) => ({ name, run: (cmd, args) => execFileSync('ip', ['netns', 'exec', name, cmd, ...args], { stdio: 'ignore' }) });
const tag = `ktsb-${process.pid}`;
const a = ns(`${tag}-a`);
const b = ns(`${tag}-b`);
const dir = mkdtempSync(join(tmpdir(), 'kts-bench-status-'));
const sock = join(dir, 'status.sock');
const procs = [];

function cleanup() {
  for (const p of procs) p.kill('SIGKILL');
  for (const n of [a, b]) {
    try {
      execFileSync('ip', ['netns', 'del', n.name], { stdio: 'ignore' });
    } catch {
      // not created
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

function ask(line) {
  return new Promise((resolve, reject) => {
    const s = connect(sock);
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (out += d));
    s.on('close', () => resolve(out.trim()));
    s.on('error', reject);
    s.on('connect', () => s.end(`${line}\n`));
  });
}

async function flood() {
  const per = Math.ceil(requests / connections);
  let answered = 0;
  await Promise.all(
    Array.from({ length: connections }, () =>
      new Promise((resolve, reject) => {
        const s = connect(sock);
        let sent = 0;
        let buffer = '';
        const next = () => (sent === per ? s.end() : (sent++, s.write('STATUS\n')));
        s.setEncoding('utf8');
        s.on('connect', next);
        s.on('data', (d) => {
          buffer += d;
          let nl;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            if (buffer.startsWith('{')) answered++;
            buffer = buffer.slice(nl + 1);
            next();
          }
        });
        s.on('close', resolve);
        s.on('error', reject);
      }),
    ),
  );
  return answered;
}

function readPcap(buf) {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const little = v.getUint32(0, true) === 0xa1b2c3d4;
  const times = [];
  for (let at = 24; at + 16 <= buf.byteLength; ) {
    const len = v.getUint32(at + 8, little);
    if (at + 16 + len > buf.byteLength) break;
    times.push(v.getUint32(at, little) * 1000 + v.getUint32(at + 4, little) / 1000);
    at += 16 + len;
  }
  return times;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const summary = (late) => {
  const s = [...late].sort((x, y) => x - y);
  return s.length === 0 ? 'no samples' : `n=${s.length} p50 ${pct(s, 0.5).toFixed(3)} ms, p99 ${pct(s, 0.99).toFixed(3)} ms, max ${s[s.length - 1].toFixed(3)} ms`;
};

try {
  for (const n of [a, b]) {
    execFileSync('ip', ['netns', 'add', n.name]);
    n.run('ip', ['link', 'set', 'lo', 'up']);
  }
  execFileSync('ip', ['link', 'add', 'a0', 'netns', a.name, 'type', 'veth', 'peer', 'name', 'b0', 'netns', b.name]);
  a.run('ip', ['addr', 'add', '10.64.0.1/24', 'dev', 'a0']);
  b.run('ip', ['addr', 'add', '10.64.0.2/24', 'dev', 'b0']);
  a.run('ip', ['link', 'set', 'a0', 'up']);
  b.run('ip', ['link', 'set', 'b0', 'up']);
  writeFileSync(
    join(dir, 'k.conf'),
    `global_defs {\n  vrrp_version 3\n  status_socket ${sock}\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface a0\n  virtual_router_id 64\n  priority 100\n  advert_int 0.1\n  virtual_ipaddress {\n    10.64.0.100/24\n  }\n}\n`,
  );
  const daemon = spawn('ip', ['netns', 'exec', a.name, process.execPath, join(root, 'bin/keepalived-ts.js'), '-n', '-f', join(dir, 'k.conf'), '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid')], { stdio: 'ignore' });
  procs.push(daemon);
  const deadline = Date.now() + 20_000;
  while ((await ask('HEALTH').catch(() => '')) !== 'MASTER') {
    if (Date.now() > deadline) throw new Error('the daemon did not become Master (is the build current? npm run build)');
    await sleep(100);
  }
  await sleep(6000); // past the Master's delayed gratuitous ARPs
  const pcap = join(dir, 'adverts.pcap');
  const tcpdump = spawn('ip', ['netns', 'exec', b.name, 'tcpdump', '-i', 'b0', '-U', '-n', '-w', pcap, 'ip proto 112'], { stdio: ['ignore', 'ignore', 'pipe'] });
  procs.push(tcpdump);
  await new Promise((resolve) => tcpdump.stderr.on('data', (d) => String(d).includes('listening on') && resolve()));

  const windows = [];
  let floodMs = 0;
  let answered = 0;
  for (let r = 0; r < rounds; r++) {
    const quietStart = Date.now();
    await sleep(quietMs);
    windows.push({ kind: 'quiet', from: quietStart + ADVERT_MS, to: Date.now() });
    const start = Date.now();
    answered += await flood();
    const end = Date.now();
    floodMs += end - start;
    windows.push({ kind: 'flood', from: start + ADVERT_MS, to: end + ADVERT_MS });
  }
  const started = performance.now();
  const health = await ask('HEALTH');
  const afterMs = performance.now() - started;
  await sleep(1500); // tcpdump hands packets over in batches
  tcpdump.kill('SIGINT');
  await new Promise((r) => tcpdump.once('exit', r));

  const times = readPcap(readFileSync(pcap));
  const late = { quiet: [], flood: [] };
  for (let i = 1; i < times.length; i++) {
    const w = windows.find((x) => times[i] > x.from && times[i] <= x.to);
    if (w) late[w.kind].push(times[i] - times[i - 1] - ADVERT_MS);
  }
  console.log(`status flood: ${rounds} × ${requests} STATUS requests over ${connections} connections`);
  console.log(`  answered ${answered}/${rounds * requests} in ${floodMs} ms (${Math.round((answered / floodMs) * 1000)} req/s); HEALTH right after: ${health} in ${afterMs.toFixed(1)} ms`);
  console.log(`  advert lateness, quiet:       ${summary(late.quiet)}`);
  console.log(`  advert lateness, under flood: ${summary(late.flood)}`);
} finally {
  cleanup();
}
