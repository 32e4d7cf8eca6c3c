/**
 * The Adver_Timer rounds of one Master (RFC 5798 §6.4.3: "Send an ADVERTISEMENT, Reset the
 * Adver_Timer to Advertisement_Interval"), run by the host so that a round costs one timer and one
 * datagram rather than a machine step; the machine starts, re-arms and stops it (see the instance
 * machine's header).
 *
 * Each round is due one interval after the previous round was due, not after the moment it ran,
 * so one late wake-up does not push every later advert back with it. After a stall longer than an
 * interval it counts from now again, rather than sending the missed rounds in a burst.
 *
 * Rounds fall on a grid of a fiftieth of the interval (at most 20 ms), counted from the clock's
 * origin: arming rounds the first round up to the grid, once, and every later round stays on it.
 * So Masters with the same interval share wake-ups instead of each waking the process alone — at
 * 1000 Masters at 1 s, 50 wake-ups a second instead of 1000 — while each instance's interval
 * stays exact. A wake-up costs more than the adverts it sends: a grid of a hundredth (100
 * wake-ups a second) cost the VRRP process 1.87-2.00 % of a core there, this one 1.42-1.52 %
 * (bench/daemon.mjs fleets side by side). The first round after arming comes at most 2 % of an
 * interval late, far inside the 3 intervals a backup waits.
 */
import type { Clock, TimerHandle } from '../../ports/clock.js';
import { invariant } from '../../machines/assert.js';

/** Grid step: a fiftieth of the interval, at most this. */
export const ADVER_GRID_MAX_MS = 20;
export const GRID_PER_INTERVAL = 50;

/** When the first round after arming at `fromMs` is due: one interval on, rounded up to the grid. */
export function firstRoundMs(fromMs: number, intervalMs: number): number {
  const gridMs = Math.min(ADVER_GRID_MAX_MS, intervalMs / GRID_PER_INTERVAL);
  return Math.ceil((fromMs + intervalMs) / gridMs) * gridMs;
}

export class AdverTimer {
  readonly #clock: Clock;
  readonly #onRound: () => void;
  readonly #fire = (): void => this.#round();
  #timer: TimerHandle | undefined;
  #dueMs = 0;
  #intervalMs = 0;

  /** `onRound` sends one advert; it runs after the next round is armed. */
  constructor(clock: Clock, onRound: () => void) {
    this.#clock = clock;
    this.#onRound = onRound;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** (Re)arms: the first round is due an interval after `fromMs` (now unless given), on the grid. */
  start(intervalMs: number, fromMs: number = this.#clock.nowMs()): void {
    invariant(intervalMs > 0, 'Adver_Timer needs a positive interval');
    this.stop();
    this.#intervalMs = intervalMs;
    this.#arm(firstRoundMs(fromMs, intervalMs));
  }

  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  #arm(dueMs: number): void {
    this.#dueMs = dueMs;
    this.#timer = this.#clock.setTimer(dueMs - this.#clock.nowMs(), this.#fire);
  }

  #round(): void {
    const nowMs = this.#clock.nowMs();
    const nextMs = this.#dueMs + this.#intervalMs;
    this.#arm(nextMs > nowMs ? nextMs : firstRoundMs(nowMs, this.#intervalMs));
    this.#onRound();
  }
}
