import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ADVER_GRID_MAX_MS, AdverTimer, GRID_PER_INTERVAL, firstRoundMs } from '../../../../src/actors/vrrp/adver-timer.js';
import { SteppingClock } from '../../machines/support/clock.js';
import type { Clock } from '../../../../src/ports/clock.js';

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
  let nowMs = 0;
  const armed: { dueMs: number; fn: () => void }[] = [];
  const clock: Clock = {
    nowMs: () => nowMs,
    wallClockMs: () => nowMs,
    setTimer: (delayMs, fn) => ({ timerId: armed.push({ dueMs: nowMs + delayMs, fn }) }),
    clearTimer: () => undefined,
  };
  let rounds = 0;
  const timer = new AdverTimer(clock, () => rounds++);
  timer.start(50);
  assert.equal(armed[0]!.dueMs, 50);
  nowMs = 180;
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
