/** vrrp_script, track_file (vrrp_track_file) and vrrp_track_process blocks. */
import { ConfigErrorClass } from '../../diagnostics.js';
import { blockSpec, leaf, type BlockSpec, type KeywordSpec, type LineContext } from '../../tree/spec.js';
import type { TrackFile, TrackProcess, VrrpScript } from '../../model/vrrp.js';
import { readInt, readTimerUs, readUnsigned, INT_MAX, UINT_MAX } from '../../values/number.js';
import { scriptCommand } from './context.js';

const E = ConfigErrorClass.GeneralError;

function weight(ctx: LineContext, kind: string, name: string, set: (w: number, reverse: boolean) => void): void {
  const w = ctx.requireWord(1);
  const v = readInt(w, -253, 253, ctx.report);
  if (v === undefined) return ctx.report(E, `${kind} ${name} weight ${w} must be in [-253, 253]`);
  set(v, ctx.words[2] === 'reverse');
}

const scriptKeywords: Record<string, KeywordSpec<VrrpScript>> = {
  script: leaf((ctx, s) => void (s.script = scriptCommand(ctx))),
  interval: leaf((ctx, s) => {
    const us = readTimerUs(ctx.requireWord(1), 1_000_000, UINT_MAX, ctx.report);
    if (us === undefined) return ctx.report(E, `vrrp_script ${s.name} interval '${ctx.words[1] as string}' invalid - ignoring`);
    s.intervalMs = us / 1000;
  }),
  timeout: leaf((ctx, s) => {
    const us = readTimerUs(ctx.requireWord(1), 1_000_000, UINT_MAX, ctx.report);
    if (us === undefined) return ctx.report(E, `vrrp_script ${s.name} timeout '${ctx.words[1] as string}' invalid - ignoring`);
    s.timeoutMs = us / 1000;
  }),
  weight: leaf((ctx, s) =>
    weight(ctx, 'vrrp_script', s.name, (w, r) => {
      s.weight = w;
      s.weightReverse = r;
    }),
  ),
  rise: leaf((ctx, s) => {
    const w = ctx.requireWord(1);
    const v = readUnsigned(w, 1, INT_MAX, ctx.report);
    if (v === undefined) return ctx.report(E, `(${s.name}): vrrp script rise value '${w}' invalid, defaulting to 1`), void (s.rise = 1);
    s.rise = v;
  }),
  fall: leaf((ctx, s) => {
    const w = ctx.requireWord(1);
    const v = readUnsigned(w, 1, INT_MAX, ctx.report);
    if (v === undefined) return ctx.report(E, `(${s.name}): vrrp script fall value '${w}' invalid, defaulting to 1`), void (s.fall = 1);
    s.fall = v;
  }),
  user: leaf((ctx, s) => {
    s.user = ctx.requireWord(1);
    s.group = ctx.words[2];
    if (!ctx.host.userByName(s.user) || (s.group !== undefined && !ctx.host.groupByName(s.group)))
      ctx.report(E, `Unable to set uid/gid for script ${ctx.words.slice(1).join(' ')}`);
  }),
  init_fail: leaf((_ctx, s) => void (s.initFail = true)),
};

export const vrrpScriptBlock: BlockSpec<VrrpScript> = blockSpec(scriptKeywords);

const trackFileKeywords: Record<string, KeywordSpec<TrackFile>> = {
  file: leaf((ctx, t) => void (t.file = ctx.requireWord(1))),
  weight: leaf((ctx, t) =>
    weight(ctx, 'track file', t.name, (w, r) => {
      t.weight = w;
      t.weightReverse = r;
    }),
  ),
  init_file: leaf((ctx, t) => {
    const v = ctx.words[1] === undefined || ctx.words[1] === 'overwrite' ? 0 : readInt(ctx.words[1], -254, 254, ctx.report);
    t.initFile = { value: v ?? 0, overwrite: ctx.words.includes('overwrite') };
  }),
};

export const trackFileBlock: BlockSpec<TrackFile> = blockSpec(trackFileKeywords);

const trackProcessKeywords: Record<string, KeywordSpec<TrackProcess>> = {
  process: leaf((ctx, t) => {
    t.process = ctx.requireWord(1);
    if (ctx.words.length > 2) t.params = ctx.words.slice(2).join(' ');
  }),
  param_match: leaf((ctx, t) => {
    const m = ctx.requireWord(1);
    if (m === 'exact' || m === 'partial' || m === 'initial') t.paramMatch = m;
    else ctx.report(E, `Invalid param_match '${m}' - must be exact, partial or initial`);
  }),
  weight: leaf((ctx, t) =>
    weight(ctx, 'track_process', t.name, (w, r) => {
      t.weight = w;
      t.weightReverse = r;
    }),
  ),
  quorum: leaf((ctx, t) => {
    const v = readUnsigned(ctx.requireWord(1), 1, 65535, ctx.report);
    if (v !== undefined) t.quorum = v;
  }),
  quorum_max: leaf((ctx, t) => {
    const v = readUnsigned(ctx.requireWord(1), 1, 65535, ctx.report);
    if (v !== undefined) t.quorumMax = v;
  }),
  delay: leaf((ctx, t) => {
    const us = readTimerUs(ctx.requireWord(1), 0, UINT_MAX, ctx.report);
    if (us !== undefined) t.forkDelayMs = t.terminateDelayMs = us / 1000;
  }),
  fork_delay: leaf((ctx, t) => {
    const us = readTimerUs(ctx.requireWord(1), 0, UINT_MAX, ctx.report);
    if (us !== undefined) t.forkDelayMs = us / 1000;
  }),
  terminate_delay: leaf((ctx, t) => {
    const us = readTimerUs(ctx.requireWord(1), 0, UINT_MAX, ctx.report);
    if (us !== undefined) t.terminateDelayMs = us / 1000;
  }),
  full_command: leaf((_ctx, t) => void (t.fullCommand = true)),
};

export const trackProcessBlock: BlockSpec<TrackProcess> = blockSpec(trackProcessKeywords);
