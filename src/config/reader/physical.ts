/**
 * Splits a file into the pieces keepalived reads with fgets(3): one per line, except that a line
 * longer than the read buffer arrives in several pieces, each read as a line of its own. A NUL byte
 * ends what keepalived sees of a piece. Pieces are numbered 1, 2, … in order, which is how
 * keepalived's configuration-reading processes number the lines they report.
 */
import { READ_CHUNK_BYTES } from './limits.js';

/** The pieces' texts without line ends and trailing carriage returns; piece i is line i + 1. */
export function physicalLines(content: string): string[] {
  const out: string[] = [];
  const cursor = new PhysicalCursor(content);
  for (let piece = cursor.next(); piece !== undefined; piece = cursor.next()) out.push(piece);
  return out;
}

/**
 * The same pieces one at a time, as the reader needs them: an array of every line of a large file
 * would outlive many collections and cost more to move than to read.
 */
export class PhysicalCursor {
  /** Where the next piece starts; the reader's plain-line path (./plain.ts) reads and advances it too. */
  start = 0;
  /** The rest of an overlong line's pieces. */
  private queued: string[] = [];
  private queuedAt = 0;
  /** Whether any line needs cleaning (NUL, CR): if none does, a line is just its slice. */
  private readonly plain: boolean;

  constructor(readonly content: string) {
    this.plain = !/[\0\r]/.test(content);
  }

  /** No piece of an overlong line is waiting: the next piece starts at {@link start}. */
  get atLineStart(): boolean {
    return this.queuedAt >= this.queued.length;
  }

  next(): string | undefined {
    if (this.queuedAt < this.queued.length) return this.queued[this.queuedAt++];
    const content = this.content;
    const start = this.start;
    if (start >= content.length) return undefined;
    let end = content.indexOf('\n', start);
    const hasNewline = end >= 0;
    if (!hasNewline) end = content.length;
    this.start = hasNewline ? end + 1 : end;
    // Fast path: no line this short can exceed the buffer even at 3 bytes per UTF-16 unit.
    if ((end - start + 1) * 3 <= READ_CHUNK_BYTES) return this.plain ? content.slice(start, end) : cleanRange(content, start, end);
    this.queued = pieces(content, start, end).map(clean);
    this.queuedAt = 1;
    return this.queued[0];
  }
}

/** clean(content.slice(start, end)) without the intermediate string in the usual case. */
function cleanRange(content: string, start: number, end: number): string {
  let e = end;
  for (let i = start; i < end; i++) {
    if (content.charCodeAt(i) === 0) {
      e = i;
      break;
    }
  }
  while (e > start && content.charCodeAt(e - 1) === 13) e--;
  return content.slice(start, e);
}

/** The fgets pieces of content[start, end): each at most READ_CHUNK_BYTES of UTF-8 (the newline counts). */
function pieces(content: string, start: number, end: number): string[] {
  // Fast path: no line this short can exceed the buffer even at 3 bytes per UTF-16 unit.
  if ((end - start + 1) * 3 <= READ_CHUNK_BYTES) return [content.slice(start, end)];
  const out: string[] = [];
  let pieceStart = start;
  let bytes = 0;
  for (let i = start; i < end; ) {
    const code = content.codePointAt(i) as number;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > READ_CHUNK_BYTES) {
      out.push(content.slice(pieceStart, i));
      pieceStart = i;
      bytes = 0;
    }
    bytes += size;
    i += units;
  }
  // The newline itself must fit too; a piece that fills the buffer leaves an empty last piece.
  const hasNewline = end < content.length;
  if (hasNewline && bytes + 1 > READ_CHUNK_BYTES) {
    out.push(content.slice(pieceStart, end));
    out.push('');
  } else out.push(content.slice(pieceStart, end));
  return out;
}

function clean(piece: string): string {
  const nul = piece.indexOf('\0');
  let text = nul >= 0 ? piece.slice(0, nul) : piece;
  let end = text.length;
  while (end > 0 && text[end - 1] === '\r') end--;
  if (end !== text.length) text = text.slice(0, end);
  return text;
}
