/**
 * keepalived's checks after the whole file is read (vrrp_complete_init and the script checks),
 * in the order keepalived 2.2.7 prints them. A configuration naming a non-existent interface stops
 * keepalived before any of them.
 */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { KeepalivedConfig } from '../../model/index.js';
import type { ScriptCommand } from '../../model/global.js';
import type { NotifyScripts, VrrpInstance } from '../../model/vrrp.js';
import { NOTIFY_SCRIPT_KEYS } from '../../model/vrrp/instance.js';
import type { ConfigHost } from '../../../ports/config-host.js';
import { pathSearchWarning, programOf, scriptPresence, searchPath } from '../../values/script-presence.js';
import { validateSyncGroups } from './validate-sync-groups.js';
import { resolveNotifyUsers, resolveScriptUser } from './script-users.js';
import type { TreeEnvironment } from '../../tree/run.js';

const E = ConfigErrorClass.GeneralError;
const PRIO_OWNER = 255;
/** The order keepalived checks an instance's notify scripts in (its lines show it). */
const NOTIFY_CHECK_ORDER = ['backup', 'master', 'fault', 'stop', 'deleted', 'any', 'masterRxLowerPri'] as const satisfies readonly (keyof NotifyScripts)[];

/**
 * The daemon (not a config test) drops notify scripts whose program it cannot find, saying so
 * once each, as keepalived does: the FIFO scripts first, then the instances', then the groups'.
 */
function dropMissingNotifyScripts(config: KeepalivedConfig, env: TreeEnvironment): void {
  const missing = (script: ScriptCommand | undefined): boolean => {
    if (script === undefined) return false;
    const program = programOf(script.command);
    if (scriptPresence(env.host, program) !== 'missing') {
      warnPathSearch(env, script);
      return false;
    }
    env.diagnostics.report(E, scriptMissingLine(program));
    return true;
  };
  for (const fifo of [config.global.vrrpNotifyFifo, config.global.notifyFifo]) {
    if (missing(fifo.script)) fifo.script = undefined;
  }
  const owners: NotifyScripts[] = [...config.vrrp.instances.map((inst) => inst.notify), ...config.vrrp.syncGroups.map((group) => group.notify)];
  for (const notify of owners) {
    for (const key of NOTIFY_CHECK_ORDER) {
      if (missing(notify[key])) notify[key] = undefined;
    }
  }
}

/** The daemon's warning for a script named without its path (the run-time check stays quiet). */
function warnPathSearch(env: TreeEnvironment, script: ScriptCommand): void {
  const program = programOf(script.command);
  const found = searchPath(env.host, program);
  if (found !== undefined) env.diagnostics.report(ConfigErrorClass.Warning, pathSearchWarning(program, found));
}

/** keepalived's words, when it starts, for a script program it cannot find. */
function scriptMissingLine(program: string): string {
  return program.includes('/') ? `Script ${program} cannot be accessed - No such file or directory` : `Cannot find script ${program} in path - disabling`;
}

/** Whether keepalived keeps the script: see scriptPresence. */
function scriptKept(host: ConfigHost, script: ScriptCommand): boolean {
  return scriptPresence(host, programOf(script.command)) !== 'missing';
}

/** Whether the script is a program that will run, which keepalived counts for script security. */
function scriptRuns(host: ConfigHost, script: ScriptCommand): boolean {
  return scriptPresence(host, programOf(script.command)) === 'present';
}

/** Whether a notify script is set whose program will run. */
function hasRunnableNotifyScript(host: ConfigHost, notify: NotifyScripts): boolean {
  for (let k = 0; k < NOTIFY_SCRIPT_KEYS.length; k++) {
    const script = notify[NOTIFY_SCRIPT_KEYS[k] as keyof NotifyScripts];
    if (script !== undefined && scriptRuns(host, script)) return true;
  }
  return false;
}

/** Whether any notify script (FIFO, instance or sync group) would run: it needs script security. */
function anyRunnableNotifyScript(config: KeepalivedConfig, host: ConfigHost): boolean {
  const { vrrp, global } = config;
  for (const fifo of [global.vrrpNotifyFifo, global.notifyFifo]) {
    if (fifo.script && scriptRuns(host, fifo.script)) return true;
  }
  for (let i = 0; i < vrrp.instances.length; i++) {
    if (hasRunnableNotifyScript(host, (vrrp.instances[i] as VrrpInstance).notify)) return true;
  }
  return vrrp.syncGroups.some((group) => hasRunnableNotifyScript(host, group.notify));
}

/** Whether a kept vrrp_script is a program (a `</path` test is not one). */
function anyRunnableTrackScript(config: KeepalivedConfig, host: ConfigHost): boolean {
  return config.vrrp.scripts.some((s) => s.script !== undefined && scriptRuns(host, s.script));
}

export function validateVrrpConfig(config: KeepalivedConfig, env: TreeEnvironment): void {
  const { vrrp, global } = config;
  const d = env.diagnostics;
  if (vrrp.missingInterface) {
    d.report(E, 'Non-existent interface specified in configuration');
    return;
  }
  // Without a vrrp_instance keepalived never starts its VRRP process, so nothing below is checked.
  if (vrrp.instances.length === 0) return;

  // Scripts that cannot run are dropped before the security check counts scripts.
  vrrp.scripts = vrrp.scripts.filter((s) => {
    if (s.script && scriptKept(env.host, s.script)) {
      if (!env.options.configTest) warnPathSearch(env, s.script);
      return true;
    }
    // The daemon (not a config test) first says what it could not find.
    if (s.script && !env.options.configTest) d.report(E, scriptMissingLine(programOf(s.script.command)));
    // Counted: keepalived's -t exits 5 when this is the only complaint.
    d.report(E, `Disabling track script ${s.name} since not found/accessible`);
    return false;
  });
  if (!env.options.configTest) dropMissingNotifyScripts(config, env);
  const liveScripts = new Set(vrrp.scripts.map((s) => s.name));
  // The loops over instances are index loops and make no list where there is nothing to drop:
  // they run once per instance of a large config, before the JIT has optimised them, where a
  // for-of loop allocates an iterator result at every step.
  const instances = vrrp.instances;
  for (let i = 0; i < instances.length; i++) {
    const inst = instances[i] as VrrpInstance;
    if (inst.trackScripts.length > 0) inst.trackScripts = inst.trackScripts.filter((r) => liveScripts.has(r.name));
  }

  for (let i = 0; i < instances.length; i++) resolveNotifyUsers(env.host, (instances[i] as VrrpInstance).notify);
  for (const group of vrrp.syncGroups) resolveNotifyUsers(env.host, group.notify);
  for (const fifo of [global.vrrpNotifyFifo, global.notifyFifo]) {
    if (fifo.script) fifo.script = resolveScriptUser(env.host, fifo.script);
  }
  // Only asked when it decides something, and only until one runnable script is found.
  if (!global.enableScriptSecurity && (anyRunnableTrackScript(config, env.host) || anyRunnableNotifyScript(config, env.host)))
    d.report(ConfigErrorClass.SecurityError, 'SECURITY VIOLATION - scripts are being executed but script_security not enabled.');

  validateSyncGroups(config, env);
  for (let i = 0; i < instances.length; i++) {
    if (!validateInstance(instances[i] as VrrpInstance, config, env)) return;
  }
  reportDuplicateVrids(vrrp.instances, env);
}

/** Returns false when keepalived gives up on the whole configuration. */
function validateInstance(inst: VrrpInstance, config: KeepalivedConfig, env: TreeEnvironment): boolean {
  const d = env.diagnostics;
  const p = `(${inst.name})`;
  if (inst.virtualRouterId === undefined) {
    d.report(E, `${p} the virtual router id must be set`);
    return false;
  }
  // In keepalived 2.2.7's order, which -t shows when an instance has several of these.
  // IPv6 is VRRPv3 only: without a version of its own, such an instance is checked as version 3.
  const version = inst.version ?? (inst.family === 6 ? 3 : config.global.vrrpVersion);
  if (inst.virtualAddresses.length === 0) {
    // VRRPv3 adverts must carry an address: keepalived gives up on the configuration there.
    if (version === 3) {
      d.report(E, `${p} No VIP specified; at least one is required`);
      return false;
    }
    d.report(E, `${p} No VIP specified; at least one is sensible`);
  }
  if (version === 3 && inst.authentication !== undefined) {
    d.report(E, `${p} VRRP version 3 does not support authentication. Ignoring.`);
    inst.authentication = undefined;
  }
  if (inst.unicastPeers.length === 0 && (inst.unicastSrcGiven || inst.unicastSrcIp !== undefined || inst.unicastTtl !== undefined))
    d.report(
      E,
      `${p} A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.`,
    );
  if (inst.authentication?.type === 'AH') {
    const first = inst.virtualAddresses[0]?.address ?? inst.unicastSrcIp ?? inst.mcastSrcIp ?? inst.unicastPeers[0]?.address;
    if (first?.family === 6) {
      d.report(E, `${p} Cannot use AH authentication with IPv6. ignoring`);
      inst.authentication = undefined;
    } else if (inst.state === 'MASTER' && inst.priority !== undefined && inst.priority !== PRIO_OWNER) {
      // AH's sequence numbers need the Backup's view first (RFC 2402 anti-replay).
      d.report(E, `${p} Initial state master is incompatible with AH authentication - clearing`);
      inst.state = 'BACKUP';
    }
  }

  // An initial MASTER without a configured priority is taken to be the address owner.
  if (inst.priority === undefined) inst.priority = inst.state === 'MASTER' ? PRIO_OWNER : 100;
  if (inst.nopreempt && inst.priority === PRIO_OWNER) {
    d.report(E, `${p} nopreempt is incompatible with priority ${PRIO_OWNER}. resetting nopreempt`);
    inst.nopreempt = false;
  } else if (inst.nopreempt && inst.state === 'MASTER') {
    // It is nopreempt that goes: the instance still starts as MASTER.
    d.report(E, `${p} Warning - nopreempt will not work with initial state MASTER - clearing`);
    inst.nopreempt = false;
  }
  if (inst.preemptDelayMs > 0 && inst.nopreempt) {
    d.report(E, `${p} preempt_delay is incompatible with nopreempt mode - resetting`);
    inst.preemptDelayMs = 0;
  } else if (inst.preemptDelayMs > 0 && inst.state === 'MASTER') {
    d.report(E, `${p} Warning - preempt delay will not work with initial state MASTER - clearing`);
    inst.preemptDelayMs = 0;
  }
  if (inst.trackInterfaces.length > 0) {
    inst.trackInterfaces = inst.trackInterfaces.filter((t) => {
      if (t.name !== inst.interface) return true;
      d.report(E, `${p} Ignoring track_interface ${t.name} since own interface`);
      return false;
    });
  }
  if (inst.priority === PRIO_OWNER && inst.trackScripts.length > 0) {
    inst.trackScripts = inst.trackScripts.filter((t) => {
      const script = config.vrrp.scripts.find((s) => s.name === t.name);
      const weight = t.weight ?? script?.weight ?? 0;
      if (weight === 0) return true;
      d.report(E, `${p} ignoring tracked script ${t.name} with weights due to address_owner`);
      return false;
    });
  }
  if (version === 2 && inst.advertIntMs % 1000 !== 0) {
    d.report(E, `${p} VRRPv2 advertisement interval ${(inst.advertIntMs / 1000).toFixed(6)}s must be an integer. rounding`);
    inst.advertIntMs = Math.max(1000, Math.round(inst.advertIntMs / 1000) * 1000);
  }
  return true;
}

function reportDuplicateVrids(instances: readonly VrrpInstance[], env: TreeEnvironment): void {
  // Instances clash when VRID, interface and family are equal: group them by that key (comparing
  // every pair is quadratic), then report each pair in the order the pairwise loop would.
  const groups = new Map<string, number[]>();
  const keys: (string | undefined)[] = [];
  for (let i = 0; i < instances.length; i++) {
    const a = instances[i] as VrrpInstance;
    if (a.unicastPeers.length > 0) {
      keys.push(undefined);
      continue;
    }
    const family = a.virtualAddresses[0]?.address.family ?? 4;
    const key = `${String(a.virtualRouterId)}\0${a.interface === undefined ? '\x01' : `=${a.interface}`}\0${family}`;
    keys.push(key);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  for (let i = 0; i < instances.length; i++) {
    const key = keys[i];
    if (key === undefined) continue;
    const group = groups.get(key) as number[];
    if (group.length < 2) continue;
    const a = instances[i] as VrrpInstance;
    const familyA = a.virtualAddresses[0]?.address.family ?? 4;
    for (const j of group) {
      if (j <= i) continue;
      const b = instances[j] as VrrpInstance;
      env.diagnostics.report(
        E,
        `${a.name} and ${b.name} both use VRID ${a.virtualRouterId ?? ''} with IPv${familyA} on interface ${a.interface ?? ''}`,
      );
    }
  }
}
