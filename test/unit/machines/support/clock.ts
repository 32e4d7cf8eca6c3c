/**
 * A virtual clock for XState actors that fires timers one at a time in due order.
 * (XState's SimulatedClock.increment jumps straight to the end, so a timer armed by another
 * timer's handler inside the window would fire late or not at all.)
 */

import type { TimerHandle } from '../../../../src/ports/clock.js';

interface Pending {
  readonly id: number;
  readonly dueMs: number;
  readonly fn: () => void;
}

export class SteppingClock {
  private currentMs = 0;
  private nextId = 1;
  private pending: Pending[] = [];

  now(): number {
    return this.currentMs;
  }

  // ---- The Clock port over the same timers (for host pieces such as the AdverTimer). ----

  nowMs(): number {
    return this.currentMs;
  }

  wallClockMs(): number {
    return this.currentMs;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    return { timerId: this.setTimeout(fn, delayMs) }; // port-ok: the virtual clock's own timers
  }

  clearTimer(handle: TimerHandle): void {
    this.clearTimeout(handle.timerId); // port-ok: the virtual clock's own timers
  }

  setTimeout(fn: (...args: unknown[]) => void, timeoutMs: number): number {
    const id = this.nextId++;
    this.pending.push({ id, dueMs: this.currentMs + Math.max(0, timeoutMs), fn: () => fn() });
    return id;
  }

  clearTimeout(id: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== id);
  }

  /** Due time of the next timer, if any. */
  nextDueMs(): number | undefined {
    return this.earliest()?.dueMs;
  }

  private earliest(): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) if (best === undefined || p.dueMs < best.dueMs || (p.dueMs === best.dueMs && p.id < best.id)) best = p;
    return best;
  }

  /** Advance to `targetMs`, firing every timer due on the way (including ones armed meanwhile). */
  advanceTo(targetMs: number): void {
    for (;;) {
      const next = this.earliest();
      if (next === undefined || next.dueMs > targetMs) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.currentMs = next.dueMs;
      next.fn();
    }
    this.currentMs = Math.max(this.currentMs, targetMs);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.currentMs + ms);
  }

  /** Step timer by timer until `done()` holds; returns the time it first held. */
  runUntil(done: () => boolean, limitMs: number): number {
    const deadline = this.currentMs + limitMs;
    while (!done()) {
      const due = this.nextDueMs();
      if (due === undefined || due > deadline) throw new Error(`condition not reached within ${limitMs} ms (now ${this.currentMs})`);
      this.advanceTo(due);
    }
    return this.currentMs;
  }
}
