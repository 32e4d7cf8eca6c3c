/**
 * `keepalived-ts sim SCENARIO --html FILE` writes the replay page: opened from the file in
 * Chromium with every network request refused (offline), it steps through the run on the live
 * view's charts — highlight, log, taken edge, step label with the cause, timeline cursor — and
 * without JavaScript shows the end of the run with the whole log. Screenshot:
 * test-artifacts/sim-replay.png. Skipped where /usr/bin/chromium is missing (a failure under CI=true).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { run as sim } from '../../../src/cli/commands/sim.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumUnavailable } from '../../support/chromium.js';

const missing = chromiumUnavailable();
const root = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = join(root, 'test-artifacts');

describe('sim --html: the replay page', { skip: missing ?? false }, () => {
  let dir: string;
  let file: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kts-replay-'));
    file = join(dir, 'replay.html');
    let out = '';
    const code = await sim([join(root, 'examples/sim/reboot-during-takeover.yaml'), '--seed', '1', '--quiet', '--html', file], {
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      prog: 'keepalived-ts',
    });
    assert.equal(code, 0, out);
  });
  after(async () => {
    for (const ctx of contexts) await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Chromium on a fresh profile (under `dir`), on a page that may load nothing but the file itself. */
  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; requests: string[] }> {
    const { chromium } = await import('playwright-core');
    const ctx = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
      javaScriptEnabled,
      viewport: { width: 1200, height: 900 },
    });
    contexts.push(ctx);
    const requests: string[] = [];
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(file).href);
    return { page, requests };
  }

  it('steps through the run on the charts, offline', { timeout: 60_000 }, async () => {
    const html = readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/, 'no external asset');
    const { page, requests } = await open(true);
    const css = () => page.$eval('#live-highlight', (s) => s.textContent ?? '');
    const label = async () => (await page.textContent('#replay-label')) ?? '';
    const cursor = () => page.$eval('#replay-cursor', (l) => Number(l.getAttribute('x1')));
    const charts = await page.$$eval('figure figcaption', (f) => f.map((c) => c.textContent));
    assert.deepEqual(charts, ['A: VI_1', 'B: VI_1']);
    assert.equal(await page.isVisible('#replay-controls'), true);
    assert.match(await css(), /#vi_A__VI_1__Initialize path/);
    assert.equal(await label(), 'start');
    const start = await cursor();

    await page.click('#replay-next');
    await page.click('#replay-next');
    await page.click('#replay-next');
    assert.match(await label(), /^step 3 of 9 \(3414\.062 ms\): A: VI_1 BACKUP → MASTER — master down timer expired$/);
    assert.match(await css(), /#vi_A__VI_1__Master path/);
    assert.ok((await cursor()) > start, 'the timeline cursor moved');
    assert.ok((await page.$$('.chart_edge.taken')).length >= 1, 'the edge taken is lit');

    await page.click('#replay-next');
    assert.match(await label(), /A: VI_1 MASTER → STOP — daemon stopped \(node crashed\)/);
    assert.match(await css(), /#vi_A__VI_1__Stop path/);

    await page.fill('#replay-step', '9');
    await page.dispatchEvent('#replay-step', 'input');
    assert.match(await css(), /#vi_A__VI_1__Master path/);
    assert.match(await css(), /#vi_B__VI_1__Backup path/);
    assert.equal(await page.$$eval('#log-body tr', (r) => r.length), 9);
    assert.match((await page.textContent('#log-body tr')) ?? '', /B: VI_1.*MASTER → BACKUP.*advert from 172\.16\.0\.1 priority 150/);
    assert.match((await page.textContent('body')) ?? '', /Verdict: all invariants held/);

    await page.click('#replay-prev');
    await page.click('#replay-prev');
    await page.click('#replay-prev');
    assert.match(await label(), /^step 6 of 9/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sim-replay.png'), fullPage: true });
    assert.deepEqual(requests, []);
  });

  it('without JavaScript: the end of the run and the whole log', { timeout: 60_000 }, async () => {
    const { page, requests } = await open(false);
    assert.equal(await page.isVisible('#replay-controls'), false);
    const fill = (id: string) => page.evaluate<string>(`getComputedStyle(document.querySelector('#${id} path')).fill`);
    assert.equal(await fill('vi_A__VI_1__Master'), 'rgb(255, 213, 79)');
    assert.equal(await fill('vi_B__VI_1__Backup'), 'rgb(255, 213, 79)');
    assert.notEqual(await fill('vi_A__VI_1__Backup'), 'rgb(255, 213, 79)');
    assert.equal(await page.$$eval('#log-body tr', (r) => r.length), 9);
    assert.deepEqual(
      await page.$$eval('#instances-body tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent))),
      [['A: VI_1', 'MASTER', '150'], ['B: VI_1', 'BACKUP', '100']],
    );
    assert.deepEqual(requests, []);
  });
});
