/**
 * The real host's Clock: performance.now() for monotonic time, Date.now() for the wall clock, and
 * timers that are never early and late by a tenth of a millisecond rather than a whole one.
 *
 * Node's setTimeout works in whole milliseconds of a cached loop time: alone, a timer fires
 * 0.55-0.8 ms late at the median (bench/timers.ts), above keepalived's 0.5 ms, and at 50 ms adverts
 * that matters. All timers share one queue and one wake-up for its head, woken by one of:
 * - 'timerfd' (the default where the addon loads): the addon's timerfd on CLOCK_MONOTONIC, polled
 *   by the event loop like a socket. Nanosecond arming, no sleeping or spinning of the thread,
 *   one system call per arming.
 * - 'sleep' (without the addon): a coarse setTimeout that wakes `spinMarginMs` before the due time,
 *   then Atomics.wait for the rest (a timer armed within the margin first waits one setImmediate,
 *   so pending I/O runs). As precise, but each Atomics.wait costs 50-70 µs of CPU whatever its
 *   length, and blocks the thread meanwhile: at 1000 Masters at 1 s that was half of the VRRP
 *   child's CPU (bench/daemon.mjs).
 * - 'coarse': setTimeout alone, for what needs no sub-millisecond precision (the parent, netlink
 *   request timeouts).
 * p99 (1.5-3.5 ms on a loaded 2-CPU host) is dominated by OS scheduling whichever wakes.
 *
 * Precise timers (Master_Down_Timer, Skew_Time) wake PRECISE_LEAD_MS early and hold the thread
 * until they are due. A thread asleep in epoll wakes 0.5-0.8 ms after its timerfd expires on an
 * idle virtual machine (bench/daemon.mjs takeovers, timed in the daemon): on a takeover that was
 * a third of the distance to the RFC bound. Holding the thread would also hold back an advert
 * that arrives in that last millisecond, which must re-arm the timer rather than lose to it, so
 * the hold asks the addon whether any VRRP socket has a datagram waiting and, if one has, lets
 * the event loop read it first. Only timers that come due are held for: a Master_Down_Timer
 * re-armed by every advert never is.
 */
import { performance } from 'node:perf_hooks';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { nativeBinding, nativeUnavailable } from './native/binding.js';
import type { NativeTimer } from './native/binding.js';

/** How early the loop wakes for a precise timer, to hold the thread until it is due. */
export const PRECISE_LEAD_MS = 1;
/** Default margin slept precisely rather than left to setTimeout, in 'sleep' mode. */
export const DEFAULT_SPIN_MARGIN_MS = 1;
/** Atomics.wait on a value nobody changes: a sub-millisecond sleep of the thread. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Linux's largest timer slack on a poll/epoll timeout (select_estimate_accuracy: 0.1 %, at most 100 ms). */
const MAX_SLACK_MS = 100;
/** setTimeout treats larger delays as 1 ms; longer timers are re-armed in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export type ClockWake = 'timerfd' | 'sleep' | 'coarse';

export interface RealClockOptions {
  /** How the loop wakes for the earliest timer (see above); default 'timerfd', or 'sleep' without the addon. */
  readonly wake?: ClockWake;
  /** 'sleep' mode: the last part of each delay slept precisely; 0 is the same as 'coarse'. */
  readonly spinMarginMs?: number;
  /**
   * Whether input is waiting that a precise timer must not overtake ('timerfd' mode only, where
   * it defaults to the addon's anyReadable). Without it precise timers are ordinary ones.
   */
  readonly inputPending?: () => boolean;
}

/** An armed timer; also its handle. Ordered by due time, then by arming order. */
export class ArmedTimer implements TimerHandle {
  /** Cleared, or fired: a heap entry that is skipped when it comes up. */
  done = false;
  constructor(
    readonly timerId: number,
    readonly dueMs: number,
    readonly fn: () => void,
  ) {}
}

function firesBefore(a: ArmedTimer, b: ArmedTimer): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.timerId < b.timerId);
}

/**
 * A binary min-heap of timers. Clearing only marks an entry done; it leaves the heap when it comes
 * up. A sorted array with splice/shift, as before, reallocated its backing store as thousands of
 * timers came and went, and the copies lived long enough to be promoted: at 1000 Masters that
 * was a mark-compact every half minute.
 */
export class TimerHeap {
  readonly #items: ArmedTimer[] = [];

  /** The earliest live timer, dropping done ones from the top. */
  peek(): ArmedTimer | undefined {
    const items = this.#items;
    while (items.length > 0 && items[0]!.done) this.#popTop();
    return items[0];
  }

  push(timer: ArmedTimer): void {
    const items = this.#items;
    let i = items.length;
    items.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!firesBefore(timer, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = timer;
  }

  /** Removes the top (the caller peeked it). */
  #popTop(): void {
    const items = this.#items;
    const last = items.pop()!;
    const size = items.length;
    if (size === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && firesBefore(items[right]!, items[left]!) ? right : left;
      if (!firesBefore(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
  }

  /** Takes the earliest live timer if it is due by `nowMs`. */
  takeDue(nowMs: number): ArmedTimer | undefined {
    const top = this.peek();
    if (top === undefined || top.dueMs > nowMs) return undefined;
    this.#popTop();
    top.done = true;
    return top;
  }
}

/** The wake-up behind a clock: asked to call `run` no earlier than the head's due time. */
interface Waker {
  /** The earliest timer is now due at `dueMs` (undefined: no timers). */
  schedule(dueMs: number | undefined): void;
  /** Called by `run` before it fires timers: anything armed has been consumed. */
  woke(): void;
}

/** The addon's check for waiting adverts, where the addon loads and has it. */
function defaultInputPending(): (() => boolean) | undefined {
  if (nativeUnavailable() !== undefined) return undefined;
  const binding = nativeBinding();
  return typeof binding.anyReadable === 'function' ? binding.anyReadable.bind(binding) : undefined;
}

/** The wake-up a clock gets when none is asked for: the addon's timer where it loads. */
export function defaultWake(): ClockWake {
  // An addon built before the timer existed loads but has no Timer: rebuilt by the next install.
  return nativeUnavailable() === undefined && typeof nativeBinding().Timer === 'function' ? 'timerfd' : 'sleep';
}

function timerfdWaker(run: () => void): Waker {
  let timer: NativeTimer | undefined;
  let armedForMs: number | undefined;
  return {
    schedule(dueMs) {
      if (dueMs === armedForMs) return;
      timer ??= new (nativeBinding().Timer)(run);
      armedForMs = dueMs;
      if (dueMs === undefined) timer.disarm();
      else timer.arm(dueMs - performance.now());
    },
    woke() {
      armedForMs = undefined;
    },
  };
}

function timeoutWaker(run: () => void, marginMs: number): Waker {
  let coarse: { readonly timeout: NodeJS.Timeout; readonly forDueMs: number } | undefined;
  let spin: NodeJS.Immediate | undefined;
  const disarm = (): void => {
    if (coarse !== undefined) clearTimeout(coarse.timeout);
    if (spin !== undefined) clearImmediate(spin);
    coarse = undefined;
    spin = undefined;
  };
  return {
    schedule(dueMs) {
      if (dueMs === undefined) return disarm();
      const remainingMs = dueMs - performance.now();
      if (remainingMs <= marginMs) {
        if (spin === undefined) {
          disarm();
          spin = setImmediate(run);
        }
        return;
      }
      if (coarse?.forDueMs === dueMs) return;
      disarm();
      // Also covers delays over setTimeout's limit (re-armed in steps) and a loop that woke early.
      // Linux lets epoll_wait wake up to 0.1 % of its timeout late (timer slack, at most 100 ms):
      // 3.5 ms for a 3.57 s Master_Down_Timer, past the margin. So wake that much earlier; a wake
      // that came early re-arms a short (slack-free) timeout for the rest.
      const coarseMs = remainingMs - marginMs;
      coarse = { timeout: setTimeout(run, Math.min(MAX_TIMEOUT_MS, coarseMs - Math.min(MAX_SLACK_MS, coarseMs / 1000))), forDueMs: dueMs };
    },
    woke() {
      coarse = undefined;
      spin = undefined;
    },
  };
}

/**
 * All timers share one queue ordered by due time (then arming order) and one wake-up, so timers
 * fire in due order even when the loop wakes late with several overdue.
 */
export function createRealClock(options: RealClockOptions = {}): Clock {
  const marginMs = options.spinMarginMs ?? DEFAULT_SPIN_MARGIN_MS;
  const wake = marginMs <= 0 ? 'coarse' : options.wake ?? defaultWake();
  const sleepMarginMs = wake === 'sleep' ? marginMs : 0;
  // The other wakes are for hosts without the addon, which cannot tell whether adverts wait.
  const inputPending = wake === 'timerfd' ? options.inputPending ?? defaultInputPending() : undefined;
  const timers = new TimerHeap();
  /** The precise timers again (the same objects), by due time: the earliest sets an early wake-up. */
  const precise = new TimerHeap();
  let lastId = 0;
  /** While run() fires timers, the timers they arm wait for its one schedule() at the end. */
  let running = false;

  const wakeAtMs = (): number | undefined => {
    const dueMs = timers.peek()?.dueMs;
    const preciseDueMs = inputPending === undefined ? undefined : precise.peek()?.dueMs;
    if (preciseDueMs === undefined) return dueMs;
    const early = preciseDueMs - PRECISE_LEAD_MS;
    return dueMs === undefined || early < dueMs ? early : dueMs;
  };

  const schedule = (): void => {
    if (!running) waker.schedule(wakeAtMs());
  };

  const fireDue = (nowMs: number): void => {
    // Timers armed by these callbacks are due after nowMs, so this ends.
    for (let due = timers.takeDue(nowMs); due !== undefined; due = timers.takeDue(nowMs)) due.fn();
  };

  /**
   * Holds the thread for precise timers due within the lead, firing each when due, for at most
   * one lead in all; stops early when input is waiting (the loop reads it and wakes us again).
   */
  const holdForPrecise = (pending: () => boolean, fromMs: number): void => {
    const holdEndMs = fromMs + PRECISE_LEAD_MS;
    let next = precise.peek();
    // Nearly every wake-up: nothing precise is near.
    if (next === undefined || next.dueMs > holdEndMs) return;
    let nowMs = performance.now();
    for (; next !== undefined && next.dueMs <= holdEndMs; next = precise.peek()) {
      while (nowMs < next.dueMs && nowMs < holdEndMs && !pending()) nowMs = performance.now();
      if (nowMs < next.dueMs) return;
      fireDue(nowMs);
    }
  };

  function run(): void {
    waker.woke();
    running = true;
    let nowMs = performance.now();
    const head = timers.peek();
    if (head !== undefined && head.dueMs > nowMs && head.dueMs - nowMs <= sleepMarginMs) {
      // Sleep the rest (at most the margin); a wait that returned early is resumed.
      for (let tries = 0; tries < 4 && nowMs < head.dueMs; tries++) {
        Atomics.wait(sleeper, 0, 0, head.dueMs - nowMs);
        nowMs = performance.now();
      }
    }
    try {
      fireDue(nowMs);
      if (inputPending !== undefined) holdForPrecise(inputPending, nowMs);
    } finally {
      running = false;
      schedule();
    }
  }

  const waker = wake === 'timerfd' ? timerfdWaker(run) : timeoutWaker(run, sleepMarginMs);

  return {
    nowMs: () => performance.now(),
    wallClockMs: () => Date.now(),
    setTimer(delayMs, fn, timerOptions) {
      const isPrecise = timerOptions?.precise === true && inputPending !== undefined;
      const timer = new ArmedTimer(++lastId, performance.now() + Math.max(0, delayMs), fn);
      timers.push(timer);
      if (isPrecise) precise.push(timer);
      schedule();
      return timer;
    },
    clearTimer(handle: TimerHandle) {
      // Handles are this clock's own; one already fired or cleared is left alone.
      if (!(handle instanceof ArmedTimer) || handle.done) return;
      handle.done = true;
      schedule();
    },
  };
}
