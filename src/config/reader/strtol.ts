/** strtol(3) with base 0 on 64-bit longs: the value and where parsing stopped. */
import { isSpace } from './chars.js';

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

export interface ParsedLong {
  readonly value: bigint;
  readonly end: number;
}

export function strtol(s: string, from: number): ParsedLong {
  let i = from;
  while (i < s.length && isSpace(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && digitValue(s[i + 2]) < 16) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') base = 8;
  const digitsStart = i;
  let value = 0n;
  const bigBase = BigInt(base);
  while (i < s.length && digitValue(s[i]) < base) {
    value = value * bigBase + BigInt(digitValue(s[i]));
    // Saturate early: anything past LONG_MAX is clamped anyway, and this bounds the work.
    if (value > LONG_MAX + 1n) value = LONG_MAX + 1n;
    i++;
  }
  if (i === digitsStart) return { value: 0n, end: from };
  if (negative) value = -value;
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return { value, end: i };
}

function digitValue(c: string | undefined): number {
  if (c === undefined) return 99;
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 87;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  return 99;
}
