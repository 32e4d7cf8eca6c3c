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

/** Parses like the daemon would; throws ConfigRefused when the daemon would not start on it. */
export function parseNodeConfig(node: string, text: string, interfaces: readonly string[]): ParsedConfig {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', files: { 'keepalived.conf': text }, interfaces: ['lo', ...interfaces], hostname: node });
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
    });
  }
  return infos;
}
