/**
 * Replaces definition uses in a line, left to right, re-reading each replacement (so definitions
 * may use definitions). Stops after a replacement whose value starts with `~` (so that `~SEQ` lines
 * are expanded later), and gives up, keeping what was replaced so far, when the line would grow to
 * keepalived's buffer size.
 */
import { trimBlanksStart } from './chars.js';
import type { Definitions } from './definitions.js';
import { MAX_SUBSTITUTIONS_PER_LINE } from './limits.js';

/** Where the following lines of a multi-line definition come from. */
export interface MultilineCursor {
  readonly value: string;
  offset: number;
}

export interface SubstitutionHooks {
  /** A multi-line definition was used while another one was being expanded: remember that one. */
  pushMultiline(cursor: MultilineCursor): void;
  /** A multi-line definition was used: ~SEQ lines started before now wait for it. */
  markMultilineSeqDepth(): void;
}

export interface Substituted {
  readonly text: string;
  /** False when nothing was replaced, or when the line grew too long. */
  readonly replaced: boolean;
  readonly multiline: MultilineCursor | undefined;
}

export function substitute(
  line: string,
  maxLength: number,
  multilineIn: MultilineCursor | undefined,
  defs: Definitions,
  hooks: SubstitutionHooks,
): Substituted {
  let text = line;
  let multiline = multilineIn;
  let replaced = false;
  let count = 0;
  let at = text.indexOf('$');
  while (at >= 0 && at + 1 < text.length) {
    const ref = defs.reference(text, at);
    if (!ref) {
      at = text.indexOf('$', at + 1);
      continue;
    }
    if (++count > MAX_SUBSTITUTIONS_PER_LINE) break;
    replaced = true;
    const def = ref.definition;
    if (def.multiline && multiline) hooks.pushMultiline(multiline);
    if (def.multiline) hooks.markMultilineSeqDepth();
    const value = def.compute ? def.compute(ref.params) : def.value;
    let replacement = value;
    if (def.multiline) {
      const nl = value.indexOf('\n');
      replacement = nl < 0 ? value : value.slice(0, nl);
      multiline = { value, offset: nl < 0 ? value.length + 1 : nl + 1 };
    }
    if (text.length + replacement.length - (ref.end - ref.start) >= maxLength) {
      return { text, replaced: false, multiline: multilineIn };
    }
    text = text.slice(0, at) + replacement + text.slice(ref.end);
    if (trimBlanksStart(value)[0] === '~') break;
    // Re-read from the replacement: it may use definitions itself.
    at = text.indexOf('$', at);
  }
  return { text, replaced, multiline: replaced ? multiline : multilineIn };
}
