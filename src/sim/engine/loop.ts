/**
 * The simulator's event loop: one VirtualClock (fractional ms) for every timer, and the process's
 * setImmediate replaced by a FIFO queue the loop drains itself, so nact's message hops happen at // port-ok: the simulator owns its event loop
 * the virtual instant they were sent, in the order they were sent, and never race anything else.
 *
 * Why not installVirtualTime: fake-timers works in whole milliseconds and VRRP's timers do not
 * (Master_Down_Interval 3570.312 ms); and its async tick yields a real setTimeout per timer. // port-ok: the simulator owns its event loop
 * Here a step is: fire one timer, then run queued immediates one at a time, letting promises
 * settle after each (one real macrotask turn: Node empties the microtask queue before it).
 * Nothing in the process's I/O can reorder these: the only macrotask source the simulated code
 * has is this queue.
 */
import { setImmediate as realSetImmediate } from 'node:timers'; // port-ok: the simulator owns its event loop
import { VirtualClock } from '../virtual-time.js';

interface Immediate {
  readonly fn: (...args: unknown[]) => void;
  readonly args: unknown[];
  cleared: boolean;
}

const settleMicrotasks = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

export interface LoopOptions {
  /** Immediates one drain may run before it reports a runaway message loop. */
  readonly immediateLimit?: number;
}

export class SimLoop {
  readonly clock = new VirtualClock();
  readonly #queue: Immediate[] = [];
  readonly #limit: number;
  #saved: { set: unknown; clear: unknown } | undefined;

  constructor(options: LoopOptions = {}) {
    this.#limit = options.immediateLimit ?? 200_000;
  }

  /** Routes the global setImmediate/clearImmediate into this loop until uninstall(). */ // port-ok: the simulator owns its event loop
  install(): void {
    if (this.#saved !== undefined) throw new Error('SimLoop already installed');
    const global = globalThis as unknown as { setImmediate: unknown; clearImmediate: unknown }; // port-ok: the simulator owns its event loop
    this.#saved = { set: global.setImmediate, clear: global.clearImmediate }; // port-ok: the simulator owns its event loop
    const queue = this.#queue;
    global.setImmediate = (fn: (...args: unknown[]) => void, ...args: unknown[]): Immediate => { // port-ok: the simulator owns its event loop
      const item: Immediate = { fn, args, cleared: false };
      queue.push(item);
      return item;
    };
    global.clearImmediate = (item: Immediate | undefined): void => {
      if (item !== undefined && typeof item === 'object' && 'cleared' in item) item.cleared = true;
    };
  }

  /** Puts the real globals back; immediates still queued (none from the simulation) go to the real loop. */
  uninstall(): void {
    if (this.#saved === undefined) return;
    const global = globalThis as unknown as { setImmediate: unknown; clearImmediate: unknown }; // port-ok: the simulator owns its event loop
    global.setImmediate = this.#saved.set; // port-ok: the simulator owns its event loop
    global.clearImmediate = this.#saved.clear;
    this.#saved = undefined;
    for (const item of this.#queue.splice(0)) if (!item.cleared) realSetImmediate(() => item.fn(...item.args));
  }

  /** Runs queued immediates (and the promises they settle) until none is left. */
  async drain(): Promise<void> {
    await settleMicrotasks();
    for (let ran = 0; this.#queue.length > 0; ran++) {
      if (ran > this.#limit) throw new Error(`more than ${this.#limit} message hops at ${this.clock.nowMs()} ms: a runaway message loop`);
      const item = this.#queue.shift()!;
      if (!item.cleared) item.fn(...item.args);
      await settleMicrotasks();
    }
  }

  /** Fires every timer due up to `targetMs` one at a time, draining after each; then sets now. */
  async runUntil(targetMs: number): Promise<void> {
    await this.drain();
    for (;;) {
      const due = this.clock.nextDueMs();
      if (due === undefined || due > targetMs) break;
      this.clock.runNext();
      await this.drain();
    }
    if (targetMs > this.clock.nowMs()) this.clock.advanceTo(targetMs);
  }
}
