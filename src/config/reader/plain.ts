/**
 * The reader's fast path for plain lines, which are nearly all lines of a real config: no comment,
 * quote, backslash, definition (`$`), `~SEQ`/`~LST`, `@id`, `include`, NUL, CR, \v or \f, and short
 * enough to be one fgets piece. For such a line every layer of the full path (comment removal,
 * expansion, the include check, brace cutting, word splitting) reduces to: trim the blanks, cut
 * before and after each brace, split at spaces. Anything else goes the full way, so the two agree
 * by construction; test/property/config-reader.test.ts checks that they do.
 *
 * Searches run over the whole file text and remember where they found the next hit, so each
 * character is searched about once per kind, by native code even while this is cold.
 */
import { READ_CHUNK_BYTES } from './limits.js';
import type { PhysicalCursor } from './physical.js';

/** Whatever makes a line need the full path (anywhere in it: simple, and rare enough). */
const SPECIAL = /[$~@"\\#!\0\r\v\f]|include/g;
/** A run of characters other than isspace(3)'s (the only spaces left in plain text are ' ', '\t'). */
const WORD = /[^ \t]+/g;

export class PlainScanner {
  private readonly content: string;
  private specialAt = -1;
  private openAt = -1;
  private closeAt = -1;
  private spaceAt = -1;
  private tabAt = -1;
  private spacesAt = -1;
  /** The trimmed bounds of the line {@link nextLine} consumed. */
  from = 0;
  to = 0;
  /** Whether the last {@link words} were separated by single spaces, so that they join to the text. */
  joinable = true;

  constructor(private readonly cursor: PhysicalCursor) {
    this.content = cursor.content;
  }

  /**
   * Consumes the next physical line when it is plain, setting {@link from}/{@link to} to its text
   * without leading and trailing blanks (empty for a blank line). False, consuming nothing, when the
   * file has ended or the line must take the full path.
   */
  nextLine(): boolean {
    const cursor = this.cursor;
    const content = this.content;
    const start = cursor.start;
    if (start >= content.length || !cursor.atLineStart) return false;
    let end = content.indexOf('\n', start);
    const hasNewline = end >= 0;
    if (!hasNewline) end = content.length;
    if ((end - start + 1) * 3 > READ_CHUNK_BYTES) return false;
    if (this.specialAt < start) {
      SPECIAL.lastIndex = start;
      this.specialAt = SPECIAL.exec(content)?.index ?? content.length;
    }
    if (this.specialAt < end) return false;
    cursor.start = hasNewline ? end + 1 : end;
    let from = start;
    let to = end;
    let c = content.charCodeAt(from);
    while (from < to && (c === 32 || c === 9)) c = content.charCodeAt(++from);
    c = content.charCodeAt(to - 1);
    while (to > from && (c === 32 || c === 9)) c = content.charCodeAt(--to - 1);
    this.from = from;
    this.to = to;
    return true;
  }

  /** The first `{` or `}` at or after `from`, or a position past every line's end. */
  brace(from: number): number {
    if (this.openAt < from) {
      this.openAt = this.content.indexOf('{', from);
      if (this.openAt < 0) this.openAt = this.content.length;
    }
    if (this.closeAt < from) {
      this.closeAt = this.content.indexOf('}', from);
      if (this.closeAt < 0) this.closeAt = this.content.length;
    }
    return this.openAt < this.closeAt ? this.openAt : this.closeAt;
  }

  /** The words of content[from, to), a range that does not start or end with a blank. */
  words(from: number, to: number): string[] {
    const content = this.content;
    if (this.tabAt < from) {
      this.tabAt = content.indexOf('\t', from);
      if (this.tabAt < 0) this.tabAt = content.length;
    }
    if (this.tabAt < to) return this.matchWords(from, to);
    if (this.spaceAt < from) {
      this.spaceAt = content.indexOf(' ', from);
      if (this.spaceAt < 0) this.spaceAt = content.length;
    }
    this.joinable = true;
    // One word (`nopreempt`, `TCP_CHECK`…): nothing to split.
    if (this.spaceAt >= to) return [content.slice(from, to)];
    if (this.spacesAt < from) {
      this.spacesAt = content.indexOf('  ', from);
      if (this.spacesAt < 0) this.spacesAt = content.length;
    }
    if (this.spacesAt < to) return this.matchWords(from, to);
    // Words with single spaces between, the usual case: cut at each space. String#split did the
    // same through a call into the runtime per line, at about three times the cost, cold or warm.
    // Two and three words (nearly every line) go into array literals of their exact size: an
    // array grown by push starts with room for 17 elements, most of a line's allocation.
    const space1 = this.spaceAt;
    const space2 = this.spaceAfter(space1 + 1);
    if (space2 >= to) return [content.slice(from, space1), content.slice(space1 + 1, to)];
    const space3 = this.spaceAfter(space2 + 1);
    if (space3 >= to) return [content.slice(from, space1), content.slice(space1 + 1, space2), content.slice(space2 + 1, to)];
    const words = [content.slice(from, space1), content.slice(space1 + 1, space2)];
    let start = space2 + 1;
    let space = space3;
    while (space < to) {
      words.push(content.slice(start, space));
      start = space + 1;
      space = this.spaceAfter(start);
    }
    words.push(content.slice(start, to));
    return words;
  }

  /** Words separated by tabs or runs of blanks, which do not join back to the text. */
  private matchWords(from: number, to: number): string[] {
    this.joinable = false;
    return this.content.slice(from, to).match(WORD) as string[];
  }

  /**
   * The first space at or after `from` (or the text's length), remembered: it is also at or after
   * any later line's start, so the next line's search starts from it.
   */
  private spaceAfter(from: number): number {
    let space = this.content.indexOf(' ', from);
    if (space < 0) space = this.content.length;
    this.spaceAt = space;
    return space;
  }
}
