import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusFeed, STATUS_POLL_MS } from '../../../src/cli/daemon/status-feed.js';
import type { Watchdog } from '../../../src/cli/daemon/watchdog.js';
import type { KeepalivedConfig } from '../../../src/config/model/index.js';
import type { Clock } from '../../../src/ports/clock.js';
import { instance } from './fixtures.js';

/** A clock whose timers run when told. */
function manualClock(): Clock & { run(ms: number): void } {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    nowMs: () => now,
    wallClockMs: () => 1_700_000_000_000 + now,
    setTimer(delayMs, fn) {
      const timerId = nextId++;
      timers.set(timerId, { at: now + Math.max(0, delayMs), fn });
      return { timerId };
    },
    clearTimer: (h) => void timers.delete(h.timerId),
    run(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

test('the feed tells the aggregator what the watchdog sees and polls the child while an interface is on', async () => {
  const clock = manualClock();
  let polls = 0;
  let closed = false;
  const watchdog = {
    pid: 77 as number | undefined,
    status: async (purpose: string) => {
      assert.equal(purpose, 'poll');
      polls++;
      return { instances: [instance('VI_1', 'MASTER')], syncGroups: [] };
    },
  } as unknown as Watchdog;
  const feed = new StatusFeed(clock, 1, () => ({ configure: async () => true, close: async () => void (closed = true) }));
  const seen: string[] = [];
  const events = feed.vrrpEvents({ ready: () => seen.push('ready'), died: () => seen.push('died'), terminate: () => undefined });
  feed.setVrrp(watchdog);
  await feed.configure({} as KeepalivedConfig);
  assert.equal(feed.aggregator.document().live, false, 'not live before the child is ready');

  events.ready?.(77);
  clock.run(0);
  await flush();
  assert.deepEqual(seen, ['ready']);
  assert.equal(polls, 1, 'polled at once after ready');
  let doc = feed.aggregator.document();
  assert.equal(doc.health, 'MASTER');
  assert.equal(doc.subsystems[0]?.pid, 77);

  clock.run(STATUS_POLL_MS);
  await flush();
  assert.equal(polls, 2);

  events.died?.(77);
  doc = feed.aggregator.document();
  assert.equal(doc.health, 'FAULT');
  assert.equal(doc.live, false);

  await feed.close();
  assert.ok(closed);
  clock.run(10 * STATUS_POLL_MS);
  await flush();
  assert.equal(polls, 2, 'no polls once closed');
});

test('without any interface on, the child is never polled', async () => {
  const clock = manualClock();
  let polls = 0;
  const feed = new StatusFeed(clock, 1, () => ({ configure: async () => false, close: async () => undefined }));
  const events = feed.vrrpEvents({ terminate: () => undefined });
  feed.setVrrp({ pid: 1, status: async () => (polls++, undefined) } as unknown as Watchdog);
  await feed.configure({} as KeepalivedConfig);
  events.ready?.(1);
  clock.run(5 * STATUS_POLL_MS);
  await flush();
  assert.equal(polls, 0);
});
