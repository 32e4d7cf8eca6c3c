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
 *
 * Masters that start together would all land in the same few slots, so one stall of the process
 * (a garbage collection, a page fault) would delay all of their adverts at once. With an
 * AdverGrid shared by the instances, a chain that starts (rather than one re-armed by a received
 * advert) takes the least used slot of the coming interval instead: its first round may come
 * sooner than an interval after the advert sent on becoming Master, never later, and every round
 * after it is an interval apart. 100 Masters started together then take 50 slots, not 4.
 */
import type { Clock, TimerHandle } from '../../ports/clock.js';
import { invariant } from '../../machines/assert.js';

/** Grid step: a fiftieth of the interval, at most this. */
export const ADVER_GRID_MAX_MS = 20;
export const GRID_PER_INTERVAL = 50;

/** When the first round after arming at `fromMs` is due: one interval on, rounded up to the grid. */
export function firstRoundMs(fromMs: number, intervalMs: number): number {
  const gridMs = gridStepMs(intervalMs);
  return Math.ceil((fromMs + intervalMs) / gridMs) * gridMs;
}

/** The grid step for an interval. */
function gridStepMs(intervalMs: number): number {
  return Math.min(ADVER_GRID_MAX_MS, intervalMs / GRID_PER_INTERVAL);
}

/** A slot of the grid: its interval, and where in the interval it falls. */
export interface GridSlot {
  readonly intervalMs: number;
  readonly index: number;
}

/**
 * How many running Adver_Timer chains fall in each slot of the grid, per interval: shared by
 * the instances of one process so that chains that start together spread out.
 */
export class AdverGrid {
  readonly #chains = new Map<number, number[]>();

  /**
   * The first round of a chain armed at `fromMs`, and the slot it takes ({@link release} gives
   * it back). Spread: the least used slot due after `fromMs` and no later than {@link firstRoundMs},
   * the latest of those on a tie (so an empty grid changes nothing); otherwise firstRoundMs's.
   */
  take(fromMs: number, intervalMs: number, spread: boolean): { readonly dueMs: number; readonly slot: GridSlot } {
    const gridMs = gridStepMs(intervalMs);
    const slots = Math.max(1, Math.round(intervalMs / gridMs));
    let counts = this.#chains.get(intervalMs);
    if (counts === undefined) {
      counts = new Array<number>(slots).fill(0);
      this.#chains.set(intervalMs, counts);
    }
    const latestMs = firstRoundMs(fromMs, intervalMs);
    let bestMs = latestMs;
    let bestIndex = slotIndex(latestMs, gridMs, slots);
    for (let k = 1; spread && k < slots; k++) {
      const dueMs = latestMs - k * gridMs;
      if (dueMs <= fromMs) break;
      const index = slotIndex(dueMs, gridMs, slots);
      if (counts[index]! < counts[bestIndex]!) {
        bestMs = dueMs;
        bestIndex = index;
      }
    }
    counts[bestIndex]!++;
    return { dueMs: bestMs, slot: { intervalMs, index: bestIndex } };
  }

  release(slot: GridSlot): void {
    const counts = this.#chains.get(slot.intervalMs);
    invariant(counts !== undefined && counts[slot.index]! > 0, 'Adver_Timer slot released twice');
    counts[slot.index]!--;
  }

  /** Chains per slot of an interval (for tests). */
  occupancy(intervalMs: number): readonly number[] {
    return this.#chains.get(intervalMs) ?? [];
  }
}

function slotIndex(dueMs: number, gridMs: number, slots: number): number {
  const index = Math.round(dueMs / gridMs) % slots;
  return index < 0 ? index + slots : index;
}

export class AdverTimer {
  readonly #clock: Clock;
  readonly #onRound: () => void;
  readonly #grid: AdverGrid | undefined;
  readonly #fire = (): void => this.#round();
  #timer: TimerHandle | undefined;
  #slot: GridSlot | undefined;
  #dueMs = 0;
  #intervalMs = 0;

  /** `onRound` sends one advert; it runs after the next round is armed. */
  constructor(clock: Clock, onRound: () => void, grid?: AdverGrid) {
    this.#clock = clock;
    this.#onRound = onRound;
    this.#grid = grid;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /**
   * Arms: the first round is due an interval after `fromMs` (now unless given), on the grid. A
   * chain that was not running takes the least used slot of that interval instead (see above);
   * a re-armed one keeps to the interval exactly.
   */
  start(intervalMs: number, fromMs: number = this.#clock.nowMs()): void {
    invariant(intervalMs > 0, 'Adver_Timer needs a positive interval');
    const starting = !this.running;
    this.stop();
    this.#intervalMs = intervalMs;
    if (this.#grid === undefined) {
      this.#arm(firstRoundMs(fromMs, intervalMs));
      return;
    }
    const { dueMs, slot } = this.#grid.take(fromMs, intervalMs, starting);
    this.#slot = slot;
    this.#arm(dueMs);
  }

  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    if (this.#slot !== undefined) this.#grid?.release(this.#slot);
    this.#slot = undefined;
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
