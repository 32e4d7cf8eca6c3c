/**
 * Virtual time and seeded randomness for tests and the simulator.
 *
 * - VirtualClock: a pure Clock with its own timer queue, fractional milliseconds, advanced by
 *   hand. Each timer fires with nowMs() equal to its own due time (unlike XState's
 *   SimulatedClock.increment, which jumps to the end first). For pure logic (supervisor, machines).
 * - SeededRandom: sfc32 seeded through splitmix32; fork(label) derives a sub-stream from the
 *   root seed and the label path only.
 * - installVirtualTime: @sinonjs/fake-timers over the globals nact and XState use (setTimeout,  // port-ok: the simulator owns the fake timers
 *   setImmediate, setInterval, Date, hrtime, performance), plus a Clock port on the same fake  // port-ok: the simulator owns the fake timers
 *   clock, so one virtual time drives actors, machines and our own timers.
 */
import FakeTimers from '@sinonjs/fake-timers';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Random } from '../ports/random.js';

// ---------------------------------------------------------------------------------------------
// VirtualClock

interface QueuedTimer {
  readonly timerId: number;
  readonly dueMs: number;
  readonly fn: () => void;
}

/** Earlier due time first; equal due times in arming order (timerId grows). */
function before(a: QueuedTimer, b: QueuedTimer): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.timerId < b.timerId);
}

export class VirtualClock implements Clock {
  #nowMs: number;
  readonly #epochMs: number;
  #lastId = 0;
  /** Binary min-heap; cleared timers stay in it and are skipped when they surface. */
  readonly #heap: QueuedTimer[] = [];
  readonly #live = new Set<number>();

  constructor(options: { readonly startMs?: number; readonly epochMs?: number } = {}) {
    this.#nowMs = options.startMs ?? 0;
    this.#epochMs = options.epochMs ?? 0;
  }

  nowMs(): number {
    return this.#nowMs;
  }

  wallClockMs(): number {
    return this.#epochMs + this.#nowMs;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const timerId = ++this.#lastId;
    this.#push({ timerId, dueMs: this.#nowMs + Math.max(0, delayMs), fn });
    this.#live.add(timerId);
    return { timerId };
  }

  clearTimer(handle: TimerHandle): void {
    this.#live.delete(handle.timerId);
  }

  /** Armed timers not yet fired or cleared. */
  pendingTimers(): number {
    return this.#live.size;
  }

  /** Due time of the next live timer, if any. */
  nextDueMs(): number | undefined {
    this.#dropCleared();
    return this.#heap[0]?.dueMs;
  }

  /** Fires every timer due up to now + ms (including timers they arm), then sets now to the end. */
  advanceBy(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advanceBy(${ms}): time only moves forward`);
    this.advanceTo(this.#nowMs + ms);
  }

  advanceTo(targetMs: number): void {
    if (!(targetMs >= this.#nowMs)) throw new RangeError(`advanceTo(${targetMs}): now is ${this.#nowMs}`);
    for (;;) {
      const dueMs = this.nextDueMs();
      if (dueMs === undefined || dueMs > targetMs) break;
      this.runNext();
    }
    this.#nowMs = targetMs;
  }

  /** Fires the next timer (moving now to its due time); false when none is armed. */
  runNext(): boolean {
    this.#dropCleared();
    const timer = this.#pop();
    if (timer === undefined) return false;
    this.#live.delete(timer.timerId);
    this.#nowMs = Math.max(this.#nowMs, timer.dueMs);
    timer.fn();
    return true;
  }

  #dropCleared(): void {
    while (this.#heap.length > 0 && !this.#live.has(this.#heap[0]!.timerId)) this.#pop();
  }

  #push(timer: QueuedTimer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): QueuedTimer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return top;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SeededRandom

/** One step of splitmix32 (golden-ratio increment, murmur3 finaliser): seeds sfc32's state. */
function splitmix32(state: number): { readonly value: number; readonly state: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return { value: (z ^ (z >>> 16)) >>> 0, state: next };
}

/** FNV-1a over the UTF-16 code units of a label path. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const TWO_32 = 2 ** 32;
const TWO_53 = 2 ** 53;

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit). */
export class SeededRandom implements Random {
  readonly seed: number;
  readonly path: string;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** `seed`: any safe integer; `path`: the fork labels that led here ('' for the root). */
  constructor(seed: number, path = '') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed ${seed} is not a safe integer`);
    this.seed = seed;
    this.path = path;
    const high = Math.floor(seed / TWO_32) >>> 0;
    let state = (seed >>> 0) ^ Math.imul(high, 0x9e3779b1) ^ fnv1a32(path);
    const words: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const step = splitmix32(state);
      words.push(step.value);
      state = step.state;
    }
    [this.#a, this.#b, this.#c, this.#d] = words as [number, number, number, number];
    // Mix the seeded state before the first output, as sfc32's reference does.
    for (let i = 0; i < 12; i += 1) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  float(): number {
    return this.#next53() / TWO_53;
  }

  intBetween(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`intBetween(${min}, ${max}): need safe integers with min <= max`);
    }
    const span = max - min + 1;
    // Rejection sampling keeps every value equally likely (no modulo bias).
    const [draw, range] = span <= TWO_32 ? [() => this.nextUint32(), TWO_32] : [() => this.#next53(), TWO_53];
    const limit = range - (range % span);
    for (;;) {
      const x = draw();
      if (x < limit) return min + (x % span);
    }
  }

  fork(label: string): SeededRandom {
    return new SeededRandom(this.seed, `${this.path}/${label}`);
  }

  #next53(): number {
    return (this.nextUint32() >>> 11) * TWO_32 + this.nextUint32();
  }
}

// ---------------------------------------------------------------------------------------------
// installVirtualTime

export interface VirtualWorld {
  /** The Clock port on the fake clock: the same time nact's and XState's timers see. */
  readonly clock: Clock;
  readonly random: SeededRandom;
  /** Moves time forward, firing timers and immediates in order and letting promises settle between them. */
  advanceBy(ms: number): Promise<void>;
  /** Runs until no timer or immediate is left (throws past fake-timers' loop limit, a runaway loop). */
  runUntilIdle(): Promise<void>;
  /** Timers and immediates still queued. */
  pendingTimers(): number;
  /** Puts the real globals back. */
  uninstall(): void;
}

export interface VirtualTimeOptions {
  readonly seed: number;
  /** What Date.now() returns at the start (wall clock only). Default 0. */  // port-ok: the simulator owns the fake timers
  readonly epochMs?: number;
  /** Maximum timers per runUntilIdle before it reports a runaway loop. Default 100000. */
  readonly loopLimit?: number;
}

/**
 * Installs fake timers over the globals. Time has whole-millisecond resolution here (fake-timers'
 * own); the pure VirtualClock keeps fractional time exactly.
 *
 * fake-timers makes anything armed while a timer callback runs fire at least 1 ms later, which
 * would make every nact message hop sent from inside a handler cost 1 virtual ms. Real immediates
 * take microseconds, so setImmediate is wrapped to arm at the current instant (still after  // port-ok: the simulator owns the fake timers
 * everything already queued, immediates before timeouts). A message ping-pong that never ends
 * therefore never lets time advance; runUntilIdle's loop limit reports it.
 */
export function installVirtualTime(options: VirtualTimeOptions): VirtualWorld {
  const epochMs = options.epochMs ?? 0;
  const fake = FakeTimers.install({
    now: epochMs,
    toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'Date', 'hrtime', 'performance'], // port-ok: the simulator owns the fake timers
    loopLimit: options.loopLimit ?? 100_000,
  });
  armImmediatesAtTheCurrentInstant(fake);
  const started = fake.performance.now(); // port-ok: the simulator owns the fake timers
  const nowMs = (): number => fake.performance.now() - started; // port-ok: the simulator owns the fake timers
  const armed = new Map<number, FakeTimers.TimerId>();
  let lastId = 0;
  const clock: Clock = {
    nowMs,
    wallClockMs: () => fake.now,
    setTimer(delayMs, fn) {
      const timerId = ++lastId;
      // Fake timers run on whole milliseconds: round the due time up so a timer is never early.
      const nowWholeMs = fake.now - epochMs;
      const delayWholeMs = Math.max(0, Math.ceil(nowMs() + Math.max(0, delayMs)) - nowWholeMs);
      armed.set(timerId, fake.setTimeout(() => { // port-ok: the simulator owns the fake timers
        armed.delete(timerId);
        fn();
      }, delayWholeMs));
      return { timerId };
    },
    clearTimer(handle) {
      const id = armed.get(handle.timerId);
      if (id === undefined) return;
      armed.delete(handle.timerId);
      fake.clearTimeout(id as never); // the union of node and browser clocks types this as an intersection
    },
  };
  return {
    clock,
    random: new SeededRandom(options.seed),
    advanceBy: async (ms) => void (await fake.tickAsync(ms)),
    runUntilIdle: async () => void (await fake.runAllAsync()),
    pendingTimers: () => fake.countTimers(),
    uninstall: () => fake.uninstall(),
  };
}

/**
 * Relies on fake-timers' `duringTick` flag (15.0.0, pinned); the runtime tests check that a message
 * hop costs no virtual time, so a change in that internal shows up there.
 */
function armImmediatesAtTheCurrentInstant(fake: FakeTimers.InstalledClock): void {
  const internals = fake as unknown as { duringTick?: boolean };
  const zeroTimeSetImmediate = (fn: (...args: unknown[]) => void, ...args: unknown[]): unknown => {
    const saved = internals.duringTick;
    internals.duringTick = false;
    try {
      return fake.setImmediate(() => fn(...args)); // port-ok: the simulator owns the fake timers
    } finally {
      internals.duringTick = saved;
    }
  };
  // fake.uninstall() puts the real setImmediate back only when the global it finds carries the // port-ok: the simulator owns the fake timers
  // fake's own markers (hadOwnProperty), so they are copied onto the wrapper.
  const global = globalThis as { setImmediate: unknown }; // port-ok: the simulator owns the fake timers
  global.setImmediate = Object.assign(zeroTimeSetImmediate, global.setImmediate); // port-ok: the simulator owns the fake timers
}
