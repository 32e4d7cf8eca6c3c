/** syslog facilities as `-S/--log-facility` names them, and the severities keepalived uses. */

/** syslog(3) facility codes (the value is `code << 3` inside a PRI). */
export const FACILITY = {
  user: 1,
  daemon: 3,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;

export const DEFAULT_FACILITY = FACILITY.daemon;

/**
 * `-S` accepts `0`-`7` (local0-local7), `local0`-`local7`, `user` and `daemon`, exactly as
 * written (no case folding, no spaces). Returns the facility code, or undefined if invalid.
 */
export function parseFacility(text: string): number | undefined {
  const digits = /^local([0-7])$/.exec(text)?.[1] ?? /^([0-7])$/.exec(text)?.[1];
  if (digits !== undefined) return FACILITY.local0 + Number(digits);
  if (text === 'user') return FACILITY.user;
  if (text === 'daemon') return FACILITY.daemon;
  return undefined;
}

/** syslog severities. */
export const SEVERITY = { error: 3, warn: 4, notice: 5, info: 6, debug: 7 } as const;
