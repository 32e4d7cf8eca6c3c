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
 *
 * Lines are cut a batch at a time ({@link PlainScanner.fill}), in one loop over local variables: a
 * config test runs mostly before the JIT has optimised anything, and there every call and every
 * property access costs a call into V8; line by line, through a method per step, they were most of
 * the reading.
 */
import { ConfigErrorClass, type Diagnostic } from '../diagnostics.js';
import { READ_CHUNK_BYTES } from './limits.js';
import type { PhysicalCursor } from './physical.js';
import { PlainLine } from './plain-line.js';

/** Whatever makes a line need the full path (anywhere in it: simple, and rare enough). */
const SPECIAL = /[$~@"\\#!\0\r\v\f]|include/g;
/** A run of characters other than isspace(3)'s (the only spaces left in plain text are ' ', '\t'). */
const WORD = /[^ \t]+/g;

/** The words of every line that is a lone `{` or `}` (a line's words are never changed). */
const BRACE_OPEN_WORDS: readonly string[] = ['{'];
const BRACE_CLOSE_WORDS: readonly string[] = ['}'];

const SPACE = 32;
const TAB = 9;

/**
 * Where searches found their next hit (each at or after the scan position, or the text's length),
 * and the rest of a line being cut at its braces.
 */
class ScanState {
  specialAt = -1;
  openAt = -1;
  closeAt = -1;
  spaceAt = -1;
  tabAt = -1;
  spacesAt = -1;
  /** content[restFrom, restTo): what is left of the current line after the pieces cut so far. */
  restFrom = 0;
  restTo = 0;
}

export class PlainScanner {
  private readonly content: string;
  private readonly state = new ScanState();
  /** The file's name as keepalived names it in messages. */
  private readonly file: string;
  /** The number of the last physical line read (the full path counts on from it, and back). */
  line = 0;
  /** Open blocks, as the reader counts them for its "missing '}'" message (it owns the count). */
  blockDepth = 0;
  /** Whether the last {@link words} were separated by single spaces, so that they join to the text. */
  private joinable = true;

  constructor(
    private readonly cursor: PhysicalCursor,
    file: string,
  ) {
    this.content = cursor.content;
    this.file = file;
  }

  /**
   * Cuts up to `out.length` logical lines into `out`, from the rest of the current line and then
   * from plain physical lines, and returns how many. A new physical line is started only while
   * fewer than `newLineRoom` lines have been cut (the reader's limits and its other sources of lines
   * come first); the rest of a line is always cut. `reports` go with the first line, as do reports
   * of an extra `}` with their line. 0 when the next step is the full path's.
   */
  fill(out: PlainLine[], newLineRoom: number, reports: readonly Diagnostic[] | undefined): number {
    const content = this.content;
    const length = content.length;
    const cursor = this.cursor;
    const file = this.file;
    const s = this.state;
    let specialAt = s.specialAt;
    let openAt = s.openAt;
    let closeAt = s.closeAt;
    let from = s.restFrom;
    let to = s.restTo;
    let line = this.line;
    let blockDepth = this.blockDepth;
    let lineReports = reports;
    const capacity = out.length;
    let count = 0;
    while (count < capacity) {
      if (from >= to) {
        // The next physical line, when plain; blank ones are counted and passed over.
        if (count >= newLineRoom || !cursor.atLineStart) break;
        let start = cursor.start;
        let plain = false;
        while (start < length) {
          let end = content.indexOf('\n', start);
          const hasNewline = end >= 0;
          if (!hasNewline) end = length;
          if ((end - start + 1) * 3 > READ_CHUNK_BYTES) break;
          if (specialAt < start) {
            SPECIAL.lastIndex = start;
            specialAt = SPECIAL.exec(content)?.index ?? length;
          }
          if (specialAt < end) break;
          line++;
          from = start;
          to = end;
          start = hasNewline ? end + 1 : end;
          let c = content.charCodeAt(from);
          while (from < to && (c === SPACE || c === TAB)) c = content.charCodeAt(++from);
          c = content.charCodeAt(to - 1);
          while (to > from && (c === SPACE || c === TAB)) c = content.charCodeAt(--to - 1);
          if (from < to) {
            plain = true;
            break;
          }
        }
        cursor.start = start;
        if (!plain) {
          from = to;
          break;
        }
      }
      // One piece as splitAtBrace cuts it: up to the first brace, or the brace alone.
      if (openAt < from) {
        openAt = content.indexOf('{', from);
        if (openAt < 0) openAt = length;
      }
      if (closeAt < from) {
        closeAt = content.indexOf('}', from);
        if (closeAt < 0) closeAt = length;
      }
      const brace = openAt < closeAt ? openAt : closeAt;
      let words: readonly string[];
      let text: string | undefined;
      if (brace === from) {
        // A brace is a word of its own, with a shared array.
        if (brace === openAt) {
          blockDepth++;
          words = BRACE_OPEN_WORDS;
        } else {
          if (blockDepth-- < 1) {
            const extra: Diagnostic = { errorClass: ConfigErrorClass.UnexpectedBlockEnd, message: "Extra '}' found", position: { file, line }, hideFile: false };
            lineReports = lineReports === undefined ? [extra] : [...lineReports, extra];
            blockDepth = 0;
          }
          words = BRACE_CLOSE_WORDS;
        }
        from++;
        let c = content.charCodeAt(from);
        while (from < to && (c === SPACE || c === TAB)) c = content.charCodeAt(++from);
      } else {
        let headEnd = to;
        let next = to;
        if (brace < to) {
          next = brace;
          headEnd = brace;
          let c = content.charCodeAt(headEnd - 1);
          while (c === SPACE || c === TAB) c = content.charCodeAt(--headEnd - 1);
        }
        words = this.words(from, headEnd);
        if (!this.joinable) text = content.slice(from, headEnd);
        from = next;
      }
      out[count++] = new PlainLine(file, line, words, text, lineReports);
      lineReports = undefined;
    }
    s.specialAt = specialAt;
    s.openAt = openAt;
    s.closeAt = closeAt;
    s.restFrom = from;
    s.restTo = to;
    this.line = line;
    this.blockDepth = blockDepth;
    return count;
  }

  /** The words of content[from, to), a range that does not start or end with a blank. */
  private words(from: number, to: number): string[] {
    const content = this.content;
    const s = this.state;
    if (s.tabAt < from) {
      s.tabAt = content.indexOf('\t', from);
      if (s.tabAt < 0) s.tabAt = content.length;
    }
    if (s.tabAt < to) return this.matchWords(from, to);
    let space = s.spaceAt;
    if (space < from) {
      space = content.indexOf(' ', from);
      if (space < 0) space = content.length;
      s.spaceAt = space;
    }
    this.joinable = true;
    // One word (`nopreempt`, `TCP_CHECK`…): nothing to split.
    if (space >= to) return [content.slice(from, to)];
    if (s.spacesAt < from) {
      s.spacesAt = content.indexOf('  ', from);
      if (s.spacesAt < 0) s.spacesAt = content.length;
    }
    if (s.spacesAt < to) return this.matchWords(from, to);
    // Words with single spaces between, the usual case: cut at each space. String#split did the
    // same through a call into the runtime per line, at about three times the cost, cold or warm.
    // Two and three words (nearly every line) go into array literals of their exact size: an
    // array grown by push starts with room for 17 elements, most of a line's allocation.
    // Each space found is also at or after any later line's start, so it is remembered.
    const space1 = space;
    let space2 = content.indexOf(' ', space1 + 1);
    if (space2 < 0) space2 = content.length;
    s.spaceAt = space2;
    if (space2 >= to) return [content.slice(from, space1), content.slice(space1 + 1, to)];
    let space3 = content.indexOf(' ', space2 + 1);
    if (space3 < 0) space3 = content.length;
    s.spaceAt = space3;
    if (space3 >= to) return [content.slice(from, space1), content.slice(space1 + 1, space2), content.slice(space2 + 1, to)];
    const words = [content.slice(from, space1), content.slice(space1 + 1, space2)];
    let start = space2 + 1;
    space = space3;
    while (space < to) {
      words.push(content.slice(start, space));
      start = space + 1;
      space = content.indexOf(' ', start);
      if (space < 0) space = content.length;
    }
    s.spaceAt = space;
    words.push(content.slice(start, to));
    return words;
  }

  /** Words separated by tabs or runs of blanks, which do not join back to the text. */
  private matchWords(from: number, to: number): string[] {
    this.joinable = false;
    return this.content.slice(from, to).match(WORD) as string[];
  }
}
