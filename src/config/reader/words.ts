/**
 * Splits a line into words as keepalived does: white space separates words; a word starting with a
 * double quote runs to the next double quote and loses the quotes; a double quote also ends an
 * unquoted word. Single quotes and backslashes are ordinary characters here.
 */
import { isSpace } from './chars.js';

export interface SplitWords {
  readonly words: string[];
  /** A quoted word had no closing quote: keepalived reports it and keeps the words before it. */
  readonly unmatchedQuote: boolean;
}

/** A run of characters other than isspace(3)'s. */
const WORD = /[^ \t\n\v\f\r]+/g;
/** Anything that makes splitting on single spaces wrong: two spaces, or another space character. */
const OTHER_SPACE = / {2}|[\t\n\v\f\r]/;

export function splitWords(text: string): SplitWords {
  // Without quotes a word is a run of non-space characters: let the regex engine (native code
  // even while this function is cold) find them.
  if (!text.includes('"')) {
    // Most lines are words with single spaces between: String#split on ' ' is the fastest of all.
    if (text.length > 0 && !OTHER_SPACE.test(text) && text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32) {
      return { words: text.split(' '), unmatchedQuote: false };
    }
    return { words: text.match(WORD) ?? [], unmatchedQuote: false };
  }
  const words: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) return { words, unmatchedQuote: false };
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) return { words, unmatchedQuote: true };
      words.push(text.slice(i + 1, close));
      i = close + 1;
    } else {
      const start = i;
      while (i < n && !isSpace(text[i]) && text[i] !== '"') i++;
      words.push(text.slice(start, i));
    }
  }
}
