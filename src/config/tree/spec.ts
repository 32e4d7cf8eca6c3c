/**
 * The keyword tree: each block of keepalived.conf is a table of keywords with a handler each,
 * building one typed model object (the block's state). Handlers are small and live next to the
 * model they build; the runner in ./run.ts walks the logical lines.
 */
import type { ConfigErrorClass, Diagnostics } from '../diagnostics.js';
import type { ConfigLine } from '../reader/types.js';
import type { ConfigHost } from '../../ports/config-host.js';
import type { ParseOptions } from '../options.js';

/** What every handler receives for the line it handles. */
export interface LineContext {
  readonly line: ConfigLine;
  /** The line's words; `words[0]` is the keyword. A trailing `{` of a block keyword is removed. */
  readonly words: readonly string[];
  readonly diagnostics: Diagnostics;
  readonly host: ConfigHost;
  readonly options: ParseOptions;
  /** Reports at this line's position. */
  report(errorClass: ConfigErrorClass | undefined, message: string): void;
  /**
   * keepalived exits at once when a keyword lacks a required parameter; this reports that
   * (`*** Configuration line starting … is missing a parameter …`) and aborts the parse.
   * Returns the word when present.
   */
  requireWord(index: number): string;
}

/** Context for a block's close handler (keepalived's sub-level end handler). */
export interface CloseContext {
  /** The keyword line that opened the block. */
  readonly openedAt: ConfigLine;
  /**
   * The line holding the block's `}` (the last line read when the input ended first); keepalived
   * reports close-handler messages there, and `report` does too.
   */
  readonly closedAt: ConfigLine;
  readonly diagnostics: Diagnostics;
  readonly host: ConfigHost;
  readonly options: ParseOptions;
  report(errorClass: ConfigErrorClass | undefined, message: string): void;
}

export type LeafHandler<S> = (ctx: LineContext, state: S) => void;

export interface LeafKeyword<S> {
  readonly kind: 'leaf';
  readonly handle: LeafHandler<S>;
}

/**
 * A keyword whose `{ … }` holds data lines rather than keywords (virtual_ipaddress,
 * unicast_peer, track_interface…). The handler gets the keyword line and the block's lines.
 */
export interface ValuesKeyword<S> {
  readonly kind: 'values';
  /** `closing` is the line holding the block's `}`, where keepalived reports about the block as a whole. */
  readonly handle: (ctx: LineContext, state: S, values: readonly ValueLine[], closing: ValueLine) => void;
}

/** A data line inside a value block, with its own reporting position. */
export interface ValueLine {
  readonly line: ConfigLine;
  readonly words: readonly string[];
  report(errorClass: ConfigErrorClass | undefined, message: string): void;
}

/** A keyword that opens a nested keyword block, building a child state. */
export interface BlockKeyword<S> {
  readonly kind: 'block';
  /** Returns the child's state; `undefined` skips the block's contents silently. */
  readonly open: (ctx: LineContext, state: S) => unknown;
  readonly block: BlockSpec<unknown>;
}

export type KeywordSpec<S> = LeafKeyword<S> | ValuesKeyword<S> | BlockKeyword<S>;

export interface BlockSpec<S> {
  readonly keywords: ReadonlyMap<string, KeywordSpec<S>>;
  readonly close?: ((state: S, ctx: CloseContext) => void) | undefined;
  /**
   * keepalived reads some blocks (global_defs) in an early pass before it records the file name,
   * so everything reported inside them prints as `(Line N)`.
   */
  readonly hideFile?: boolean;
}

export function leaf<S>(handle: LeafHandler<S>): LeafKeyword<S> {
  return { kind: 'leaf', handle };
}

export function values<S>(handle: ValuesKeyword<S>['handle']): ValuesKeyword<S> {
  return { kind: 'values', handle };
}

export function sub<S, C>(open: (ctx: LineContext, state: S) => C | undefined, block: BlockSpec<C>): BlockKeyword<S> {
  return { kind: 'block', open, block: block as BlockSpec<unknown> };
}

export function blockSpec<S>(
  keywords: Record<string, KeywordSpec<S>>,
  close?: (state: S, ctx: CloseContext) => void,
  options: { hideFile?: boolean } = {},
): BlockSpec<S> {
  return { keywords: new Map(Object.entries(keywords)), close, hideFile: options.hideFile ?? false };
}
