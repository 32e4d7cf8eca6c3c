/**
 * A node's keepalived.conf through the real parser (over an in-memory ConfigHost), and what the
 * checkers need of each instance.
 */
import { loadConfig } from '../../config/load.js';
import { formatDiagnostic } from '../../config/diagnostics.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import { instanceSettings } from '../../actors/vrrp/params.js';
import { masterDownIntervalUs, msToUs, usToMs } from '../../machines/timers.js';
import { MemoryConfigHost } from '../memory-config-host.js';
import type { InstanceInfo } from '../trace.js';

export interface ParsedConfig {
  readonly config: KeepalivedConfig;
  readonly warnings: readonly string[];
}

export class ConfigRefused extends Error {}

/** A host on which every path is an executable file: only used to learn the vrrp_scripts' programs. */
class EverythingExecutable extends MemoryConfigHost {
  override isExecutable(): boolean {
    return true;
  }

  override stat(path: string): ReturnType<MemoryConfigHost['stat']> {
    return super.stat(path) ?? { isFile: true, isDirectory: false, mode: 0o755, uid: 0, gid: 0 };
  }
}

const SCRIPT_DIR = '/usr/bin';

/**
 * The programs of the configuration's vrrp_scripts and notify scripts (a simulated node has them
 * all: the `script` fault decides the checks' results). Programs without a '/' are put where the
 * PATH search finds them.
 */
function scriptPrograms(node: string, text: string, interfaces: readonly string[]): string[] {
  if (!/\b(vrrp_script|notify\w*)\b/.test(text)) return [];
  const host = new EverythingExecutable({ cwd: '/etc/keepalived', files: { 'keepalived.conf': text }, interfaces: ['lo', ...interfaces], hostname: node });
  const { config } = loadConfig('keepalived.conf', { configId: node, allConfig: false, configTest: true }, host);
  const notifies = [...config.vrrp.instances.map((i) => i.notify), ...config.vrrp.syncGroups.map((g) => g.notify)].flatMap((n) => Object.values(n));
  const commands = [...config.vrrp.scripts.map((s) => s.script), ...notifies, config.global.vrrpNotifyFifo.script, config.global.notifyFifo.script];
  return commands.flatMap((script) => {
    const program = script?.command.trim().split(/\s+/)[0] ?? '';
    if (program === '' || program.startsWith('<')) return [];
    return [program.includes('/') ? program : `${SCRIPT_DIR}/${program}`];
  });
}

/** Parses like the daemon would; throws ConfigRefused when the daemon would not start on it. */
export function parseNodeConfig(node: string, text: string, interfaces: readonly string[]): ParsedConfig {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', files: { 'keepalived.conf': text }, interfaces: ['lo', ...interfaces], hostname: node });
  for (const program of scriptPrograms(node, text, interfaces)) host.addFile(program, '#!/bin/sh\n', 0o755);
  const loaded = loadConfig('keepalived.conf', { configId: node, allConfig: false, configTest: false }, host);
  const messages = loaded.diagnostics.items.map(formatDiagnostic);
  if (loaded.diagnostics.abortExitCode !== undefined || loaded.config.vrrp.instances.length === 0) {
    throw new ConfigRefused(`node ${node}: configuration refused${messages.length > 0 ? `:\n  ${messages.join('\n  ')}` : ' (no vrrp_instance)'}`);
  }
  return { config: loaded.config, warnings: messages };
}

/** Sets one instance's (or every instance's) priority, as a config edit would. */
export function withPriority(config: KeepalivedConfig, instance: string | undefined, priority: number): void {
  for (const i of config.vrrp.instances) if (instance === undefined || i.name === instance) i.priority = priority;
}

export function vridKey(family: 'ipv4' | 'ipv6', vrid: number): string {
  return family === 'ipv6' ? `v6:${vrid}` : String(vrid);
}

export function instanceInfos(config: KeepalivedConfig): InstanceInfo[] {
  const infos: InstanceInfo[] = [];
  const scripts = new Map(config.vrrp.scripts.map((s) => [s.name, s]));
  for (const instance of config.vrrp.instances) {
    const result = instanceSettings(config, instance);
    if (!result.ok) continue;
    const s = result.settings;
    const m = s.machine;
    const masterDownMs = usToMs(masterDownIntervalUs({
      version: s.version,
      priority: m.priority,
      masterAdverIntervalUs: msToUs(s.advertIntervalMs),
      downTimerAdverts: m.downTimerAdverts ?? 3,
    }));
    infos.push({
      name: s.name,
      vrid: vridKey(s.family, s.vrid),
      version: s.version,
      priority: m.priority,
      advertIntMs: s.advertIntervalMs,
      masterDownMs,
      startupDelayMs: m.startupDelayMs ?? 0,
      vips: s.vips.map((v) => v.address),
      ...scriptSettle(config, instance.name, scripts),
    });
  }
  return infos;
}

/**
 * How long a tracked script's change of result takes to reach the instance: up to one interval
 * until its next run, then max(rise, fall) runs, each bounded by its timeout. Absent without
 * tracked scripts.
 */
function scriptSettle(
  config: KeepalivedConfig,
  instance: string,
  scripts: ReadonlyMap<string, KeepalivedConfig['vrrp']['scripts'][number]>,
): { scriptSettleMs?: number } {
  const refs = [
    ...(config.vrrp.instances.find((i) => i.name === instance)?.trackScripts ?? []),
    ...config.vrrp.syncGroups.filter((g) => g.members.some((m) => m.name === instance)).flatMap((g) => g.trackScripts),
  ];
  let settle = 0;
  for (const ref of refs) {
    const s = scripts.get(ref.name);
    if (s === undefined) continue;
    settle = Math.max(settle, (Math.max(s.rise, s.fall) + 1) * s.intervalMs + Math.max(s.rise, s.fall) * (s.timeoutMs ?? s.intervalMs));
  }
  return settle > 0 ? { scriptSettleMs: settle } : {};
}
