import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusFeed, STATUS_POLL_MS, STATUS_REFRESH_WAIT_MS } from '../../../src/cli/daemon/status-feed.js';
import type { StatusView } from '../../../src/actors/aggregator/aggregator.js';
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

test('the feed tells the aggregator what the watchdog sees and asks the child after ready, transitions and for readers only', async () => {
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
  let view: StatusView | undefined;
  const feed = new StatusFeed(clock, 1, (v) => {
    view = v;
    return { configure: async () => true, close: async () => void (closed = true) };
  });
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

  clock.run(10 * STATUS_POLL_MS);
  await flush();
  assert.equal(polls, 1, 'nobody reads: no polls');

  // Readers: stale counters cost one poll however many ask; fresh ones cost none.
  assert.equal(view?.isFresh?.(), false);
  await Promise.all([view?.refresh?.(), view?.refresh?.(), view?.refresh?.()]);
  assert.equal(polls, 2);
  assert.equal(view?.isFresh?.(), true);
  await view?.refresh?.();
  assert.equal(polls, 2);

  events.event?.({ type: 'instance-state', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', priority: 100, reason: 'test', atMs: 0 });
  clock.run(0);
  await flush();
  assert.equal(polls, 3, 'a transition is followed by a poll');

  events.died?.(77);
  doc = feed.aggregator.document();
  assert.equal(doc.health, 'FAULT');
  assert.equal(doc.live, false);

  await feed.close();
  assert.ok(closed);
  clock.run(10 * STATUS_POLL_MS);
  await view?.refresh?.();
  assert.equal(polls, 3, 'no polls once closed');
});

test('a reader waits at most STATUS_REFRESH_WAIT_MS for a child that does not answer', async () => {
  const clock = manualClock();
  let polls = 0;
  let view: StatusView | undefined;
  const feed = new StatusFeed(clock, 1, (v) => {
    view = v;
    return { configure: async () => true, close: async () => undefined };
  });
  feed.setVrrp({ pid: 1, status: () => (polls++, new Promise(() => undefined)) } as unknown as Watchdog);
  await feed.configure({} as KeepalivedConfig);
  clock.run(0);
  let answered = false;
  const reading = view?.refresh?.().then(() => void (answered = true));
  await flush();
  assert.equal(answered, false);
  clock.run(STATUS_REFRESH_WAIT_MS);
  await reading;
  assert.ok(answered);
  assert.equal(polls, 1, 'the stuck poll is not repeated by the waiting reader');
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
