/**
 * `include PATTERN` lines (keepalived also knows `includer`, `includem`, `includew`, `includeb`
 * and `includea`, which make some file problems errors). The pattern is the rest of the line, as
 * it is: quotes and spaces are part of it.
 */
import { isSpace, skipBlanks } from './chars.js';

/** Which file problems count as errors (keepalived's INCLUDE_R/M/W/B bits). */
export const IncludeCheck = {
  none: 0,
  /** A match that is a directory, not a regular non-executable file, or unreadable. */
  readable: 0x01,
  /** Nothing matches a name without wildcards. */
  missing: 0x02,
  /** Nothing matches even with wildcards. */
  wildcard: 0x04,
  /** Some alternative of a `{a,b}` pattern matches nothing. */
  brace: 0x08,
} as const;

export const ALL_INCLUDE_CHECKS = IncludeCheck.readable | IncludeCheck.missing | IncludeCheck.wildcard | IncludeCheck.brace;

export interface IncludeLine {
  readonly pattern: string;
  readonly check: number;
}

export function parseInclude(line: string): IncludeLine | undefined {
  if (!line.startsWith('include') || line.length <= 7) return undefined;
  const c = line[7] as string;
  if (isSpace(c)) return { pattern: line.slice(skipBlanks(line, 8)), check: IncludeCheck.none };
  if (!isSpace(line[8]) || !'rmwba'.includes(c)) return undefined;
  const pattern = line.slice(skipBlanks(line, 9));
  const R = IncludeCheck.readable;
  const check =
    c === 'r'
      ? R
      : c === 'a'
        ? ALL_INCLUDE_CHECKS
        : c === 'w'
          ? R | IncludeCheck.missing | IncludeCheck.wildcard
          : c === 'm'
            ? R | IncludeCheck.missing
            : R | IncludeCheck.brace;
  return { pattern, check };
}
