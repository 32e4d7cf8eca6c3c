/** C-locale character classes as keepalived's parser uses them (ASCII only). */

export function isAlpha(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** A character of a definition name after the first. */
export function isNameChar(c: string | undefined): boolean {
  return isAlpha(c) || isDigit(c) || c === '_';
}

/** isblank(3): space or tab. */
export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** isspace(3) and keepalived's WHITE_SPACE: space, \t, \n, \v, \f, \r. */
export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/** Index of the first character at or after `from` that is not a blank. */
export function skipBlanks(s: string, from: number): number {
  let i = from;
  while (i < s.length && isBlank(s[i])) i++;
  return i;
}

export function trimBlanksEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isBlank(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function trimBlanksStart(s: string): string {
  const start = skipBlanks(s, 0);
  return start === 0 ? s : s.slice(start);
}
