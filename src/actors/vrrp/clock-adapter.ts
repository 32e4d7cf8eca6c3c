/**
 * XState's `clock` option over our Clock port, so the machines' delayed events (Master_Down_Timer,
 * Adver_Timer…) run on the same time as everything else, virtual in the simulator.
 */
import type { Clock, TimerHandle } from '../../ports/clock.js';

const PRECISE = { precise: true } as const;

export interface XStateClock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown; // port-ok: XState's clock interface, backed by the Clock port
  clearTimeout(id: unknown): void;
}

/**
 * `onFire` wraps each expiry (the host notes that a timer, not a packet, caused what follows);
 * `elapsedMs` is how long ago the event being handled happened (a timer armed for it counts from then).
 */
export function xstateClock(clock: Clock, onFire: (fire: () => void) => void = (fire) => fire(), elapsedMs: () => number = () => 0): XStateClock {
  return {
    // The machines' timers are rare deadlines (Master_Down_Timer, Skew_Time, preempt_delay…): precise.
    setTimeout: (fn, timeout) => clock.setTimer(Math.max(0, timeout - elapsedMs()), () => onFire(() => fn()), PRECISE), // port-ok: XState's clock interface, backed by the Clock port
    clearTimeout: (id) => clock.clearTimer(id as TimerHandle),
  };
}
