/**
 * The live view mounted on the status HTTP server (ROUTE_PROVIDERS) over a real aggregator:
 * the page, events driven by StatusView.subscribe (transitions with their reasons, snapshots
 * only when something shown changed), the viewers' own cap that leaves the probes room, the
 * heartbeat, and cleanup when a viewer leaves or the server closes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, get, request, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StatusView } from '../../../src/actors/aggregator/aggregator.js';
import { openStatusHttp, type StatusHttpServer } from '../../../src/io/status/http-server.js';
import { buildRoutes, ROUTE_PROVIDERS } from '../../../src/io/status/routes.js';
import { MAX_VIEWERS, statusLiveSource } from '../../../src/charts/live/provider.js';
import { createSseChannel } from '../../../src/io/sse.js';
import type { LiveUpdate } from '../../../src/charts/live/routes.js';
import { instance, runningAggregator } from '../status/fixtures.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {}, child() { return quiet; } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function fetchText(port: number, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Stream {
  status: number;
  text: string;
  ended: boolean;
  events(): { event: string; data: unknown }[];
  req: ClientRequest;
}

function stream(port: number, path = '/charts/events'): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path }, (res) => {
      const s: Stream = {
        status: res.statusCode ?? 0,
        text: '',
        ended: false,
        req,
        events: () =>
          s.text
            .split('\n\n')
            .filter((f) => f.startsWith('event: '))
            .map((f) => {
              const [e, d] = f.split('\n');
              return { event: (e ?? '').slice(7), data: JSON.parse((d ?? '').slice(6)) };
            }),
      };
      res.setEncoding('utf8');
      res.on('data', (d: string) => (s.text += d));
      res.on('close', () => (s.ended = true));
      resolve(s);
    });
    req.on('error', reject);
  });
}

describe('live charts on the status server', () => {
  let server: StatusHttpServer;
  let port: number;
  const agg = runningAggregator([instance('VI_1', 'BACKUP', { masterAddress: '10.0.0.2' })], { tracked: { 'script:chk': { up: true } } });
  // Counts the subscriptions the provider holds on the view.
  let subscribed = 0;
  const view: StatusView = {
    document: () => agg.document(),
    json: () => agg.json(),
    instanceHealth: (n) => agg.instanceHealth(n),
    subscribe: (l) => {
      subscribed++;
      const off = agg.subscribe(l);
      return () => {
        subscribed--;
        off();
      };
    },
  };
  const open: Stream[] = [];

  before(async () => {
    server = await openStatusHttp({ host: '127.0.0.1', port: 0, routes: buildRoutes({ view, log: quiet }, ROUTE_PROVIDERS), log: quiet });
    port = server.address.port;
  });
  after(async () => {
    open.forEach((s) => s.req.destroy());
    await server.close();
  });

  it('serves the page with the current state highlighted and the tables', async () => {
    const page = await fetchText(port, '/charts');
    assert.equal(page.status, 200);
    assert.match(page.type, /^text\/html/);
    assert.match(page.body, /#vi_VI_1__Backup path/);
    assert.match(page.body, /<td>VI_1<\/td><td>BACKUP<\/td>/);
    assert.match(page.body, /script:chk/);
    assert.equal((await fetchText(port, '/charts', 'HEAD')).body, '');
  });

  it('streams a snapshot, then each transition with its reason', async () => {
    const s = await stream(port);
    open.push(s);
    assert.equal(s.status, 200);
    await until('greeting', () => s.events().length === 1);
    const greeting = s.events()[0]!;
    assert.equal(greeting.event, 'snapshot');
    assert.equal((greeting.data as { instances: { state: string }[] }).instances[0]?.state, 'BACKUP');

    // A status poll that changes nothing shown sends nothing.
    agg.tell({ type: 'vrrp-status', status: { instances: [instance('VI_1', 'BACKUP', { masterAddress: '10.0.0.2', counters: { ...instance('VI_1', 'BACKUP').counters, advert_rcvd: 99 } })], syncGroups: [], tracked: { 'script:chk': { up: true } } } });
    agg.tell({ type: 'vrrp-event', event: { type: 'instance-state', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', priority: 100, reason: 'master down timer expired', atMs: 5 } });
    await until('transition and snapshot', () => s.events().length === 3);
    const [, t, snap] = s.events();
    assert.equal(t?.event, 'transition');
    assert.deepEqual(t?.data, { at: '2024-01-01T00:00:00.000Z', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', cause: 'master down timer expired' });
    assert.equal(snap?.event, 'snapshot');
    const data = snap?.data as { instances: { state: string }[]; log: { cause: string }[] };
    assert.equal(data.instances[0]?.state, 'MASTER');
    assert.equal(data.log.at(-1)?.cause, 'master down timer expired');

    // The page rendered now (no JavaScript) has it too.
    const page = await fetchText(port, '/charts');
    assert.match(page.body, /#vi_VI_1__Master path/);
    assert.match(page.body, /BACKUP → MASTER<\/td><td>master down timer expired/);
  });

  it('caps live viewers below the server limit; probes still answer; a viewer leaving frees a place', async () => {
    while (open.length < MAX_VIEWERS) open.push(await stream(port));
    const refused = await stream(port);
    assert.equal(refused.status, 503);
    await until('refused stream ends', () => refused.ended);
    assert.equal((await fetchText(port, '/healthz')).status, 200);
    assert.equal((await fetchText(port, '/status')).status, 200);

    open.pop()?.req.destroy();
    let replacement: Stream | undefined;
    for (let i = 0; i < 100 && replacement === undefined; i++) {
      const s = await stream(port);
      if (s.status === 200) replacement = s;
      else await sleep(20);
    }
    assert.ok(replacement, 'no place freed by a closed viewer');
    open.push(replacement);
  });

  it('closing the server ends the streams and lets go of the view', async () => {
    assert.equal(subscribed, 1);
    await server.close();
    await until('streams ended', () => open.every((s) => s.ended));
    assert.equal(subscribed, 0);
  });
});

describe('live source over the aggregator', () => {
  it('keeps a bounded log seeded with the last transitions, sync groups included', () => {
    const agg = runningAggregator([instance('VI_1', 'BACKUP')]);
    agg.tell({ type: 'vrrp-event', event: { type: 'instance-state', instance: 'VI_1', from: 'INIT', to: 'BACKUP', priority: 100, reason: 'startup', atMs: 1 } });
    const source = statusLiveSource(agg, 3);
    assert.deepEqual(source.snapshot().log.map((t) => t.cause), ['startup']);
    const updates: LiveUpdate[] = [];
    const off = source.subscribe((u) => updates.push(u));
    agg.tell({ type: 'vrrp-event', event: { type: 'group-state', group: 'G1', from: 'BACKUP', to: 'MASTER', atMs: 2 } });
    for (let i = 0; i < 3; i++) {
      agg.tell({ type: 'vrrp-event', event: { type: 'instance-state', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', priority: 100, reason: `r${i}`, atMs: 3 } });
    }
    assert.deepEqual(source.snapshot().log.map((t) => t.cause), ['r0', 'r1', 'r2']);
    assert.equal(updates.filter((u) => u.type === 'transition').length, 4);
    const group = updates.find((u) => u.type === 'transition' && u.transition.instance === 'G1 (sync group)');
    assert.ok(group);
    off();
    source.close();
    agg.tell({ type: 'vrrp-event', event: { type: 'instance-state', instance: 'VI_1', from: 'MASTER', to: 'BACKUP', priority: 100, reason: 'late', atMs: 4 } });
    assert.equal(source.snapshot().log.at(-1)?.cause, 'r2');
  });
});

describe('server-sent events channel', () => {
  it('sends a heartbeat comment so idle streams stay open', async () => {
    const channel = createSseChannel({ heartbeatMs: 30 });
    const server = createServer((req, res) => channel.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const s = await stream((server.address() as AddressInfo).port, '/');
      await until('two heartbeats', () => s.text.split(': keep-alive').length >= 3);
      assert.equal(channel.clients, 1);
      s.req.destroy();
      await until('client dropped', () => channel.clients === 0);
    } finally {
      channel.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
