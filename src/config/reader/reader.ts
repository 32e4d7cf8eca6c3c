/**
 * The reading loop: keepalived's read_line, which returns one logical line at a time from (in this
 * order of preference) the rest of a line cut at a brace, the running ~SEQ/~LST repetition, the
 * multi-line definition being expanded, or the next line of the innermost open file. Each line then
 * goes through `@id` selection, definitions, ~SEQ/~LST, substitution and include handling, and is
 * finally cut at its first brace.
 */
import { ConfigErrorClass, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { ConfigHost } from '../../ports/config-host.js';
import type { ParseOptions } from '../options.js';
import type { ConfigLine } from './types.js';
import { applyConditional } from './conditional.js';
import { splitAtBrace } from './braces.js';
import { decomment, decommentPlain } from './decomment.js';
import { Definitions, type Definition } from './definitions.js';
import { globPattern, hasBrace, resolvePath, type GlobFileSystem } from './glob.js';
import { ALL_INCLUDE_CHECKS, IncludeCheck, parseInclude } from './include-line.js';
import {
  MAX_INCLUDE_DEPTH,
  MAX_LINE_LENGTH,
  MAX_OUTPUT_LINES,
  MAX_READ_STEPS,
  MAX_RESCANS_PER_LINE,
  READ_STEPS_MARGIN,
  SEQ_PARAMS_LENGTH,
} from './limits.js';
import { PhysicalCursor } from './physical.js';
import { PlainScanner } from './plain.js';
import type { PlainLine } from './plain-line.js';
import { predefine } from './predefined.js';
import { nextRepetition, parseLst, parseSeq, type Repeat } from './sequences.js';
import { substitute, type MultilineCursor, type SubstitutionHooks } from './substitute.js';
import { splitWords } from './words.js';

/**
 * Plain lines cut at a time: enough that the per-batch work vanishes, few enough to stay young
 * (the lines are kept until the next batch overwrites them).
 */
const PLAIN_BATCH_LINES = 64;

export interface ReadOutcome {
  /** Logical lines for the keyword tree, each carrying the reader reports that precede it. */
  readonly lines: ConfigLine[];
  /** Reports after the last line (e.g. missing `}`s), printed once the tree has finished. */
  readonly trailing: Diagnostic[];
  /**
   * The main file could not be used (keepalived's check before parsing failed). Its message is in
   * `trailing`; keepalived stops there (`-t`: exit by the status so far; otherwise "no config").
   */
  readonly mainFileMissing: boolean;
  /**
   * An include problem that counts as an error (with `-e`, or `includer`…): keepalived parses on but
   * then exits with its "no config" code instead of running or validating.
   */
  readonly configFileError: boolean;
}

interface OpenFile {
  readonly pattern: string;
  readonly check: number;
  matches: string[];
  nextMatch: number;
  /** Whether keepalived names this file in its messages (it leaves out a lone main file). */
  named: boolean;
  path: string | undefined;
  absolute: string | undefined;
  lines: PhysicalCursor | undefined;
  /** The plain-line fast path over `lines`. */
  plain: PlainScanner | undefined;
  line: number;
  /** The directory to return to when this file ends, if opening it changed directory. */
  outerDirectory: string | undefined;
}

export class ConfigReader {
  private readonly defs = new Definitions();
  private readonly stack: OpenFile[] = [];
  private readonly contents = new Map<string, string | undefined>();
  private readonly includeCheck: number;
  private readonly globFs: GlobFileSystem;
  private cwd: string;

  private residue: string | undefined;
  private readonly repeats: Repeat[] = [];
  private multiline: MultilineCursor | undefined;
  private readonly multilineStack: { cursor: MultilineCursor; seqDepth: number }[] = [];
  private multilineSeqDepth = 0;
  private collecting: Definition | undefined;
  private blockDepth = 0;
  private steps = 0;
  private exhausted = false;

  /** Plain lines cut ahead (see {@link nextPlain}): batch[batchAt, batchCount) are still to come. */
  private readonly batch: PlainLine[] = new Array<PlainLine>(PLAIN_BATCH_LINES);
  private batchAt = 0;
  private batchCount = 0;

  private pending: Diagnostic[] = [];
  private emitted = 0;
  private ended = false;
  private mainFileMissing = false;
  private configFileError = false;

  constructor(
    private readonly mainFile: string,
    private readonly options: ParseOptions,
    private readonly host: ConfigHost,
    /** Whether plain lines take the fast path (./plain.ts); tests compare both ways. */
    private readonly plainPath = true,
  ) {
    this.cwd = host.cwd();
    this.includeCheck = options.allConfig ? ALL_INCLUDE_CHECKS : IncludeCheck.none;
    this.globFs = {
      listDirectory: (path) => host.listDirectory(path),
      stat: (path) => host.stat(path),
    };
    predefine(this.defs, {
      currentDirectory: () => this.cwd,
      configId: () => options.configId,
      random: () => host.random(),
    });
  }

  read(): ReadOutcome {
    const lines: ConfigLine[] = [];
    if (this.open()) for (let line = this.next(); line !== undefined; line = this.next()) lines.push(line);
    return { ...this.outcome(), lines };
  }

  /**
   * Opens the main file for {@link next}; false when keepalived would stop before parsing
   * (`mainFileMissing`). Reading lines one at a time lets them die young instead of all being kept.
   */
  open(): boolean {
    if (!this.checkMainFile()) {
      this.mainFileMissing = true;
      this.ended = true;
      return false;
    }
    if (!this.openGlob(this.mainFile, IncludeCheck.readable | IncludeCheck.missing | IncludeCheck.wildcard, true)) {
      this.fileError(IncludeCheck.readable, 'Failed to open configuration file');
      this.ended = true;
    }
    return true;
  }

  /** The next logical line with its preceding reports; undefined once the input has ended. */
  next(): ConfigLine | undefined {
    if (this.batchAt < this.batchCount) return this.batch[this.batchAt++];
    while (!this.ended) {
      const plain = this.nextPlain();
      if (plain !== undefined) return plain;
      const text = this.readLine();
      if (text === undefined) {
        this.ended = true;
        if (this.blockDepth > 0) {
          this.report(ConfigErrorClass.MissingBlockEnd, `There are ${this.blockDepth} missing '}'s or extra '{'s`, undefined);
        }
        return undefined;
      }
      const line = this.emit(text);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  /** Reads to the end, dropping the lines (and the reports they carry), as an aborted parse does. */
  drain(): void {
    while (this.next() !== undefined);
  }

  /** What is known once {@link next} has returned undefined (or {@link open} false). */
  outcome(): Omit<ReadOutcome, 'lines'> {
    return { trailing: this.pending, mainFileMissing: this.mainFileMissing, configFileError: this.configFileError };
  }

  // ---- reports ----

  private report(errorClass: ConfigErrorClass | undefined, message: string, position: SourcePosition | undefined, hideFile = false): void {
    this.pending.push(position ? { errorClass, message, position, hideFile } : { errorClass, message });
  }

  /** Reports at the line being read, naming files as keepalived's configuration readers do. */
  private reportHere(errorClass: ConfigErrorClass | undefined, message: string): void {
    this.report(errorClass, message, this.position());
  }

  private lastPosition: SourcePosition | undefined;

  private position(): SourcePosition | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const f = this.stack[i] as OpenFile;
      if (f.path === undefined || f.line <= 0) continue;
      // Lines cut at braces share one position object.
      const last = this.lastPosition;
      if (last && last.line === f.line && last.file === f.path) return last;
      this.lastPosition = { file: f.path, line: f.line };
      return this.lastPosition;
    }
    return undefined;
  }

  /**
   * A problem with an included file. keepalived names the file whose line included it (leaving the
   * name out for a lone main file), and counts it as an error only under the include's checks.
   */
  private fileError(type: number, message: string): void {
    const top = this.stack[this.stack.length - 1];
    const counted = ((this.includeCheck | (top?.check ?? 0)) & type) !== 0;
    if (counted) this.configFileError = true;
    const cls = counted ? ConfigErrorClass.FileNotFound : undefined;
    let at = top;
    // keepalived would print "Line 0" for a file that ended before its first line; we name the includer.
    if (at && (!at.named || at.line === 0) && this.stack.length > 1) at = this.stack[this.stack.length - 2];
    // Lines repeated by ~SEQ/~LST can include after their file ended: name no line rather than line 0.
    if (at && at.line === 0) at = undefined;
    if (at?.named && at.path !== undefined) this.report(cls, message, { file: at.path, line: at.line });
    else if (at && at.line > 0) this.report(cls, message, { file: at.path ?? this.mainFile, line: at.line }, true);
    else this.report(cls, message, undefined);
  }

  private emit(text: string): ConfigLine | undefined {
    const split = splitWords(text);
    if (split.unmatchedQuote) this.reportHere(ConfigErrorClass.UnmatchedQuote, `Unmatched quote: '${text}'`);
    if (split.words.length === 0) return undefined;
    const position = this.position() ?? { file: this.mainFile, line: 0 };
    const reports = this.pending;
    let line: ConfigLine;
    if (reports.length === 0) line = { position, words: split.words, text };
    else {
      line = { position, words: split.words, text, reports };
      this.pending = [];
    }
    if (++this.emitted >= MAX_OUTPUT_LINES) this.stop();
    return line;
  }

  /**
   * The next line when it comes from a plain line of the innermost file (./plain.ts), read as the
   * full path would read it; undefined when the full path must take the next step. Plain lines are
   * cut a batch at a time, which {@link next} hands out one by one.
   */
  private nextPlain(): ConfigLine | undefined {
    const top = this.stack[this.stack.length - 1];
    const scanner = top?.plain;
    if (top === undefined || scanner === undefined) return undefined;
    // A new physical line only when the full path would read the file's next line, and far from
    // the limits (a batch is far smaller than the margin).
    const newLineRoom =
      this.residue !== undefined || this.repeats.length > this.multilineSeqDepth || this.multiline !== undefined || this.collecting !== undefined
        ? 0
        : Math.min(MAX_READ_STEPS - READ_STEPS_MARGIN - this.steps, MAX_OUTPUT_LINES - READ_STEPS_MARGIN - this.emitted);
    const reports = this.pending.length === 0 ? undefined : this.pending;
    scanner.line = top.line;
    scanner.blockDepth = this.blockDepth;
    const count = scanner.fill(this.batch, newLineRoom, reports);
    top.line = scanner.line;
    this.blockDepth = scanner.blockDepth;
    if (count === 0) return undefined;
    if (reports !== undefined) this.pending = [];
    this.steps += count;
    this.emitted += count;
    this.batchCount = count;
    this.batchAt = 1;
    return this.batch[0];
  }

  /** Gives up on input that keepalived would expand without end. */
  private stop(): void {
    if (this.exhausted) return;
    this.exhausted = true;
    this.reportHere(ConfigErrorClass.GeneralError, 'Configuration expands to too many lines - ignoring the rest');
  }

  // ---- files ----

  private content(absolute: string): string | undefined {
    if (!this.contents.has(absolute)) this.contents.set(absolute, this.host.readFile(absolute));
    return this.contents.get(absolute);
  }

  /** keepalived's check of the main file before it parses: every match must be usable. */
  private checkMainFile(): boolean {
    const matches = this.globChecked(this.mainFile, IncludeCheck.none);
    if (matches === undefined) return false;
    let usable = 0;
    for (const path of matches) {
      if (!this.usableMatch(path)) return false;
      if (this.content(resolvePath(this.cwd, path)) === undefined) {
        this.report(ConfigErrorClass.FileNotFound, `Unable to read configuration file ${path}`, undefined);
        return false;
      }
      usable++;
    }
    if (usable > 1) {
      this.report(ConfigErrorClass.MultipleFiles, `WARNING, multiple configuration file matches of ${this.mainFile}, starting with ${matches[0]}`, undefined);
    } else if (usable === 0) {
      this.report(ConfigErrorClass.FileNotFound, `Unable to find configuration file ${this.mainFile}`, undefined);
      return false;
    }
    return true;
  }

  /** Globs a pattern and reports what keepalived reports; undefined when the include is abandoned. */
  private globChecked(pattern: string, check: number, quiet = false): string[] | undefined {
    const found = globPattern(pattern, this.cwd, this.globFs);
    const checks = this.includeCheck | check;
    const missing = found.missingFiles > 0 || found.missingDirectories > 0;
    if (found.matches.length === 0) {
      if (quiet) return undefined;
      if (missing) this.fileError(hasBrace(pattern) ? IncludeCheck.brace : IncludeCheck.missing, `Config files missing '${pattern}'.`);
      else if (found.haveWildcards && (checks & IncludeCheck.wildcard) !== 0) {
        this.fileError(IncludeCheck.wildcard, `No config files matched '${pattern}'.`);
      }
      return undefined;
    }
    if (missing) {
      if (!quiet) this.fileError(IncludeCheck.brace, `Some config files missing: "${pattern}".`);
      if ((checks & IncludeCheck.brace) !== 0) return undefined;
    }
    return found.matches;
  }

  private usableMatch(path: string): boolean {
    if (path.endsWith('/')) {
      this.fileError(IncludeCheck.readable, `Configuration file '${path}' is a directory - skipping`);
      return false;
    }
    const st = this.host.stat(resolvePath(this.cwd, path));
    if (!st || !st.isFile || (st.mode & 0o111) !== 0) {
      this.fileError(IncludeCheck.readable, `Configuration file '${path}' is not a regular non-executable file - skipping`);
      return false;
    }
    return true;
  }

  /** Opens the first usable match of a pattern as the innermost file. */
  private openGlob(pattern: string, check: number, quiet = false): boolean {
    const entry: OpenFile = {
      pattern,
      check,
      matches: [],
      nextMatch: 0,
      named: false,
      path: undefined,
      absolute: undefined,
      lines: undefined,
      plain: undefined,
      line: 0,
      outerDirectory: undefined,
    };
    this.stack.push(entry);
    const matches = this.globChecked(pattern, check, quiet);
    if (matches !== undefined) entry.matches = matches;
    if (matches === undefined || !this.openNextMatch(entry)) {
      this.stack.pop();
      return false;
    }
    return true;
  }

  private openNextMatch(entry: OpenFile): boolean {
    while (entry.nextMatch < entry.matches.length) {
      const path = entry.matches[entry.nextMatch++] as string;
      if (!this.usableMatch(path)) continue;
      const absolute = resolvePath(this.cwd, path);
      if (this.stack.length > MAX_INCLUDE_DEPTH || this.stack.some((f) => f.absolute === absolute)) {
        // keepalived would include the file again and again until it runs out of descriptors.
        this.fileError(IncludeCheck.readable, `Configuration file '${path}' open problem (Too many open files) - skipping`);
        continue;
      }
      const text = this.content(absolute);
      if (text === undefined) {
        this.fileError(IncludeCheck.readable, `Configuration file '${path}' open problem (Permission denied) - skipping`);
        continue;
      }
      if (this.stack.length > 1 || entry.matches.length > 1) entry.named = true;
      entry.path = path;
      entry.absolute = absolute;
      entry.lines = new PhysicalCursor(text);
      entry.plain = this.plainPath ? new PlainScanner(entry.lines, path) : undefined;
      entry.line = 0;
      entry.outerDirectory = undefined;
      const slash = path.lastIndexOf('/');
      if (slash >= 0) {
        entry.outerDirectory = this.cwd;
        this.cwd = resolvePath(this.cwd, slash === 0 ? '/' : path.slice(0, slash));
      }
      return true;
    }
    return false;
  }

  /** The innermost file ended: its next match, or back to the file that included it. */
  private nextFile(): boolean {
    const top = this.stack[this.stack.length - 1] as OpenFile;
    if (top.outerDirectory !== undefined) this.cwd = top.outerDirectory;
    top.outerDirectory = undefined;
    top.absolute = undefined;
    if (this.openNextMatch(top)) return true;
    this.stack.pop();
    return this.stack.length > 0;
  }

  /** The next non-empty line of the open files, comments removed; undefined at the end. */
  private readPhysical(): string | undefined {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top) return undefined;
      const physical = top.lines?.next();
      if (physical === undefined) {
        if (!this.nextFile()) return undefined;
        continue;
      }
      top.line++;
      if (physical.length === 0) {
        // A truly empty line ends a multi-line definition (a comment-only line does not).
        if (this.collecting) this.endCollecting();
        continue;
      }
      const text = this.decommented(physical);
      if (text.length > 0) return text;
    }
  }

  private decommented(text: string): string {
    const plain = decommentPlain(text);
    if (plain !== undefined) return plain;
    const d = decomment(text);
    if (d.unterminated !== undefined) this.reportHere(ConfigErrorClass.GeneralError, `Unterminated quote '${d.unterminated}'`);
    return d.text;
  }

  private endCollecting(): void {
    const def = this.collecting as Definition;
    this.collecting = undefined;
    if (def.value.length === 0) def.multiline = false;
  }

  // ---- the loop ----

  private readonly hooks: SubstitutionHooks = {
    pushMultiline: (cursor) => this.multilineStack.push({ cursor, seqDepth: this.multilineSeqDepth }),
    markMultilineSeqDepth: () => {
      this.multilineSeqDepth = this.repeats.length;
    },
  };

  private nextSource(): string | undefined {
    if (this.residue !== undefined) {
      const text = this.residue;
      this.residue = undefined;
      return text;
    }
    if (this.repeats.length > this.multilineSeqDepth) {
      const repeat = this.repeats[this.repeats.length - 1] as Repeat;
      const { text, done } = nextRepetition(repeat, (name, value) => this.defs.set(name, value));
      if (done) this.repeats.pop();
      return text;
    }
    if (this.multiline) {
      const cursor = this.multiline;
      const end = cursor.value.indexOf('\n', cursor.offset);
      if (end >= 0) {
        const text = cursor.value.slice(cursor.offset, end);
        cursor.offset = end + 1;
        return text;
      }
      const text = cursor.value.slice(Math.min(cursor.offset, cursor.value.length));
      const outer = this.multilineStack.pop();
      if (outer) {
        this.multiline = outer.cursor;
        this.multilineSeqDepth = outer.seqDepth;
      } else {
        this.multiline = undefined;
        this.multilineSeqDepth = 0;
      }
      return text;
    }
    return this.readPhysical();
  }

  /** keepalived's read_line: the next logical line's text, or undefined at the end of the input. */
  private readLine(): string | undefined {
    let buf: string;
    for (;;) {
      if (this.exhausted) return undefined;
      if (++this.steps > MAX_READ_STEPS) {
        this.stop();
        return undefined;
      }
      const next = this.nextSource();
      if (next === undefined) return undefined;
      buf = next;

      if (this.collecting) {
        this.collect(buf);
        continue;
      }
      if (buf.length === 0) continue;
      buf = this.expand(buf);
      if (buf.length === 0) continue;
      const include = parseInclude(buf);
      if (include) {
        this.include(include.pattern, include.check);
        continue;
      }
      break;
    }
    const { head, residue } = splitAtBrace(buf);
    this.residue = residue;
    if (head === '{') this.blockDepth++;
    else if (head === '}') {
      if (this.blockDepth-- < 1) {
        this.reportHere(ConfigErrorClass.UnexpectedBlockEnd, "Extra '}' found");
        this.blockDepth = 0;
      }
    }
    return head;
  }

  /** Adds a line to the multi-line definition being read. */
  private collect(line: string): void {
    const def = this.collecting as Definition;
    let text = line;
    if (text.endsWith('\\')) {
      let end = text.length - 1;
      while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
      text = `${text.slice(0, end)}\n`;
    } else this.endCollecting();
    // Lines with nothing but the continuation mark add nothing.
    if (text.length >= 2 || (text.length > 0 && this.collecting === undefined)) def.value += text;
  }

  /** `@id`, definitions, ~SEQ/~LST and substitution; '' when nothing is left of the line. */
  private expand(line: string): string {
    let buf = line;
    for (let rescans = 0; rescans < MAX_RESCANS_PER_LINE; rescans++) {
      if (buf[0] === '@') {
        const kept = applyConditional(buf, this.options.configId);
        if (kept === undefined) return '';
        buf = kept;
      }
      if (buf[0] === '$') {
        const def = this.defs.define(buf);
        if (def) {
          if (def.multiline) this.collecting = def;
          return '';
        }
      }
      if (buf.startsWith('~SEQ') || buf.startsWith('~LST')) {
        this.addRepeat(buf);
        return '';
      }
      if (buf[0] === '~' || !buf.includes('$')) return buf;
      const result = substitute(buf, MAX_LINE_LENGTH, this.multiline, this.defs, this.hooks);
      buf = result.text;
      if (!result.replaced) return buf;
      this.multiline = result.multiline;
      buf = this.decommented(buf);
      if (buf[0] !== '@' && !buf.includes('$')) return buf;
    }
    return buf;
  }

  private addRepeat(line: string): void {
    const report = (cls: ConfigErrorClass, message: string): void => this.reportHere(cls, message);
    if (line[1] === 'S') {
      const seq = parseSeq(
        line,
        (params) => {
          const r = substitute(params, SEQ_PARAMS_LENGTH, undefined, this.defs, this.hooks);
          return { text: r.text, multiline: r.multiline !== undefined };
        },
        report,
      );
      if (seq) this.repeats.push(seq);
      else report(ConfigErrorClass.GeneralError, `Invalid ~SEQ specification '${line}'`);
    } else {
      const lst = parseLst(line, report);
      if (lst) this.repeats.push(lst);
      else report(ConfigErrorClass.GeneralError, `Invalid ~LST specification '${line}'`);
    }
  }

  private include(pattern: string, check: number): void {
    this.openGlob(pattern, check);
  }
}
