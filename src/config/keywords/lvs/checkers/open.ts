/** Opening and closing a checker block under a real server. */
import type { Checker } from '../../../model/lvs.js';
import type { KeepalivedConfig } from '../../../model/index.js';
import type { RealServer, VirtualServer } from '../../../model/lvs.js';
import { appended } from '../../../model/lists.js';
import { blockSpec, sub, type BlockKeyword, type CloseContext, type KeywordSpec } from '../../../tree/spec.js';
import type { CheckerState } from './state.js';

export interface ServerState {
  readonly config: KeepalivedConfig;
  readonly vs: VirtualServer;
  readonly rs: RealServer;
}

/**
 * A checker keyword: `create` builds the checker with its defaults; `close` may drop it
 * (clearing `keep`) after reporting why.
 */
export function checkerKeyword<C extends Checker>(
  create: (position: Checker['position']) => C,
  keywords: Record<string, KeywordSpec<CheckerState<C>>>,
  close?: (state: CheckerState<C>, ctx: CloseContext) => void,
): BlockKeyword<ServerState> {
  return sub<ServerState, CheckerState<C>>(
    (ctx, s) => ({ config: s.config, vs: s.vs, rs: s.rs, checker: create(ctx.line.position), keep: true }),
    blockSpec(keywords, (state, ctx) => {
      close?.(state, ctx);
      if (state.keep) state.rs.checkers = appended(state.rs.checkers, state.checker);
    }),
  );
}
