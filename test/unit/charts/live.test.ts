import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildLivePage, highlightCss, instanceCharts, renderLivePage } from '../../../src/charts/live/page.js';
import { liveChartRoutes, type LiveSource, type LiveUpdate } from '../../../src/charts/live/routes.js';
import { SNAPSHOT, serve } from './live-fixtures.js';


test('the page: charts, highlighted states, tables and log, all inline', async () => {
  const html = await buildLivePage({ title: 'live', snapshot: SNAPSHOT, eventsUrl: '/charts/events' });
  // One chart per instance, with ids unique on the page.
  assert.equal(html.match(/<svg /g)?.length, 2);
  assert.match(html, /id="vi_VI_1__Backup"/);
  assert.match(html, /id="vi_VI_2__Master"/);
  // The highlight works without JavaScript: a server-rendered style block.
  assert.match(html, /<style id="live-highlight">#vi_VI_1__Backup path, #vi_VI_1__Backup polygon \{ fill: #ffd54f;[^<]*\n#vi_VI_2__Master path/);
  assert.match(html, /<td>VI_1<\/td><td>BACKUP<\/td><td>100<\/td><td>80<\/td><td>G1<\/td>/);
  assert.match(html, /<td>script:chk_web<\/td><td>down<\/td>/);
  assert.match(html, /<td>INIT → BACKUP<\/td><td>startup &lt;script&gt;<\/td>/);
  // Offline: nothing fetched from elsewhere; embedded JSON cannot close its script element.
  assert.doesNotMatch(html, /<link|<img|\ssrc=|url\(|@import/);
  assert.deepEqual([...new Set(html.match(/https?:\/\/[^"' )]+/g))].sort(), ['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
  assert.doesNotMatch(html.slice(html.indexOf('id="live-data"')), /<script>[^]*<script>/);
  assert.ok(!html.includes('startup <script>'));
});

test('highlightCss skips instances without a chart or with an unknown state', async () => {
  const charts = await instanceCharts(['VI_1']);
  assert.equal(highlightCss({ ...SNAPSHOT, instances: [{ ...SNAPSHOT.instances[0]!, state: 'WEIRD' }] }, charts), '');
});

test('a replay page shows the end state and the whole log without JavaScript', async () => {
  const charts = await instanceCharts(['VI_1', 'VI 2']);
  const html = renderLivePage({
    title: 'replay',
    snapshot: { ...SNAPSHOT, log: [] },
    charts,
    replay: {
      transitions: [{ at: 3000, instance: 'VI_1', from: 'BACKUP', to: 'MASTER', cause: 'Master_Down_Timer' }],
      timeline: { startMs: 0, endMs: 5000, rows: [{ label: 'VI_1', segments: [{ fromMs: 0, toMs: 3000, state: 'BACKUP' }, { fromMs: 3000, toMs: 5000, state: 'MASTER' }] }] },
    },
  });
  assert.match(html, /#vi_VI_1__Master path/);
  assert.match(html, /<td>3000 ms<\/td><td>VI_1<\/td><td>BACKUP → MASTER<\/td>/);
  assert.match(html, /<svg[^>]*class="timeline"/);
});

function fakeSource(): LiveSource & { emit(u: LiveUpdate): void } {
  const listeners = new Set<(u: LiveUpdate) => void>();
  return {
    snapshot: () => SNAPSHOT,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (u) => listeners.forEach((l) => l(u)),
  };
}


test('routes: the page, and server-sent events starting with the snapshot', async () => {
  const source = fakeSource();
  const live = liveChartRoutes(source);
  const server = await serve(live.routes);
  const port = (server.address() as AddressInfo).port;
  try {
    const page = await new Promise<string>((resolve, reject) => {
      get(`http://127.0.0.1:${port}/charts`, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });
    assert.match(page, /"eventsUrl":"\/charts\/events"/);
    const frames = await new Promise<string>((resolve, reject) => {
      const req = get(`http://127.0.0.1:${port}/charts/events`, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
          if (body.includes('event: snapshot') && !body.includes('event: transition')) {
            source.emit({ type: 'transition', transition: { at: 'now', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', cause: 'x' } });
          }
          if (body.includes('event: transition')) {
            req.destroy();
            resolve(body);
          }
        });
      }).on('error', reject);
    });
    const events = frames.split('\n\n').filter((f) => f.startsWith('event:'));
    assert.equal(events.length, 2);
    assert.deepEqual(JSON.parse(events[0]!.split('\ndata: ')[1]!), JSON.parse(JSON.stringify(SNAPSHOT)));
    assert.equal(JSON.parse(events[1]!.split('\ndata: ')[1]!).to, 'MASTER');
  } finally {
    live.close();
    await new Promise((r) => server.close(r));
  }
});
