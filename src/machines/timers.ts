/**
 * VRRP timer arithmetic (RFC 5798 §6.1, §6.4.2) with keepalived 2.2.7's exact integer rounding.
 *
 * keepalived keeps timers in microseconds (TIMER_HZ = 1 000 000) and truncates:
 * - VRRPv2: Skew_Time = (256 − priority) × TIMER_HZ / 256 — always based on one second, whatever
 *   advert_int is (measured: advert 1 s, priority 110 → takeover at 3 × 1000 + 570.3 ms).
 * - VRRPv3: Skew_Time = (256 − priority) × (Master_Adver_Interval in centiseconds) × 625 / 16
 *   (625/16 = TIMER_CENTI_HZ/256, reordered by keepalived so the product fits in 32 bits).
 * - Master_Down_Interval = down_timer_adverts × Master_Adver_Interval + Skew_Time.
 * Everything is computed in integer microseconds and only converted to (fractional) ms for the
 * named delays, so the simulator reproduces keepalived's sub-millisecond bounds.
 */

import { invariant } from './assert.js';

export const TIMER_HZ = 1_000_000;
const TIMER_CENTI_HZ = 10_000;

export type VrrpVersion = 2 | 3;

export interface TimerInputs {
  readonly version: VrrpVersion;
  /** The effective priority (keepalived uses effective, not base, priority for the skew). */
  readonly priority: number;
  readonly masterAdverIntervalUs: number;
  readonly downTimerAdverts: number;
}

function skewFor(version: VrrpVersion, priorityDelta: number, masterAdverIntervalUs: number): number {
  if (version === 3) return Math.floor((priorityDelta * Math.floor(masterAdverIntervalUs / TIMER_CENTI_HZ) * 625) / 16);
  return Math.floor((priorityDelta * TIMER_HZ) / 256);
}

/** Skew_Time in µs. */
export function skewTimeUs(t: TimerInputs): number {
  invariant(t.priority >= 0 && t.priority <= 255, `priority ${t.priority} out of range`);
  return skewFor(t.version, 256 - t.priority, t.masterAdverIntervalUs);
}

/** keepalived's VRRP_TIMER_SKEW_MIN: the skew of priority 255 (one 256th of an interval). */
export function skewTimeMinUs(t: TimerInputs): number {
  return skewFor(t.version, 1, t.masterAdverIntervalUs);
}

/** Master_Down_Interval in µs. */
export function masterDownIntervalUs(t: TimerInputs): number {
  return t.downTimerAdverts * t.masterAdverIntervalUs + skewTimeUs(t);
}

export function usToMs(us: number): number {
  return us / 1000;
}

export function msToUs(ms: number): number {
  return Math.round(ms * 1000);
}
