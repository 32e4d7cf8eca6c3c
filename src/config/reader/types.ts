/**
 * The reader turns keepalived.conf text (with includes, conditionals, definitions, ~SEQ/~LST)
 * into logical lines of words; the keyword tree consumes nothing else.
 */
import type { Diagnostic, SourcePosition } from '../diagnostics.js';

export interface ConfigLine {
  /** Where the line came from, the file named as keepalived would name it. */
  readonly position: SourcePosition;
  /**
   * The words of the line after comment removal and substitution. `{` and `}` are words of their own
   * wherever keepalived treats them so. Quoted strings are one word with the quotes removed.
   */
  readonly words: readonly string[];
  /** The line's text after substitution and comment removal (some handlers read the raw text). */
  readonly text: string;
  /**
   * Reader diagnostics keepalived prints just before this line reaches the keyword tree (it reads
   * lazily, so they interleave with the tree's own). Only filled by `readConfigDetailed`.
   */
  readonly reports?: readonly Diagnostic[];
}
