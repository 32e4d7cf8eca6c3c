/** Top-level keywords of the global section of keepalived.conf and their handlers. */
import { ConfigErrorClass } from '../diagnostics.js';
import { leaf, sub, type KeywordSpec } from '../tree/spec.js';
import type { KeepalivedConfig } from '../model/index.js';
import type { TreeEnvironment } from '../tree/run.js';
import { globalDefsBlock } from './global/defs.js';
import { withHiddenFile } from './vrrp/context.js';
import { readUnsigned, UINT_MAX } from '../values/number.js';

/** Root-level process settings keepalived reads before global_defs; kept with the global settings. */
function rootSetting(check?: (words: readonly string[], report: (m: string) => void) => void): KeywordSpec<KeepalivedConfig> {
  return leaf((raw, cfg) => {
    const ctx = withHiddenFile(raw);
    if (check) check(ctx.words, (m) => ctx.report(ConfigErrorClass.GeneralError, m));
    cfg.global.other.set(ctx.words[0] as string, ctx.words.slice(1));
  });
}

export const globalKeywords: Record<string, KeywordSpec<KeepalivedConfig>> = {
  global_defs: sub((_ctx, cfg) => cfg.global, globalDefsBlock),
  net_namespace: rootSetting((w, report) => {
    if (w.length < 2) report('net_namespace name missing - ignoring');
  }),
  net_namespace_ipvs: rootSetting(),
  namespace_with_ipsets: rootSetting(),
  use_pid_dir: rootSetting(),
  instance: rootSetting((w, report) => {
    if (w.length < 2) report('instance name missing - ignoring');
  }),
  child_wait_time: leaf((raw, cfg) => {
    const ctx = withHiddenFile(raw);
    const word = ctx.requireWord(1);
    if (readUnsigned(word, 0, UINT_MAX, ctx.report) === undefined)
      return ctx.report(ConfigErrorClass.GeneralError, `Invalid child_wait_time ${word}`);
    cfg.global.other.set('child_wait_time', [word]);
  }),
};

/** Checks made after the whole file is read (keepalived's post-parse validation). */
export function validateGlobal(_config: KeepalivedConfig, _env: TreeEnvironment): void {
  // Script security and the default script user are checked with the VRRP scripts (validateVrrp).
}
