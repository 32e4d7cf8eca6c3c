/**
 * Time as the core sees it. The real host implements it in src/io (performance.now, setTimeout) // port-ok: names what the real host uses
 * and the simulator in src/sim (virtual time), so every timer in the core can be replayed.
 */

/** Opaque handle of an armed timer; only the Clock that made it knows what is inside. */
export interface TimerHandle {
  readonly timerId: number;
}

export interface TimerOptions {
  /**
   * A rare deadline whose lateness is what users measure (Master_Down_Timer, Skew_Time): the
   * host may spend up to a millisecond of CPU to fire it on time rather than when a sleeping
   * thread happens to wake. Timers that fire every interval must not ask for it.
   */
  readonly precise?: boolean;
}

export interface Clock {
  /** Monotonic milliseconds since an arbitrary origin; fractional (VRRP needs sub-ms). Never goes back. */
  nowMs(): number;
  /** Milliseconds since the Unix epoch, for logs and reports only: it may jump, never time anything with it. */
  wallClockMs(): number;
  /**
   * Calls `fn` once, no earlier than `delayMs` after now (a negative delay counts as 0).
   * Timers due at the same instant fire in the order they were armed.
   */
  setTimer(delayMs: number, fn: () => void, options?: TimerOptions): TimerHandle;
  /** Disarms a timer; a no-op when it already fired or was cleared. */
  clearTimer(handle: TimerHandle): void;
}
