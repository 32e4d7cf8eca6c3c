/**
 * Restart intensity on a sliding window: a restart at time t still counts at `now` while
 * now - t < periodMs. `maxRestarts` restarts in the window are allowed; the one after is refused,
 * which is when the supervisor gives up (OTP: "more than MaxR restarts within MaxT").
 */
import type { Clock } from '../ports/clock.js';
import type { Intensity } from './types.js';

export class RestartIntensity {
  readonly #clock: Clock;
  readonly #limit: Intensity;
  /** Times of the restarts still in the window, oldest first. */
  readonly #restartsAtMs: number[] = [];

  constructor(clock: Clock, limit: Intensity) {
    if (!Number.isInteger(limit.maxRestarts) || limit.maxRestarts < 0) throw new RangeError(`maxRestarts ${limit.maxRestarts}`);
    if (!(limit.periodMs > 0)) throw new RangeError(`periodMs ${limit.periodMs}`);
    this.#clock = clock;
    this.#limit = limit;
  }

  /** Records a restart now; false (and nothing recorded) when it would exceed the limit. */
  tryRecord(): boolean {
    const nowMs = this.#clock.nowMs();
    this.#forgetBefore(nowMs);
    if (this.#restartsAtMs.length >= this.#limit.maxRestarts) return false;
    this.#restartsAtMs.push(nowMs);
    return true;
  }

  /** Restarts counted in the window ending now. */
  inWindow(): number {
    this.#forgetBefore(this.#clock.nowMs());
    return this.#restartsAtMs.length;
  }

  #forgetBefore(nowMs: number): void {
    while (this.#restartsAtMs.length > 0 && nowMs - this.#restartsAtMs[0]! >= this.#limit.periodMs) this.#restartsAtMs.shift();
  }
}
