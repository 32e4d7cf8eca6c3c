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

export function splitWords(text: string): SplitWords {
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
