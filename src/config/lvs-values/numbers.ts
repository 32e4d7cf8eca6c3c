/**
 * Thin adapters from the LVS/BFD handlers to the shared value parsers: one entry point for
 * integers (signed or unsigned by range) and timers in milliseconds.
 */
import { readInt, readTimerUs, readUnsigned, usToMs, parseTrueFalse, UINT_MAX, INT_MAX, type Reporter } from '../values/index.js';

export type { Reporter };

/** An integer in [min, max] with keepalived's complaints; unsigned reading when min >= 0. */
export function readInteger(word: string, min: number, max: number, report: Reporter): number | undefined {
  return min >= 0 ? readUnsigned(word, min, max, report) : readInt(word, min, max, report);
}

const NOT_A_NUMBER = /^[^-\d.]/;

/**
 * keepalived's read_timer (seconds, microsecond resolution), in milliseconds. `minUs` is the
 * smallest value accepted. A word that is not a number at all is complained about and then
 * read as 0, which keepalived keeps whenever 0 is in range (warmup, delay_before_retry).
 */
export function readTimerMs(word: string, report: Reporter, minUs = 0): number | undefined {
  const us = readTimerUs(word, minUs, 0, report);
  if (us !== undefined) return usToMs(us);
  return minUs === 0 && NOT_A_NUMBER.test(word) ? 0 : undefined;
}

export const readBool = parseTrueFalse;
export const UINT32_MAX = UINT_MAX;
export const INT32_MAX = INT_MAX;
