/**
 * Serialises the daemon's signal functions: one runs at a time, start-up counts as running.
 * A signal arriving meanwhile is queued; a second copy of one already queued is coalesced (ten
 * SIGHUPs during a reload give one more reload, not ten). STOP wins: it drops whatever is
 * queued, and nothing runs after it.
 */
import type { SignalFunction } from '../signals.js';

export type SignalHandler = (fn: SignalFunction) => Promise<void>;

export class SignalQueue {
  readonly #handler: SignalHandler;
  readonly #onError: (fn: SignalFunction, err: unknown) => void;
  readonly #queue: SignalFunction[] = [];
  #busy: boolean;
  #stopping = false;
  #idleWaiters: (() => void)[] = [];

  /** Starts busy (start-up); call `open()` once the daemon is up. */
  constructor(handler: SignalHandler, onError: (fn: SignalFunction, err: unknown) => void) {
    this.#handler = handler;
    this.#onError = onError;
    this.#busy = true;
  }

  /** Start-up is over: run what arrived meanwhile. */
  open(): void {
    this.#busy = false;
    this.#drain();
  }

  post(fn: SignalFunction): void {
    if (this.#stopping) return;
    if (fn === 'STOP') {
      this.#stopping = true;
      this.#queue.length = 0;
    } else if (this.#queue.includes(fn)) {
      return;
    }
    this.#queue.push(fn);
    this.#drain();
  }

  /** What is waiting (tests, diagnostics). */
  get pending(): readonly SignalFunction[] {
    return [...this.#queue];
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Resolves when nothing runs and nothing waits. */
  idle(): Promise<void> {
    if (!this.#busy && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #drain(): void {
    if (this.#busy) return;
    const next = this.#queue.shift();
    if (next === undefined) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      waiters.forEach((resolve) => resolve());
      return;
    }
    this.#busy = true;
    let run: Promise<void>;
    try {
      run = this.#handler(next);
    } catch (err) {
      run = Promise.reject(err);
    }
    run
      .catch((err: unknown) => this.#onError(next, err))
      .finally(() => {
        this.#busy = false;
        this.#drain();
      });
  }
}
