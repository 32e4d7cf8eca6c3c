/**
 * The real host's Clock: performance.now() for monotonic time, Date.now() for the wall clock, and
 * timers that are never early and usually late by a tenth of a millisecond rather than a whole one.
 *
 * Node's setTimeout works in whole milliseconds of a cached loop time: alone, a timer fires
 * 0.55-0.8 ms late at the median (bench/timers.ts), above keepalived's 0.5 ms, and at 50 ms adverts
 * that matters. So a timer is armed in two phases: a coarse setTimeout that wakes `spinMarginMs`
 * before the due time, then a precise sleep of the rest (a timer armed within the margin first
 * waits one setImmediate, so pending I/O runs): Atomics.wait with a fractional timeout, which
 * blocks the thread for at most the margin without burning CPU. One wake-up serves all timers.
 * The sleep replaced a setImmediate spin-down polling performance.now(): as precise (0.004 vs
 * ~0.1 ms median lateness) but ~200 loop turns per timer, which at 1000 timers/s (1000 Masters
 * at 1 s) cost 35 % of a core and ~40 KB of garbage per timer; the sleep costs 8 % there, the
 * same as plain setTimeout (bench/daemon.mjs).
 * p99 (1.5-3.5 ms on a loaded 2-CPU host) is dominated by OS scheduling either way.
 */
import { performance } from 'node:perf_hooks';
import type { Clock, TimerHandle } from '../ports/clock.js';

/** Default margin slept precisely rather than left to setTimeout (see the measurements above). */
export const DEFAULT_SPIN_MARGIN_MS = 1;
/** Atomics.wait on a value nobody changes: a sub-millisecond sleep of the thread. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Linux's largest timer slack on a poll/epoll timeout (select_estimate_accuracy: 0.1 %, at most 100 ms). */
const MAX_SLACK_MS = 100;
/** setTimeout treats larger delays as 1 ms; longer timers are re-armed in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface RealClockOptions {
  /** Last part of each delay slept precisely (Atomics.wait); 0: coarse setTimeout timers only. */
  readonly spinMarginMs?: number;
}

interface Armed {
  readonly timerId: number;
  readonly dueMs: number;
  readonly fn: () => void;
}

/**
 * All timers share one queue ordered by due time (then arming order) and one wake-up, so timers
 * fire in due order even when the loop wakes late with several overdue.
 */
export function createRealClock(options: RealClockOptions = {}): Clock {
  const marginMs = options.spinMarginMs ?? DEFAULT_SPIN_MARGIN_MS;
  const queue: Armed[] = [];
  let lastId = 0;
  let coarse: { readonly timeout: NodeJS.Timeout; readonly forDueMs: number } | undefined;
  let spin: NodeJS.Immediate | undefined;

  const disarm = (): void => {
    if (coarse !== undefined) clearTimeout(coarse.timeout);
    if (spin !== undefined) clearImmediate(spin);
    coarse = undefined;
    spin = undefined;
  };

  const schedule = (): void => {
    const head = queue[0];
    if (head === undefined) return disarm();
    const remainingMs = head.dueMs - performance.now();
    if (remainingMs <= marginMs) {
      if (spin === undefined) {
        disarm();
        spin = setImmediate(run);
      }
      return;
    }
    if (coarse?.forDueMs === head.dueMs) return;
    disarm();
    // Also covers delays over setTimeout's limit (re-armed in steps) and a loop that woke early.
    // Linux lets epoll_wait wake up to 0.1 % of its timeout late (timer slack, at most 100 ms):
    // 3.5 ms for a 3.57 s Master_Down_Timer, past the margin. So wake that much earlier; a wake
    // that came early re-arms a short (slack-free) timeout for the rest.
    const coarseMs = remainingMs - marginMs;
    coarse = { timeout: setTimeout(run, Math.min(MAX_TIMEOUT_MS, coarseMs - Math.min(MAX_SLACK_MS, coarseMs / 1000))), forDueMs: head.dueMs };
  };

  function run(): void {
    coarse = undefined;
    spin = undefined;
    let nowMs = performance.now();
    const head = queue[0];
    if (head !== undefined && head.dueMs > nowMs && head.dueMs - nowMs <= marginMs) {
      // Sleep the rest (at most the margin); a wait that returned early is resumed.
      for (let tries = 0; tries < 4 && nowMs < head.dueMs; tries++) {
        Atomics.wait(sleeper, 0, 0, head.dueMs - nowMs);
        nowMs = performance.now();
      }
    }
    try {
      // Timers armed by these callbacks are due after nowMs, so this ends.
      while (queue.length > 0 && queue[0]!.dueMs <= nowMs) queue.shift()!.fn();
    } finally {
      schedule();
    }
  }

  /** Index where a timer due at dueMs goes: after every timer due no later (arming order for ties). */
  const insertionIndex = (dueMs: number): number => {
    let low = 0;
    let high = queue.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (queue[mid]!.dueMs <= dueMs) low = mid + 1;
      else high = mid;
    }
    return low;
  };

  return {
    nowMs: () => performance.now(),
    wallClockMs: () => Date.now(),
    setTimer(delayMs, fn) {
      const timerId = ++lastId;
      const dueMs = performance.now() + Math.max(0, delayMs);
      queue.splice(insertionIndex(dueMs), 0, { timerId, dueMs, fn });
      schedule();
      return { timerId };
    },
    clearTimer(handle: TimerHandle) {
      const index = queue.findIndex((timer) => timer.timerId === handle.timerId);
      if (index < 0) return;
      queue.splice(index, 1);
      schedule();
    },
  };
}
