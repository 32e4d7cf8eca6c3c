/**
 * The live page's script in a real browser (Debian's chromium through playwright-core): the
 * highlight follows server-sent transitions, the log grows, the taken edge lights up, and a
 * replay steps. Skipped where /usr/bin/chromium is not installed (a failure under CI=true).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { liveChartRoutes, type LiveSource, type LiveUpdate } from '../../../src/charts/live/routes.js';
import { instanceCharts, renderLivePage } from '../../../src/charts/live/page.js';
import { SNAPSHOT, serve } from './live-fixtures.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumUnavailable } from '../../support/chromium.js';

// Skipped where the browser is missing, except in CI, where .ci/run installs it and its absence is a failure.
const skip = chromiumUnavailable() ?? false;

async function browser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}

test('live: server-sent transitions move the highlight and fill the log', { skip, timeout: 60_000 }, async () => {
  const listeners = new Set<(u: LiveUpdate) => void>();
  const source: LiveSource = { snapshot: () => SNAPSHOT, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
  const live = liveChartRoutes(source);
  const server = await serve(live.routes);
  const b = await browser();
  try {
    const page = await b.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/charts`);
    await page.waitForFunction("document.getElementById('live-status').textContent === 'live'");
    while (live.channel.clients === 0) await new Promise((r) => setTimeout(r, 20));
    const fill = () => page.evaluate<string>("getComputedStyle(document.querySelector('#vi_VI_1__Backup path')).fill");
    assert.equal(await fill(), 'rgb(255, 213, 79)');
    listeners.forEach((l) => l({ type: 'transition', transition: { at: 'now', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', cause: 'Master_Down_Timer fired' } }));
    await page.waitForFunction("document.getElementById('live-highlight').textContent.includes('#vi_VI_1__Master')");
    assert.notEqual(await fill(), 'rgb(255, 213, 79)');
    assert.equal(await page.$$eval('#log-body tr', (rows) => rows.length), 2);
    assert.match(await page.$eval('#log-body tr', (r) => r.textContent ?? ''), /BACKUP → MASTER.*Master_Down_Timer fired/);
    assert.ok((await page.$$('.chart_edge.taken')).length >= 1);
    assert.equal(await page.$eval('#instances-body tr td:nth-child(2)', (td) => td.textContent), 'MASTER');
  } finally {
    await b.close();
    live.close();
    await new Promise((r) => server.close(r));
  }
});

test('replay: stepping through a scenario on the same charts', { skip, timeout: 60_000 }, async () => {
  const html = renderLivePage({
    title: 'replay',
    snapshot: { ...SNAPSHOT, log: [] },
    charts: await instanceCharts(['VI_1', 'VI 2']),
    replay: {
      transitions: [
        { at: 3000, instance: 'VI_1', from: 'BACKUP', to: 'MASTER', cause: 'Master_Down_Timer' },
        { at: 5000, instance: 'VI 2', from: 'MASTER', to: 'FAULT', cause: 'interface down' },
      ],
    },
  });
  const b = await browser();
  try {
    const page = await b.newPage();
    await page.setContent(html);
    const css = () => page.$eval('#live-highlight', (s) => s.textContent ?? '');
    assert.match(await css(), /#vi_VI_1__Backup path/);
    await page.click('#replay-next');
    assert.match(await css(), /#vi_VI_1__Master path/);
    assert.match(await page.textContent('#replay-label') ?? '', /step 1 of 2/);
    await page.click('#replay-next');
    assert.match(await css(), /#vi_VI_2__Fault path/);
    assert.equal(await page.$$eval('#log-body tr', (rows) => rows.length), 2);
    await page.click('#replay-prev');
    await page.click('#replay-prev');
    assert.match(await css(), /#vi_VI_2__Master path/);
    assert.equal(await page.$$eval('#log-body tr', (rows) => rows.length), 0);
  } finally {
    await b.close();
  }
});
