/**
 * Releasing memory after start-up: the schedule (rearmed by every start or reload) and the
 * addon's release itself, which must leave the process fully working, since it unmaps pages of
 * the running node binary.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { nativeUnavailable } from '../../../src/io/native/index.js';
import { createMemoryReleaser, RELEASE_AFTER_SETTLE_MS } from '../../../src/io/process/memory-release.js';
import type { Logger } from '../../../src/ports/logger.js';

const lines: string[] = [];
const log: Logger = {
  debug: (m: string) => void lines.push(m), info: () => undefined, warn: () => undefined, error: () => undefined,
  child: () => log,
} as unknown as Logger;

/** Timers run by hand: `due` lists the delays still armed. */
function manualTimers() {
  const armed = new Map<object, { fn: () => void; ms: number }>();
  return {
    setTimer(fn: () => void, ms: number) {
      const handle = { unref: () => handle };
      armed.set(handle, { fn, ms });
      return handle;
    },
    clearTimer(handle: object) {
      armed.delete(handle);
    },
    due: () => [...armed.values()].map((t) => t.ms),
    fireAll() {
      const all = [...armed.values()];
      armed.clear();
      all.forEach((t) => t.fn());
    },
  };
}

describe('memory releaser', () => {
  it('releases at each delay after a start, and a reload starts the schedule over', async () => {
    const timers = manualTimers();
    let calls = 0;
    const releaser = createMemoryReleaser(log, { ...timers, release: async () => ({ unmappedKb: 10 * ++calls, trimmed: calls > 1 }) });
    const delays = RELEASE_AFTER_SETTLE_MS;
    assert.deepEqual(timers.due(), []);
    releaser.settled();
    assert.deepEqual(timers.due(), delays);
    releaser.settled();
    assert.deepEqual(timers.due(), delays, 'rearmed, not doubled');
    timers.fireAll();
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, delays.length);
    assert.ok(lines.includes('released memory: 10 kB of file pages unmapped, malloc had nothing to trim'));
    assert.ok(lines.includes('released memory: 20 kB of file pages unmapped, malloc trimmed'));
  });

  it('a failed release is logged, and close cancels what is pending', async () => {
    const timers = manualTimers();
    const releaser = createMemoryReleaser(log, { ...timers, release: () => Promise.reject(new Error('no /proc')) });
    releaser.settled();
    timers.fireAll();
    await new Promise((r) => setImmediate(r));
    assert.match(lines.at(-1) ?? '', /memory release failed: no \/proc/);
    releaser.settled();
    releaser.close();
    assert.deepEqual(timers.due(), []);
  });

  it('without the addon nothing is scheduled', () => {
    const timers = manualTimers();
    createMemoryReleaser(log, { ...timers, release: undefined }).settled();
    assert.deepEqual(timers.due(), []);
  });
});

const unavailable = nativeUnavailable()?.message;
if (unavailable !== undefined && process.env.CI === 'true') throw new Error(unavailable);

describe('the addon\'s release', { skip: unavailable }, () => {
  it('unmaps start-up pages, and the process goes on running code it had not run before', () => {
    // In a process of its own: it unmaps pages of the node binary that runs it.
    const script = `
      const addon = require(${JSON.stringify(resolve('build/Release/keepalived_ts_native.node'))});
      const before = process.memoryUsage().rss;
      addon.releaseMemory().then((r) => {
        const after = process.memoryUsage().rss;
        // Work the start-up did not do: a new module, a regexp, JSON, crypto, a big allocation.
        const hash = require('node:crypto').createHash('sha256').update('x'.repeat(1e6)).digest('hex');
        const parsed = JSON.parse(JSON.stringify({ a: [1, 2, 3], b: /ab+c/iu.test('xABBC') }));
        const big = new Array(1e6).fill(0).map((_, i) => i * 2).reduce((s, v) => s + v, 0);
        console.log(JSON.stringify({ r, before, after, hash: hash.length, parsed, big }));
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { r: { unmappedKb: number; trimmed: boolean }; before: number; after: number; hash: number; parsed: unknown; big: number };
    assert.ok(out.r.unmappedKb > 1024, `unmapped ${out.r.unmappedKb} kB`);
    assert.equal(typeof out.r.trimmed, 'boolean');
    assert.ok(out.after < out.before, `rss ${out.before} → ${out.after}`);
    assert.equal(out.hash, 64);
    assert.deepEqual(out.parsed, { a: [1, 2, 3], b: true });
    assert.equal(out.big, 999999000000);
  });
});
