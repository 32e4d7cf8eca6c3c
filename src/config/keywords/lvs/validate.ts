/**
 * keepalived's post-parse checks of the LVS configuration: servers keepalived drops, defaults it
 * fills in (and says so), and scripts that would run without script security.
 */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { KeepalivedConfig } from '../../model/index.js';
import type { LvsScript, RealServer, VirtualServer } from '../../model/lvs.js';
import { LVS_DEFAULTS } from '../../model/lvs/defaults.js';
import type { TreeEnvironment } from '../../tree/run.js';
import { scriptPresence } from '../../values/script-presence.js';
import { realServerName, virtualServerName } from './names.js';

function report(env: TreeEnvironment, message: string, errorClass = ConfigErrorClass.GeneralError): void {
  env.diagnostics.report(errorClass, message);
}

/** Returns false when keepalived drops the virtual server. */
function checkVirtualServer(vs: VirtualServer, config: KeepalivedConfig, env: TreeEnvironment): boolean {
  const a = vs.address;
  // A group that was never defined drops the service without a word in config-test mode.
  if (a.kind === 'group' && !config.lvs.groups.some((g) => g.name === a.name)) return false;
  if (vs.realServers.length === 0 && !vs.sorryServer) {
    report(env, `Virtual server ${virtualServerName(vs)} has no real servers - ignoring`);
    return false;
  }
  if (a.kind === 'fwmark') {
    if (vs.haSuspend) {
      report(env, `Virtual server ${virtualServerName(vs)}: cannot use ha_suspend with fwmarks - clearing ha_suspend`);
      vs.haSuspend = false;
    }
    if (vs.protocol !== undefined) {
      report(env, `Warning: Virtual server ${virtualServerName(vs)}: protocol specified for fwmark - protocol will be ignored`, ConfigErrorClass.Warning);
      vs.protocol = undefined;
    }
  } else if (vs.protocol === undefined) {
    report(env, `Virtual server ${virtualServerName(vs)}: no protocol set - defaulting to UDP`);
    vs.protocol = LVS_DEFAULTS.protocol;
  }
  if (vs.ops && vs.protocol !== 'UDP') {
    report(env, `Virtual server ${virtualServerName(vs)}: one packet scheduling requires UDP - resetting`);
    vs.ops = false;
  }
  if (a.kind === 'address' && a.port === 0 && vs.persistenceTimeoutS === undefined) {
    report(env, `Virtual server ${virtualServerName(vs)}: zero port only valid for persistent services - setting`);
    vs.persistenceTimeoutS = LVS_DEFAULTS.persistenceTimeoutS;
  }
  if (vs.scheduler === undefined) {
    report(env, `Virtual server ${virtualServerName(vs)}: no scheduler set, setting default '${LVS_DEFAULTS.scheduler}'`);
    vs.scheduler = LVS_DEFAULTS.scheduler;
  }
  removeDuplicateRealServers(vs, env);
  if (vs.method === undefined) {
    report(env, `Virtual server ${virtualServerName(vs)}: no forwarding method set, setting default NAT`);
    vs.method = { method: LVS_DEFAULTS.method };
  }
  if (vs.hysteresis >= vs.quorum && vs.hysteresis > 0) {
    const lowered = vs.quorum - 1;
    report(env, `Virtual server ${virtualServerName(vs)}: hysteresis ${vs.hysteresis} >= quorum ${vs.quorum}; setting hysteresis to ${lowered}`);
    vs.hysteresis = lowered;
  }
  return true;
}

function removeDuplicateRealServers(vs: VirtualServer, env: TreeEnvironment): void {
  const servers = vs.realServers;
  if (servers.length < 2) return;
  const seen = new Set<string>();
  // The servers kept, made only once a duplicate turns up.
  let kept: RealServer[] | undefined;
  for (let i = 0; i < servers.length; i++) {
    const rs = servers[i] as RealServer;
    const key = `${rs.address}|${rs.port}`;
    if (seen.has(key)) {
      report(env, `VS ${virtualServerName(vs)}: real server ${realServerName(vs, rs)} is duplicated - removing second rs`);
      kept ??= servers.slice(0, i);
      continue;
    }
    seen.add(key);
    kept?.push(rs);
  }
  if (kept !== undefined) vs.realServers = kept;
}

/** The scripts of every service, server and MISC_CHECK (index loops: this runs cold, once per service). */
function scriptsOf(config: KeepalivedConfig): LvsScript[] {
  const scripts: LvsScript[] = [];
  const services = config.lvs.virtualServers;
  for (let v = 0; v < services.length; v++) {
    const vs = services[v] as VirtualServer;
    if (vs.quorumUp) scripts.push(vs.quorumUp);
    if (vs.quorumDown) scripts.push(vs.quorumDown);
    const servers = vs.realServers;
    for (let r = 0; r < servers.length; r++) {
      const rs = servers[r] as RealServer;
      if (rs.notifyUp) scripts.push(rs.notifyUp);
      if (rs.notifyDown) scripts.push(rs.notifyDown);
      const checkers = rs.checkers;
      for (let c = 0; c < checkers.length; c++) {
        const checker = checkers[c] as RealServer['checkers'][number];
        if (checker.type === 'MISC_CHECK' && checker.script) scripts.push(checker.script);
      }
    }
  }
  return scripts;
}

export function validateLvsConfig(config: KeepalivedConfig, env: TreeEnvironment): void {
  const kept = config.lvs.virtualServers.filter((vs) => checkVirtualServer(vs, config, env));
  config.lvs.virtualServers.splice(0, config.lvs.virtualServers.length, ...kept);

  // Scripts that cannot be found are dropped quietly in config-test mode; programs that will run
  // (an existing file, executable or not; not a `</path` test) need security.
  const runnable = scriptsOf(config).filter((s) => scriptPresence(env.host, s.words[0] ?? '') === 'present');
  if (runnable.length > 0 && !config.global.enableScriptSecurity) {
    report(env, 'SECURITY VIOLATION - check scripts are being executed but script_security not enabled.', ConfigErrorClass.SecurityError);
  }
}
