/**
 * keepalived's comment removal: `#` and `!` start a comment outside double quotes; `\#` and `\!`
 * outside quotes stand for the characters themselves; a backslash escapes the next character from
 * quote/comment handling; a trailing `\` is kept (after trimming) as the continuation mark that only
 * multi-line definitions use. Leading and trailing blanks are removed.
 */
import { isBlank, skipBlanks } from './chars.js';

export interface Decommented {
  readonly text: string;
  /** Set when a double quote is left open: the text keepalived quotes in its "Unterminated quote" report. */
  readonly unterminated?: string;
}

/** What decomment(input).text is when nothing in the line is special (most lines): else undefined. */
export function decommentPlain(input: string): string | undefined {
  // A regex test runs as native code even while this is still cold; a character loop would not.
  if (SPECIAL.test(input)) return undefined;
  let start = 0;
  let end = input.length;
  while (start < end && isBlankCode(input.charCodeAt(start))) start++;
  while (end > start && isBlankCode(input.charCodeAt(end - 1))) end--;
  return start === 0 && end === input.length ? input : input.slice(start, end);
}

const SPECIAL = /["\\#!]/;

function isBlankCode(c: number): boolean {
  return c === 32 || c === 9;
}

export function decomment(input: string): Decommented {
  const s = input.slice(skipBlanks(input, 0));
  let out = '';
  let quote = false;
  let continued = false;
  let commentAt = -1;
  let copiedTo = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      if (commentAt < 0) quote = !quote;
    } else if (c === '\\') {
      if (i + 1 >= s.length) {
        out += s.slice(copiedTo, i);
        copiedTo = s.length;
        continued = true;
        break;
      }
      const next = s[i + 1];
      if (!quote && (next === '#' || next === '!')) {
        // Drop the backslash, keep the escaped character as plain text.
        out += s.slice(copiedTo, i);
        copiedTo = i + 1;
      }
      i++;
    } else if ((c === '#' || c === '!') && !quote && commentAt < 0) {
      commentAt = out.length + (i - copiedTo);
    }
  }
  out += s.slice(copiedTo);
  const unterminated = quote ? out : undefined;
  if (commentAt >= 0) out = out.slice(0, commentAt);
  let end = out.length;
  while (end > 0 && isBlank(out[end - 1])) end--;
  out = out.slice(0, end);
  if (continued) out += '\\';
  return unterminated === undefined ? { text: out } : { text: out, unterminated };
}
