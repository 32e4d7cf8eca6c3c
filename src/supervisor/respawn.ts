/**
 * The parent process's respawn policy for its subsystem children (VRRP, checker, BFD), as
 * keepalived's watchdog applies it: after a child dies, wait, then start it again. The wait starts
 * at 1 s and doubles up to 60 s while the child keeps dying young; once a child has stayed up for
 * a stable minute, the next death starts again from 1 s. With `-R` (dont_respawn) a dead child
 * is not respawned: the parent stops.
 */
import type { Clock } from '../ports/clock.js';

export interface RespawnOptions {
  /** False for `-R`. */
  readonly respawn: boolean;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Up at least this long counts as stable and resets the delay. */
  readonly stableAfterMs?: number;
}

export type RespawnDecision = { readonly respawn: true; readonly delayMs: number } | { readonly respawn: false };

export class RespawnBackoff {
  readonly #clock: Clock;
  readonly #enabled: boolean;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #stableAfterMs: number;
  #nextDelayMs: number;
  #startedAtMs: number | undefined;

  constructor(clock: Clock, options: RespawnOptions) {
    this.#clock = clock;
    this.#enabled = options.respawn;
    this.#initialDelayMs = options.initialDelayMs ?? 1000;
    this.#maxDelayMs = options.maxDelayMs ?? 60_000;
    this.#stableAfterMs = options.stableAfterMs ?? 60_000;
    if (!(this.#initialDelayMs > 0 && this.#maxDelayMs >= this.#initialDelayMs)) throw new RangeError('respawn delays');
    this.#nextDelayMs = this.#initialDelayMs;
  }

  /** The child is running (first start or a respawn). */
  childStarted(): void {
    this.#startedAtMs = this.#clock.nowMs();
  }

  /** The child died: whether and when to start it again. */
  childExited(): RespawnDecision {
    const startedAtMs = this.#startedAtMs;
    this.#startedAtMs = undefined;
    if (!this.#enabled) return { respawn: false };
    if (startedAtMs !== undefined && this.#clock.nowMs() - startedAtMs >= this.#stableAfterMs) {
      this.#nextDelayMs = this.#initialDelayMs;
    }
    const delayMs = this.#nextDelayMs;
    this.#nextDelayMs = Math.min(this.#maxDelayMs, delayMs * 2);
    return { respawn: true, delayMs };
  }
}
