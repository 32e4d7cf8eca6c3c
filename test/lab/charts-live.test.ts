/**
 * Issue 8's live view end to end: our daemon in namespace `a` (status HTTP on 127.0.0.1 inside
 * `a`), keepalived 2.2.7 in `b` as the higher-priority peer, and headless Chromium started inside
 * `a` too (`ip netns exec`), so every packet stays in the test's namespaces.
 *
 * Chromium loads /charts and sees VI_1's Backup state highlighted on its chart; the test kills the
 * peer; without a reload (a marker set in the page survives, no navigation happens) the highlight
 * moves to Master and the transition log shows BACKUP → MASTER with its cause, from the server-sent
 * events. Then Chromium with JavaScript disabled gets the same page as a readable static view.
 * Screenshots: test-artifacts/charts-live-backup.png, charts-live-master.png, charts-live-nojs.png.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { labUnavailable, Netns, vethPair } from '../support/lab.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumUnavailable } from '../support/chromium.js';
import { startKeepalived, type DaemonProcess } from '../support/keepalived.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'curl']) ?? chromiumUnavailable();
const root = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(root, 'test-artifacts');
const PORT = 9663;
const HIGHLIGHT = 'rgb(255, 213, 79)';

const instance = (iface: string, priority: number, track = '') => `vrrp_instance VI_1 {
  state BACKUP
  interface ${iface}
  virtual_router_id 63
  priority ${priority}
  advert_int 0.2
  virtual_ipaddress {
    10.63.0.100/24
  }
${track}}
`;
const peerConfig = `global_defs {\n  router_id peer\n  vrrp_version 3\n}\n${instance('b0', 150)}`;

/** The fill of VI_1's state on its chart (the highlight is a fill). */
const fillOf = (page: Page, state: string): Promise<string> => page.evaluate<string>(`getComputedStyle(document.querySelector('#vi_VI_1__${state} path')).fill`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('live state charts in a browser, against keepalived 2.2.7', { skip: unavailable ?? false }, () => {
  let a: Netns;
  let b: Netns;
  let dir: string;
  let ours: ChildProcess | undefined;
  let oursOutput = '';
  let peer: DaemonProcess | undefined;
  const contexts: BrowserContext[] = [];

  /** curl inside `a`: the test process itself stays out of the namespaces' networks. */
  const status = (): { instances?: { name: string; state: string; masterAddress: string | null }[] } | undefined => {
    const r = a.run('curl', ['-s', '-m', '2', `http://127.0.0.1:${PORT}/status`]);
    try {
      return JSON.parse(r.stdout);
    } catch {
      return undefined;
    }
  };
  const vi1 = () => status()?.instances?.find((i) => i.name === 'VI_1');

  /** Chromium inside `a`, on a fresh profile: a wrapper that enters the namespace, then execs it. */
  async function chromiumInA(javaScriptEnabled: boolean): Promise<Page> {
    const { chromium } = await import('playwright-core');
    const wrapper = join(dir, 'chromium-in-a.sh');
    writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${a.name} ${CHROMIUM} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const ctx = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
      executablePath: wrapper,
      args: [...CHROMIUM_ARGS],
      javaScriptEnabled,
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(ctx);
    return ctx.pages()[0] ?? ctx.newPage();
  }

  before(() => {
    a = new Netns('ktcl');
    b = new Netns('ktcl');
    vethPair(a, b, '10.63.0.1/24', '10.63.0.2/24');
    dir = mkdtempSync(join(tmpdir(), 'kts-charts-live-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(
      join(dir, 'k.conf'),
      `global_defs {\n  router_id ours\n  vrrp_version 3\n  status_http 127.0.0.1:${PORT}\n}\n` +
        `vrrp_script chk_service {\n  script "/bin/true"\n  interval 1\n}\n` +
        instance('a0', 100, '  track_script {\n    chk_service\n  }\n'),
    );
  });

  after(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    ours?.kill('SIGKILL');
    await peer?.stop('SIGKILL');
    a.dispose();
    b.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows Backup → Master live, with the cause, and reads without JavaScript', { timeout: 180_000 }, async (t) => {
    peer = startKeepalived(b, dir, peerConfig, 'peer');
    ours = spawn(
      'ip',
      ['netns', 'exec', a.name, 'env', `KEEPALIVED_TS_TMP_DIR=${dir}`, process.execPath, '--import', 'tsx', join(root, 'src/cli/main.ts'),
        '-n', '-l', '-D', '-f', join(dir, 'k.conf'), '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid')],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    ours.stdout?.on('data', (d: Buffer) => (oursOutput += d.toString()));
    ours.stderr?.on('data', (d: Buffer) => (oursOutput += d.toString()));
    t.after(() => t.diagnostic(oursOutput.split('\n').slice(-15).join('\n')));

    await until('BACKUP under keepalived', () => {
      const vi = vi1();
      return vi?.state === 'BACKUP' && vi.masterAddress === '10.63.0.2';
    }, 30_000);

    const page = await chromiumInA(true);
    let navigations = 0;
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && navigations++));
    await page.goto(`http://127.0.0.1:${PORT}/charts`);
    await page.waitForFunction("document.getElementById('live-status').textContent === 'live'");
    const fill = (state: string) => fillOf(page, state);
    const stateCell = () => page.$eval('#instances-body tr td:nth-child(2)', (td) => td.textContent);
    assert.equal(await fill('Backup'), HIGHLIGHT);
    assert.notEqual(await fill('Master'), HIGHLIGHT);
    assert.equal(await stateCell(), 'BACKUP');
    assert.match((await page.textContent('#tracked-body')) ?? '', /script:chk_service\s*up/);
    await page.screenshot({ path: join(ARTIFACTS, 'charts-live-backup.png'), fullPage: true });
    await page.evaluate('window.__sameDocument = true');
    const navigationsBefore = navigations;

    // The peer dies: no priority-0 advert, our Master_Down_Timer decides.
    await peer.stop('SIGKILL');
    await page.waitForFunction(`getComputedStyle(document.querySelector('#vi_VI_1__Master path')).fill === '${HIGHLIGHT}'`, undefined, { timeout: 15_000 });
    // The edge taken lights up for a few seconds: the timer's, not the sync group's parallel one.
    assert.deepEqual(await page.$$eval('.chart_edge.taken', (es) => es.map((e) => e.getAttribute('class'))), ['edge chart_edge kind_timer taken']);
    assert.notEqual(await fill('Backup'), HIGHLIGHT);
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the page was reloaded');
    assert.equal(navigations, navigationsBefore, 'the page navigated');
    assert.equal(await stateCell(), 'MASTER');
    const newest = (await page.textContent('#log-body tr')) ?? '';
    assert.match(newest, /VI_1\s*BACKUP → MASTER\s*master down timer expired/);
    t.diagnostic(`log row: ${newest}`);
    assert.equal(vi1()?.state, 'MASTER');
    await page.screenshot({ path: join(ARTIFACTS, 'charts-live-master.png'), fullPage: true });

    // The same page without JavaScript: a complete static view, rendered by the daemon.
    const plain = await chromiumInA(false);
    await plain.goto(`http://127.0.0.1:${PORT}/charts`);
    assert.equal(await plain.textContent('#live-status'), 'static view (live updates need JavaScript)');
    assert.equal(await fillOf(plain, 'Master'), HIGHLIGHT);
    assert.notEqual(await fillOf(plain, 'Backup'), HIGHLIGHT);
    assert.deepEqual(
      await plain.$$eval('#instances-body tr td', (tds) => tds.map((td) => td.textContent)),
      ['VI_1', 'MASTER', '100', '100', '–', '10.63.0.1'],
    );
    assert.match((await plain.textContent('#log-body')) ?? '', /BACKUP → MASTER\s*master down timer expired/);
    await plain.screenshot({ path: join(ARTIFACTS, 'charts-live-nojs.png'), fullPage: true });
  });
});
