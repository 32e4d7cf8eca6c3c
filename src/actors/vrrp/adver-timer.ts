/**
 * The Adver_Timer rounds of one Master (RFC 5798 §6.4.3: "Send an ADVERTISEMENT, Reset the
 * Adver_Timer to Advertisement_Interval"), run by the host so that a round costs one timer and one
 * datagram rather than a machine step; the machine starts, re-arms and stops it (see the instance
 * machine's header).
 *
 * Each round is due one interval after the previous round was due, not after the moment it ran,
 * so one late wake-up does not push every later advert back with it. Nor does it step back at
 * once: that would follow one long interval on the wire with one as short, two intervals off for
 * one stall. A round that runs late puts its successor late too, by as much less a millisecond
 * (in half-millisecond steps, so that chains delayed together still share a wake-up), and each
 * round after closes the gap by a millisecond until the chain is back on the grid. A round less
 * than 1.5 ms late (the last of a busy slot, say) steps straight back: splitting chains off their
 * slot for that would cost wake-ups. After a stall longer than an interval it counts from now
 * again, rather than sending the missed rounds in a burst.
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
 * Masters that start together would all land in the few slots of their start, 40 of 100 Masters
 * in one, and then one stall of the process delays all of their adverts at once. On the benchmark
 * host a send now and then is held 3-4 ms (the reader it wakes preempts us); in a slot of 40
 * that is 80 intervals off by 3-4 ms, more than 1 % of 100 Masters' intervals in a minute. So
 * with an AdverGrid shared by the instances, a chain that starts (rather than one re-armed by a
 * received advert) joins a slot only while it holds fewer than SLOT_CHAINS_MAX chains, and
 * opens a new slot only while fewer than SLOTS_IN_USE_MAX of the interval's are in use; it may
 * take a slot earlier in its first interval for that, so its first round comes sooner, never
 * later. 100 Masters take 10 slots, about 10 wake-ups a second; 1000 take 25 slots of 40.
 * Spreading every chain to its own slot would bound the harm best, but at 100 Masters it meant
 * 25-50 wake-ups a second and twice keepalived's CPU; 5 to a slot cost a third more than 10.
 */
import type { Clock, TimerHandle } from '../../ports/clock.js';
import { invariant } from '../../machines/assert.js';

/** Grid step: a fiftieth of the interval, at most this. */
export const ADVER_GRID_MAX_MS = 20;
export const GRID_PER_INTERVAL = 50;
/** How much sooner than an interval after a late round its successor may come, returning to the grid. */
export const ADVER_CATCH_UP_MS = 1;
/** A late round's successor is set late in steps of this. */
const ADVER_LAG_STEP_MS = 0.5;
/** Starting chains join a slot only while it holds fewer than this many (see above)... */
export const SLOT_CHAINS_MAX = 10;
/** ...and open a new one only while fewer than this many of the interval's slots are in use. */
export const SLOTS_IN_USE_MAX = 25;

/** When the first round after arming at `fromMs` is due: one interval on, rounded up to the grid. */
export function firstRoundMs(fromMs: number, intervalMs: number): number {
  const gridMs = gridStepMs(intervalMs);
  return Math.ceil((fromMs + intervalMs) / gridMs) * gridMs;
}

function gridStepMs(intervalMs: number): number {
  return Math.min(ADVER_GRID_MAX_MS, intervalMs / GRID_PER_INTERVAL);
}

/** A slot of the grid: its interval, and where in the interval it falls. */
export interface GridSlot {
  readonly intervalMs: number;
  readonly index: number;
}

/** How many running Adver_Timer chains fall in each slot of the grid, per interval. */
export class AdverGrid {
  readonly #chains = new Map<number, number[]>();

  /**
   * The first round of a chain armed at `fromMs`, and the slot it takes ({@link release} gives it
   * back): {@link firstRoundMs}'s without `spread`, or when that slot may be taken. Otherwise,
   * among the slots due after `fromMs`, latest first: a used slot with room; an unused one while
   * few enough are in use; when neither, the least used.
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
    const stepsBack = (k: number): number => slotIndex(latestMs - k * gridMs, gridMs, slots);
    const dueMs = latestMs - (spread ? spreadSteps(counts, stepsBack, (latestMs - fromMs) / gridMs) : 0) * gridMs;
    const index = slotIndex(dueMs, gridMs, slots);
    counts[index]!++;
    return { dueMs, slot: { intervalMs, index } };
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

/**
 * How many grid steps before its natural slot (step 0) a starting chain goes: see
 * {@link AdverGrid.take}. `indexAt(k)` is the slot k steps back; fewer than `steps` steps stay
 * due after the chain is armed.
 */
function spreadSteps(counts: readonly number[], indexAt: (k: number) => number, steps: number): number {
  const inUse = counts.reduce((n, c) => (c > 0 ? n + 1 : n), 0);
  const hasRoom = (c: number): boolean => c > 0 && c < SLOT_CHAINS_MAX;
  const canOpen = (c: number): boolean => c === 0 && inUse < SLOTS_IN_USE_MAX;
  const natural = counts[indexAt(0)]!;
  if (hasRoom(natural) || canOpen(natural)) return 0;
  let open: number | undefined;
  let leastUsed: number | undefined;
  for (let k = 0; k < counts.length && k < steps; k++) {
    const c = counts[indexAt(k)]!;
    if (hasRoom(c)) return k;
    if (open === undefined && canOpen(c)) open = k;
    if (c > 0 && (leastUsed === undefined || c < counts[indexAt(leastUsed)]!)) leastUsed = k;
  }
  return open ?? leastUsed ?? 0;
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
  /** When the current round is due on the grid (the timer may be set later, catching up). */
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
   * (Re)arms: the first round is due an interval after `fromMs` (now unless given), on the grid.
   * A chain that was not running may take an earlier slot of that interval instead (see above);
   * a re-armed one keeps to the interval.
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

  /** Arms the round due on the grid at `dueMs`, `lagMs` after it. */
  #arm(dueMs: number, lagMs = 0): void {
    invariant(lagMs >= 0, 'Adver_Timer rounds are never early');
    this.#dueMs = dueMs;
    this.#timer = this.#clock.setTimer(dueMs + lagMs - this.#clock.nowMs(), this.#fire);
  }

  #round(): void {
    const nowMs = this.#clock.nowMs();
    const nextMs = this.#dueMs + this.#intervalMs;
    if (nextMs <= nowMs) {
      this.#arm(firstRoundMs(nowMs, this.#intervalMs));
    } else {
      const lateMs = nowMs - this.#dueMs;
      this.#arm(nextMs, Math.max(0, Math.floor((lateMs - ADVER_CATCH_UP_MS) / ADVER_LAG_STEP_MS)) * ADVER_LAG_STEP_MS);
    }
    this.#onRound();
  }
}
