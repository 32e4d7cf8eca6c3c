/**
 * A logical line of the reader's plain path (./plain.ts). Most lines are never reported at and
 * their text is never read, so the position object and the text are made when first asked for:
 * with a literal line, its position and its text, reading allocated three objects per line.
 */
import type { Diagnostic, SourcePosition } from '../diagnostics.js';
import type { ConfigLine } from './types.js';

export class PlainLine implements ConfigLine {
  declare private cachedPosition: SourcePosition | undefined;
  declare private cachedText: string | undefined;
  declare private readonly file: string;
  declare private readonly lineNumber: number;
  declare readonly words: readonly string[];
  declare readonly reports: readonly Diagnostic[] | undefined;

  /**
   * `text` only when it is not the words joined by single spaces (a tab or a run of blanks
   * between them).
   */
  constructor(file: string, lineNumber: number, words: readonly string[], text: string | undefined, reports: readonly Diagnostic[] | undefined) {
    this.cachedPosition = undefined;
    this.cachedText = text;
    this.file = file;
    this.lineNumber = lineNumber;
    this.words = words;
    this.reports = reports;
  }

  get position(): SourcePosition {
    return (this.cachedPosition ??= { file: this.file, line: this.lineNumber });
  }

  get text(): string {
    return (this.cachedText ??= this.words.length === 1 ? (this.words[0] as string) : this.words.join(' '));
  }
}
