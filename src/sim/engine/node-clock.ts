/**
 * A node's own clock over the simulation's: it may run fast or slow (clock drift) and it dies
 * with the daemon incarnation that uses it (a crashed process's timers never fire).
 *
 * Local time = localAtChange + (global − globalAtChange) × rate. A timer armed for d local ms
 * fires after d / rate global ms; a rate change applies to timers armed after it (a timer already
 * armed keeps its global due time — the error is at most one timer's span, noted in the docs).
 */
import type { Clock, TimerHandle } from '../../ports/clock.js';

export class Drift {
  #rate = 1;
  #globalAt = 0;
  #localAt = 0;

  constructor(private readonly global: Clock) {}

  get rate(): number {
    return this.#rate;
  }

  local(): number {
    return this.#localAt + (this.global.nowMs() - this.#globalAt) * this.#rate;
  }

  setRate(rate: number): void {
    if (!(rate > 0)) throw new RangeError(`clock rate ${rate} must be positive`);
    this.#localAt = this.local();
    this.#globalAt = this.global.nowMs();
    this.#rate = rate;
  }
}

/** One daemon incarnation's Clock: drifting, and silent once `alive()` turns false. */
export function nodeClock(global: Clock, drift: Drift, alive: () => boolean): Clock {
  return {
    nowMs: () => drift.local(),
    wallClockMs: () => 1_700_000_000_000 + drift.local(),
    setTimer(delayMs: number, fn: () => void): TimerHandle {
      return global.setTimer(Math.max(0, delayMs) / drift.rate, () => {
        if (alive()) fn();
      });
    },
    clearTimer: (handle) => global.clearTimer(handle),
  };
}
