/**
 * Walks logical lines through a keyword tree the way keepalived's parser does: a block keyword's
 * `{` may end its line or start the next one; `}` closes the innermost block; unknown keywords are
 * reported and skipped (their `{` then reads as "Unexpected '{'", and their contents are read at the
 * enclosing level, as keepalived does); a `}` at the top level is an unknown keyword.
 */
import { ConfigErrorClass, ExitCode, type Diagnostics, type SourcePosition } from '../diagnostics.js';
import type { ConfigLine } from '../reader/types.js';
import type { ConfigHost } from '../../ports/config-host.js';
import type { ParseOptions } from '../options.js';
import type { BlockSpec, CloseContext, LineContext, ValueLine } from './spec.js';

const BLOCK_START = '{';
const BLOCK_END = '}';

/** Thrown by `requireWord` to stop the parse as keepalived's exit does; caught in {@link runTree}. */
export class ParseAbort {
  constructor(readonly exitCode: ExitCode) {}
}

export interface TreeEnvironment {
  readonly diagnostics: Diagnostics;
  readonly host: ConfigHost;
  readonly options: ParseOptions;
}

/** Lines handed over one at a time (the reader reads as the tree asks). */
export interface LineSource {
  next(): ConfigLine | undefined;
}

class ArraySource implements LineSource {
  private index = 0;
  constructor(private readonly lines: readonly ConfigLine[]) {}
  next(): ConfigLine | undefined {
    return this.lines[this.index++];
  }
}

class Cursor {
  /** Lines read ahead by {@link peekWords}, not yet taken. */
  private readonly ahead: ConfigLine[] = [];
  /** The context of leaf lines at each block depth (see {@link Line}). */
  readonly leafContexts: (Line | undefined)[] = [];
  /** Likewise for the lines of block and value keywords, whose context lives while they open. */
  readonly keywordContexts: (Line | undefined)[] = [];
  /** Likewise for the close handlers of blocks at each depth. */
  readonly closeContexts: (Close | undefined)[] = [];
  constructor(
    private readonly source: LineSource,
    private readonly diagnostics: Diagnostics,
  ) {}
  /**
   * Takes the next line. The reader's reports attached to it are printed now: keepalived reads
   * lazily, so its reader messages fall between the keyword tree's, in this order.
   */
  next(): ConfigLine | undefined {
    const line = this.ahead.length > 0 ? this.ahead.shift() : this.source.next();
    if (line?.reports) {
      for (const d of line.reports) this.diagnostics.report(d.errorClass, d.message, d.position, d.hideFile);
    }
    return line;
  }
  /** The next line with words, without consuming it. */
  peekWords(): readonly string[] | undefined {
    for (const line of this.ahead) if (line.words.length > 0) return line.words;
    for (let line = this.source.next(); line !== undefined; line = this.source.next()) {
      this.ahead.push(line);
      if (line.words.length > 0) return line.words;
    }
    return undefined;
  }
}

/**
 * Runs the whole line list through `root` with `state`. Returns false when the parse was aborted
 * (the diagnostics then carry `abortExitCode`).
 */
export function runTree<S>(lines: readonly ConfigLine[] | LineSource, root: BlockSpec<S>, state: S, env: TreeEnvironment): boolean {
  const cursor = new Cursor(Array.isArray(lines) ? new ArraySource(lines) : (lines as LineSource), env.diagnostics);
  try {
    runBlock(cursor, root as BlockSpec<unknown>, state, 0, false, env);
    return true;
  } catch (e) {
    if (e instanceof ParseAbort) {
      env.diagnostics.abortExitCode = e.exitCode;
      return false;
    }
    throw e;
  }
}

type Reporter = (cls: ConfigErrorClass | undefined, message: string) => void;

/**
 * What the contexts handed to handlers share: the environment's parts, read through it rather than
 * copied into every context, and a reporter made on first use (handlers hand it on to value
 * readers, so it is bound; most lines never report). Fields are `declare`d and assigned in the
 * constructor: declared fields would be defined by a separate initializer call on every construction.
 */
abstract class Reporting {
  declare private reporter: Reporter | undefined;
  declare private readonly env: TreeEnvironment;
  declare protected hideFile: boolean;

  constructor(env: TreeEnvironment, hideFile: boolean) {
    this.reporter = undefined;
    this.env = env;
    this.hideFile = hideFile;
  }

  /** Where this context reports, read at the time of the report. */
  protected abstract at(): SourcePosition;

  get diagnostics(): Diagnostics {
    return this.env.diagnostics;
  }

  get host(): ConfigHost {
    return this.env.host;
  }

  get options(): ParseOptions {
    return this.env.options;
  }

  get report(): Reporter {
    return (this.reporter ??= (cls, message) => this.env.diagnostics.report(cls, message, this.at(), this.hideFile));
  }
}

/**
 * A keyword line's context. The leaf lines of all blocks at one depth share one, moved from line to
 * line with {@link moveTo} (blocks at one depth never run at the same time), and so do the lines of
 * block and value keywords: handlers use their context only while they run (what they keep is the
 * line's position or words), and an object and a reporter per line were a large part of a config
 * test's allocation. Its reporter reports at the line being handled when it is called.
 */
class Line extends Reporting implements LineContext {
  declare line: ConfigLine;
  declare words: readonly string[];

  constructor(line: ConfigLine, words: readonly string[], env: TreeEnvironment, hideFile: boolean) {
    super(env, hideFile);
    this.line = line;
    this.words = words;
  }

  moveTo(line: ConfigLine, hideFile: boolean, words: readonly string[] = line.words): this {
    this.line = line;
    this.words = words;
    this.hideFile = hideFile;
    return this;
  }

  protected at(): SourcePosition {
    return this.line.position;
  }

  requireWord(index: number): string {
    const words = this.words;
    const word = words[index];
    if (word !== undefined) return word;
    const first = words[0] ?? '***MISSING ***';
    const previous = index > 0 ? words[index - 1] : undefined;
    this.report(
      ConfigErrorClass.MissingParameter,
      previous !== undefined
        ? `*** Configuration line starting \`${first}\` is missing a parameter after keyword \`${previous}\` at word position ${index + 1}`
        : `*** Configuration line starting \`${first}\` is missing a parameter at word position ${index + 1}`,
    );
    throw new ParseAbort(ExitCode.missingParameter);
  }
}

/** A data line of a value block. */
class Value extends Reporting implements ValueLine {
  declare readonly line: ConfigLine;
  declare readonly words: readonly string[];

  constructor(line: ConfigLine, env: TreeEnvironment, hideFile: boolean) {
    super(env, hideFile);
    this.line = line;
    this.words = line.words;
  }

  protected at(): SourcePosition {
    return this.line.position;
  }
}

/**
 * What a block's close handler gets; reports at the line holding the block's `}`. Pooled per block
 * depth like {@link Line}: close handlers use it only while they run.
 */
class Close extends Reporting implements CloseContext {
  declare openedAt: ConfigLine;
  declare closedAt: ConfigLine;

  constructor(openedAt: ConfigLine, closedAt: ConfigLine, env: TreeEnvironment, hideFile: boolean) {
    super(env, hideFile);
    this.openedAt = openedAt;
    this.closedAt = closedAt;
  }

  moveTo(openedAt: ConfigLine, closedAt: ConfigLine, hideFile: boolean): this {
    this.openedAt = openedAt;
    this.closedAt = closedAt;
    this.hideFile = hideFile;
    return this;
  }

  protected at(): SourcePosition {
    return this.closedAt.position;
  }
}

function lineContext(line: ConfigLine, words: readonly string[], env: TreeEnvironment, hideFile: boolean): LineContext {
  return new Line(line, words, env, hideFile);
}

/** The same context, reporting `(Line N)` without the file (see BlockSpec.hideFile). */
export function withHiddenFile(ctx: LineContext): LineContext {
  return lineContext(ctx.line, ctx.words, ctx, true);
}

/** Reads a value block's lines up to its `}` (nested braces are kept as data, balanced). */
/** Reads a value block's lines; `closedAt` is the line with its `}` (undefined at end of input). */
function readValues(
  cursor: Cursor,
  needStart: boolean,
  env: TreeEnvironment,
  hideFile: boolean,
): { lines: ValueLine[]; closedAt: ConfigLine | undefined } {
  const out: ValueLine[] = [];
  let closedAt: ConfigLine | undefined;
  let awaitingStart = needStart;
  let depth = 0;
  for (let line = cursor.next(); line; line = cursor.next()) {
    const words = line.words;
    if (words.length === 0) continue;
    if (awaitingStart) {
      awaitingStart = false;
      if (words[0] === BLOCK_START && words.length === 1) continue;
      env.diagnostics.report(ConfigErrorClass.MissingBlockStart, `Missing '${BLOCK_START}' at beginning of configuration block`, line.position, hideFile);
    }
    if (words[0] === BLOCK_END && depth === 0) {
      closedAt = line;
      break;
    }
    if (words.includes(BLOCK_START)) depth++;
    if (words[0] === BLOCK_END) depth--;
    out.push(new Value(line, env, hideFile));
  }
  return { lines: out, closedAt };
}

/**
 * Runs one block's lines; returns the line that closed it (its `}`), or the last line read when
 * the input ended first.
 */
function runBlock(
  cursor: Cursor,
  block: BlockSpec<unknown>,
  state: unknown,
  level: number,
  needStart: boolean,
  env: TreeEnvironment,
  inheritedHideFile = false,
): ConfigLine | undefined {
  const hideFile = inheritedHideFile || (block.hideFile ?? false);
  let awaitingStart = needStart;
  let last: ConfigLine | undefined;
  for (let line = cursor.next(); line; line = cursor.next()) {
    last = line;
    if (line.words.length === 0) continue;
    const first = line.words[0] as string;

    if (awaitingStart) {
      awaitingStart = false;
      if (first === BLOCK_START && level > 0) continue;
      env.diagnostics.report(ConfigErrorClass.MissingBlockStart, `Missing '${BLOCK_START}' at beginning of configuration block`, line.position, hideFile);
    } else if (first === BLOCK_START) {
      env.diagnostics.report(ConfigErrorClass.UnexpectedBlockStart, `Unexpected '${BLOCK_START}' - ignoring`, line.position, hideFile);
      continue;
    }
    if (first === BLOCK_END && level > 0) return line;

    const keyword = block.keywords.get(first);
    if (!keyword) {
      env.diagnostics.report(ConfigErrorClass.UnknownKeyword, `Unknown keyword '${first}'`, line.position, hideFile);
      continue;
    }

    if (keyword.kind === 'leaf') {
      const pooled = cursor.leafContexts[level];
      keyword.handle(pooled === undefined ? (cursor.leafContexts[level] = new Line(line, line.words, env, hideFile)) : pooled.moveTo(line, hideFile), state);
      continue;
    }

    // Block and value keywords take their `{` from the end of the line or from the next line.
    const hasStart = line.words[line.words.length - 1] === BLOCK_START;
    const words = hasStart ? line.words.slice(0, -1) : line.words;
    const pooled = cursor.keywordContexts[level];
    const ctx = pooled === undefined ? (cursor.keywordContexts[level] = new Line(line, words, env, hideFile)) : pooled.moveTo(line, hideFile, words);

    if (keyword.kind === 'values') {
      const block = readValues(cursor, !hasStart, env, hideFile);
      const closedAt = block.closedAt ?? line;
      keyword.handle(ctx, state, block.lines, new Value(closedAt, env, hideFile));
      continue;
    }

    const child = keyword.open(ctx, state);
    if (child === undefined) {
      skipBlock(cursor, !hasStart);
      continue;
    }
    const childHideFile = hideFile || (keyword.block.hideFile ?? false);
    const closedAt = runBlock(cursor, keyword.block, child, level + 1, !hasStart, env, childHideFile) ?? line;
    const close = keyword.block.close;
    if (close) {
      const pooled = cursor.closeContexts[level];
      close(child, pooled === undefined ? (cursor.closeContexts[level] = new Close(line, closedAt, env, childHideFile)) : pooled.moveTo(line, closedAt, childHideFile));
    }
  }
  return last;
}

/** Skips a block whose keyword was rejected, balancing braces without reporting. */
function skipBlock(cursor: Cursor, needStart: boolean): void {
  // The rejected keyword may have had no block after all: then nothing is skipped.
  if (needStart && cursor.peekWords()?.[0] !== BLOCK_START) return;
  let depth = needStart ? 0 : 1;
  for (let line = cursor.next(); line; line = cursor.next()) {
    for (const word of line.words) {
      if (word === BLOCK_START) depth++;
      else if (word === BLOCK_END) depth--;
    }
    if (depth <= 0) return;
  }
}
