/**
 * The value of a track_file as keepalived reads it (vrrp_track.c process_track_file): the first
 * 127 bytes through strtol(…, 0) — leading white space, a sign, 0x for hex, 0 for octal, digits
 * until the first invalid one, nothing valid meaning 0 — clamped to -254..254. A missing or
 * unreadable file reads as 0.
 */
const LIMIT = 254;
const READ_BYTES = 127;

function digitValue(ch: string): number {
  const code = ch.toLowerCase().charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return 99;
}

/** C strtol with base 0, saturating like keepalived's clamp does. */
export function strtolBase0(text: string): number {
  let i = 0;
  while (i < text.length && ' \t\n\v\f\r'.includes(text[i] ?? '')) i += 1;
  let sign = 1;
  if (text[i] === '+' || text[i] === '-') {
    if (text[i] === '-') sign = -1;
    i += 1;
  }
  let base = 10;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && digitValue(text[i + 2] ?? 'z') < 16) {
    base = 16;
    i += 2;
  } else if (text[i] === '0') {
    base = 8;
  }
  let value = 0;
  for (; i < text.length; i += 1) {
    const digit = digitValue(text[i] ?? '');
    if (digit >= base) break;
    // Saturate early: anything past the clamp reads the same.
    value = Math.min(value * base + digit, Number.MAX_SAFE_INTEGER / 64);
  }
  return sign * value;
}

export function trackFileValue(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = strtolBase0(text.slice(0, READ_BYTES));
  return Math.max(-LIMIT, Math.min(LIMIT, value)) || 0;
}
