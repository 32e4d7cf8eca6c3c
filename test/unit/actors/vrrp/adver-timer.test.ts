import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ADVER_GRID_MAX_MS, AdverGrid, AdverTimer, GRID_PER_INTERVAL, SLOT_CHAINS_MAX, SLOTS_IN_USE_MAX, firstRoundMs } from '../../../../src/actors/vrrp/adver-timer.js';
import { SteppingClock } from '../../machines/support/clock.js';
import type { Clock } from '../../../../src/ports/clock.js';

/** A clock the test moves by hand: timers only record when they are due; the test runs them. */
function handClock(): { clock: Clock; armed: { dueMs: number; fn: () => void }[]; setNow(ms: number): void; now(): number } {
  let nowMs = 0;
  const armed: { dueMs: number; fn: () => void }[] = [];
  const clock: Clock = {
    nowMs: () => nowMs,
    wallClockMs: () => nowMs,
    setTimer: (delayMs, fn) => ({ timerId: armed.push({ dueMs: nowMs + delayMs, fn }) }),
    clearTimer: () => undefined,
  };
  return { clock, armed, setNow: (ms) => (nowMs = ms), now: () => nowMs };
}

test('rounds are exactly an interval apart, the first at most a grid step past one interval', () => {
  const clock = new SteppingClock();
  clock.advanceTo(1234.567);
  const rounds: number[] = [];
  const timer = new AdverTimer(clock, () => rounds.push(clock.now()));
  timer.start(1000);
  clock.advanceBy(5000);
  assert.equal(rounds.length, 4);
  assert.ok(rounds[0]! >= 2234.567 && rounds[0]! < 2234.567 + ADVER_GRID_MAX_MS, `first round at ${rounds[0]}`);
  assert.equal(rounds[0]! % ADVER_GRID_MAX_MS, 0);
  for (let i = 1; i < rounds.length; i++) assert.equal(rounds[i]! - rounds[i - 1]!, 1000);
});

test('re-arming replaces the chain; stop ends it', () => {
  const clock = new SteppingClock();
  const rounds: number[] = [];
  const timer = new AdverTimer(clock, () => rounds.push(clock.now()));
  timer.start(100);
  clock.advanceBy(150);
  timer.start(100); // a received advert re-arms from now
  clock.advanceBy(150);
  assert.deepEqual(rounds, [100, 250]);
  timer.stop();
  assert.equal(timer.running, false);
  clock.advanceBy(1000);
  assert.deepEqual(rounds, [100, 250]);
});

test('after a stall of more than an interval, rounds count from now again (no burst)', () => {
  // A clock whose loop was blocked: the timer runs at 180 ms although due at 50 ms.
  const { clock, armed, setNow } = handClock();
  let rounds = 0;
  const timer = new AdverTimer(clock, () => rounds++);
  timer.start(50);
  assert.equal(armed[0]!.dueMs, 50);
  setNow(180);
  armed[0]!.fn();
  assert.equal(rounds, 1);
  assert.equal(armed[1]!.dueMs, 230); // not 100, 150, 200 in a burst
});

test('the first round is never early and at most one grid step late', () => {
  fc.assert(fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom(50, 100, 230, 1000, 3000), (fromMs, intervalMs) => {
    const due = firstRoundMs(fromMs, intervalMs);
    const gridMs = Math.min(ADVER_GRID_MAX_MS, intervalMs / GRID_PER_INTERVAL);
    return due >= fromMs + intervalMs && due - (fromMs + intervalMs) < gridMs + 1e-6;
  }));
});

test('chains that start together fill slots up to the cap, latest first; each keeps its interval; stopping frees the slot', () => {
  const clock = new SteppingClock();
  clock.advanceTo(5000.25);
  const grid = new AdverGrid();
  const rounds = new Map<number, number[]>();
  const timers = Array.from({ length: 100 }, (_, i) => {
    rounds.set(i, []);
    return new AdverTimer(clock, () => rounds.get(i)!.push(clock.now()), grid);
  });
  const startMs = clock.now();
  for (const t of timers) t.start(1000);
  const used = grid.occupancy(1000).filter((n) => n > 0);
  assert.deepEqual(used, new Array<number>(100 / SLOT_CHAINS_MAX).fill(SLOT_CHAINS_MAX));
  clock.advanceBy(3500);
  const firsts = new Set<number>();
  for (const [i, times] of rounds) {
    // The first round: after the start, never later than an interval (rounded up to the grid).
    assert.ok(times[0]! > startMs && times[0]! <= firstRoundMs(startMs, 1000), `chain ${i} first at ${times[0]}`);
    firsts.add(times[0]!);
    for (let r = 1; r < times.length; r++) assert.equal(times[r]! - times[r - 1]!, 1000);
  }
  // The latest slots: the first ten chains keep to the interval, the next ten go a step sooner...
  assert.deepEqual([...firsts].sort((a, b) => b - a), Array.from({ length: 10 }, (_, k) => firstRoundMs(startMs, 1000) - k * 20));
  for (const t of timers) t.stop();
  assert.deepEqual([...grid.occupancy(1000)], new Array<number>(GRID_PER_INTERVAL).fill(0));
});

test('a large fleet opens at most SLOTS_IN_USE_MAX slots, then fills the least used', () => {
  const clock = new SteppingClock();
  const grid = new AdverGrid();
  const timers = Array.from({ length: 1007 }, () => new AdverTimer(clock, () => undefined, grid));
  for (const t of timers) {
    t.start(1000);
    clock.advanceBy(1.5); // starts spread over a second and a half, as a large config's are
  }
  const counts = grid.occupancy(1000);
  assert.equal(counts.reduce((a, b) => a + b, 0), timers.length);
  const used = counts.filter((c) => c > 0);
  assert.equal(used.length, SLOTS_IN_USE_MAX);
  assert.ok(Math.max(...used) - Math.min(...used) <= 1, `uneven: ${used.join(' ')}`);
  for (const t of timers) t.stop();
});

test('a re-armed chain keeps to the interval even in a full slot', () => {
  const clock = new SteppingClock();
  const grid = new AdverGrid();
  const rounds: number[] = [];
  const others = Array.from({ length: SLOT_CHAINS_MAX }, () => new AdverTimer(clock, () => undefined, grid));
  const timer = new AdverTimer(clock, () => rounds.push(clock.now()), grid);
  for (const t of others) t.start(100);
  timer.start(100); // the natural slot is full: a step sooner
  clock.advanceBy(150);
  timer.start(100); // a received advert re-arms from now: exactly an interval on
  clock.advanceBy(150);
  assert.deepEqual(rounds, [98, 250]);
  for (const t of [...others, timer]) t.stop();
  assert.equal(grid.occupancy(100).reduce((a, b) => a + b, 0), 0);
});

test('after a late round the chain returns to the grid a millisecond a round, never with an interval short by more than 1.5 ms', () => {
  const { clock, armed, setNow, now } = handClock();
  const sent: number[] = [];
  const timer = new AdverTimer(clock, () => sent.push(now()));
  timer.start(1000);
  const fireOnTime = (lateMs = 0): void => {
    const next = armed.at(-1)!;
    setNow(next.dueMs + lateMs);
    next.fn();
  };
  fireOnTime(); // 1000, on the grid
  fireOnTime(4.2); // a stall: 2004.2
  for (let i = 0; i < 10; i++) fireOnTime();
  assert.deepEqual(sent.slice(0, 2), [1000, 2004.2]);
  const intervals = sent.slice(1).map((t, i) => t - sent[i]!);
  assert.ok(intervals.every((ms, i) => i === 0 || (ms <= 1000 && ms > 998.5)), `intervals ${intervals.join(' ')}`);
  assert.equal(sent.at(-1)! % 1000, 0, 'back on the grid');
  // A round less than 1.5 ms late steps straight back to the grid.
  fireOnTime(1.4);
  fireOnTime();
  assert.equal(sent.at(-1)! % 1000, 0);
});
