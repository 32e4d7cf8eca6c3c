/**
 * keepalived hands `{` and `}` to the parser as lines of their own: a line is cut before its first
 * brace outside double quotes, and a line starting with a brace is cut after it; the rest is read
 * next as if it were a new line (with the same position).
 */
import { skipBlanks, trimBlanksEnd } from './chars.js';

export interface BraceSplit {
  readonly head: string;
  /** What is read next, if anything is left. */
  readonly residue: string | undefined;
}

export function splitAtBrace(line: string): BraceSplit {
  const at = firstBrace(line);
  if (at < 0) return { head: trimBlanksEnd(line), residue: undefined };
  const cut = at === 0 ? skipBlanks(line, 1) : at;
  if (cut >= line.length) return { head: trimBlanksEnd(line), residue: undefined };
  return { head: trimBlanksEnd(line.slice(0, cut)), residue: trimBlanksEnd(line.slice(cut)) };
}

const BRACE_OR_QUOTE = /[{}"]/;

function firstBrace(line: string): number {
  // The usual line has no quote: one native search finds the brace, if any.
  const found = line.search(BRACE_OR_QUOTE);
  if (found < 0 || line.charCodeAt(found) !== 34) return found;
  let i = found;
  for (;;) {
    let j = i;
    while (j < line.length && line[j] !== '{' && line[j] !== '}' && line[j] !== '"') j++;
    if (j >= line.length) return -1;
    if (line[j] !== '"') return j;
    const close = line.indexOf('"', j + 1);
    // An open quote hides every brace after it.
    if (close < 0) return -1;
    i = close + 1;
  }
}
