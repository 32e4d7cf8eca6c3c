/** Top-level keywords of the vrrp section of keepalived.conf and their handlers. */
import { collectRoutes, collectRules } from './vrrp/routes.js';
import { ConfigErrorClass } from '../diagnostics.js';
import { sub, values, type KeywordSpec, type LineContext } from '../tree/spec.js';
import type { KeepalivedConfig } from '../model/index.js';
import type { SyncGroup, TrackFile, TrackProcess, VrrpScript } from '../model/vrrp.js';
import { emptyNotifyScripts, newVrrpInstance } from '../model/vrrp/instance.js';
import type { TreeEnvironment } from '../tree/run.js';
import { instanceBlock, type InstanceState } from './vrrp/instance.js';
import { syncGroupBlock } from './vrrp/sync-group.js';
import { trackFileBlock, trackProcessBlock, vrrpScriptBlock } from './vrrp/tracked.js';
import { parseVirtualAddress } from './vrrp/address.js';
import { validateVrrpConfig } from './vrrp/validate.js';
import { garpGroupBlock } from './vrrp/garp-group.js';

const E = ConfigErrorClass.GeneralError;

function named(ctx: LineContext): string {
  return ctx.requireWord(1);
}

const vrrpScript = sub<KeepalivedConfig, VrrpScript>((ctx, cfg) => {
  const s: VrrpScript = {
    name: named(ctx),
    script: undefined,
    intervalMs: 1000,
    timeoutMs: undefined,
    weight: 0,
    weightReverse: false,
    rise: 1,
    fall: 1,
    user: undefined,
    group: undefined,
    initFail: false,
    position: ctx.line.position,
  };
  cfg.vrrp.scripts.push(s);
  return s;
}, {
  ...vrrpScriptBlock,
  close: (s, ctx) => {
    const cfg = scriptOwners.get(s);
    // Dropped at its `}`, so that an instance tracking it later hears "not found".
    if (s.script === undefined) {
      ctx.report(E, `No script set for vrrp_script ${s.name} - removing`);
      if (cfg) cfg.vrrp.scripts = cfg.vrrp.scripts.filter((x) => x !== s);
      return;
    }
    // Without its own user, a script runs as the global script_user; if that failed it is dropped.
    if (s.user === undefined && cfg?.global.scriptUserFailed) {
      ctx.report(E, `Unable to set default user for vrrp script ${s.name} - removing`);
      cfg.vrrp.scripts = cfg.vrrp.scripts.filter((x) => x !== s);
    }
  },
});
/** Which config a script block belongs to, for its close handler. */
const scriptOwners = new WeakMap<VrrpScript, KeepalivedConfig>();
const vrrpScriptKeyword: KeywordSpec<KeepalivedConfig> = {
  ...vrrpScript,
  open: (ctx, cfg) => {
    const s = vrrpScript.open(ctx, cfg) as VrrpScript;
    scriptOwners.set(s, cfg);
    return s;
  },
};

const trackFile = sub<KeepalivedConfig, TrackFile>((ctx, cfg) => {
  const t: TrackFile = { name: named(ctx), file: undefined, weight: 1, weightReverse: false, initFile: undefined, position: ctx.line.position };
  cfg.vrrp.trackFiles.push(t);
  return t;
}, trackFileBlock);

const trackProcess = sub<KeepalivedConfig, TrackProcess>((ctx, cfg) => {
  const t: TrackProcess = {
    name: named(ctx),
    process: undefined,
    params: undefined,
    paramMatch: 'exact',
    quorum: 1,
    quorumMax: undefined,
    weight: 0,
    weightReverse: false,
    forkDelayMs: undefined,
    terminateDelayMs: undefined,
    fullCommand: false,
    position: ctx.line.position,
  };
  cfg.vrrp.trackProcesses.push(t);
  return t;
}, trackProcessBlock);

export const vrrpKeywords: Record<string, KeywordSpec<KeepalivedConfig>> = {
  vrrp_script: vrrpScriptKeyword,
  track_file: trackFile,
  vrrp_track_file: trackFile,
  vrrp_track_process: trackProcess,
  vrrp_sync_group: sub<KeepalivedConfig, SyncGroup>((ctx, cfg) => {
    const g: SyncGroup = {
      name: named(ctx),
      position: ctx.line.position,
      members: [],
      trackInterfaces: [],
      trackScripts: [],
      trackFiles: [],
      trackProcesses: [],
      trackBfds: [],
      notify: emptyNotifyScripts(),
      smtpAlert: undefined,
      globalTracking: false,
      other: new Map(),
    };
    cfg.vrrp.syncGroups.push(g);
    return g;
  }, syncGroupBlock),
  vrrp_instance: sub<KeepalivedConfig, InstanceState>((ctx, cfg) => {
    const inst = newVrrpInstance(named(ctx), ctx.line.position);
    cfg.vrrp.instances.push(inst);
    return { inst, vrrp: cfg.vrrp, global: cfg.global };
  }, instanceBlock),
  garp_group: sub((ctx, cfg) => {
    const g = { garpIntervalMs: undefined, gnaIntervalMs: undefined, interfaces: [], position: ctx.line.position };
    cfg.vrrp.garpGroups.push(g);
    return g;
  }, garpGroupBlock),
  static_ipaddress: values((ctx, cfg, lines) => {
    for (const l of lines) {
      const vip = parseVirtualAddress(l, ctx.host, () => (cfg.vrrp.missingInterface = true), true);
      if (vip) cfg.vrrp.staticAddresses.push(vip);
    }
  }),
  static_routes: values((ctx, cfg, lines) => collectRoutes(lines, cfg.vrrp.staticRoutes, 'static', ctx.host, () => (cfg.vrrp.missingInterface = true))),
  static_rules: values((ctx, cfg, lines) => collectRules(ctx, lines, cfg.vrrp.staticRules, 'static')),
  linkbeat_interfaces: values((_ctx, cfg, lines) => {
    for (const l of lines) cfg.vrrp.linkbeatInterfaces.push(...l.words);
  }),
};

/** Checks made after the whole file is read (keepalived's post-parse validation). */
export function validateVrrp(config: KeepalivedConfig, env: TreeEnvironment): void {
  validateVrrpConfig(config, env);
}
