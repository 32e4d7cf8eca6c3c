/**
 * /tmp/keepalived_parent.data and /tmp/keepalived.data (SIGUSR1) in keepalived 2.2.7's layout,
 * as far as the config and VrrpStatus carry the facts. keepalived also prints its socket pool,
 * interface table and many internal knobs; those sections are left out rather than invented.
 */
import type { InstanceStatus, VrrpStatus } from '../../actors/vrrp/subsystem.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { VrrpInstance } from '../../config/model/vrrp/instance.js';
import type { VirtualAddress } from '../../config/model/vrrp/address.js';
import { formatCTime } from '../../logging/text.js';

const onOff = (b: boolean | undefined): string => (b === undefined ? 'unset' : String(b));
const secs = (ms: number): number => Math.floor(ms / 1000);
const fixed6 = (ms: number): string => (ms / 1000).toFixed(6);

export function formatGlobalSection(config: KeepalivedConfig, hostname: string): string[] {
  const g = config.global;
  return [
    '------< Global definitions >------',
    ' Network namespace = (default)',
    ` Router ID = ${g.routerId ?? hostname}`,
    ...(g.smtpServer ? [` Smtp server = ${g.smtpServer.host}`, ` Smtp server port = ${g.smtpServer.port}`] : []),
    ` Default smtp_alert = ${onOff(g.smtpAlert)}`,
    ` Default smtp_alert_vrrp = ${onOff(g.smtpAlertVrrp)}`,
    ` Default smtp_alert_checker = ${onOff(g.smtpAlertChecker)}`,
    ` Dynamic interfaces = ${g.dynamicInterfaces}`,
    ` Default interface = ${g.defaultInterface ?? 'eth0'}`,
    ` VRRP IPv4 mcast group = ${g.vrrpMcastGroup4}`,
    ` VRRP IPv6 mcast group = ${g.vrrpMcastGroup6}`,
    ` Gratuitous ARP delay = ${secs(g.vrrpGarpMasterDelayMs)}`,
    ` Gratuitous ARP repeat = ${g.vrrpGarpMasterRepeat}`,
    ` Gratuitous ARP refresh timer = ${secs(g.vrrpGarpMasterRefreshMs)}`,
    ` Gratuitous ARP refresh repeat = ${g.vrrpGarpMasterRefreshRepeat}`,
    ` Gratuitous ARP lower priority delay = ${secs(g.vrrpGarpLowerPrioDelayMs ?? g.vrrpGarpMasterDelayMs)}`,
    ` Gratuitous ARP lower priority repeat = ${g.vrrpGarpLowerPrioRepeat ?? g.vrrpGarpMasterRepeat}`,
    ` Send advert after receive lower priority advert = ${!g.vrrpLowerPrioNoAdvert}`,
    ` Send advert after receive higher priority advert = ${g.vrrpHigherPrioSendAdvert}`,
    ` Gratuitous ARP interval = ${fixed6(g.vrrpGarpIntervalMs)}`,
    ` Gratuitous NA interval = ${fixed6(g.vrrpGnaIntervalMs)}`,
    ` VRRP default protocol version = ${g.vrrpVersion}`,
    ` VRRP check unicast_src = ${g.vrrpCheckUnicastSrc}`,
    ` VRRP skip check advert addresses = ${g.vrrpSkipCheckAdvAddr}`,
    ` VRRP strict mode = ${g.vrrpStrict}`,
    ` Max auto priority = ${g.maxAutoPriority ?? 0}`,
    ` Script security ${g.enableScriptSecurity ? 'enabled' : 'disabled'}`,
  ];
}

/** keepalived_parent.data: the parent's global definitions. */
export function formatParentData(config: KeepalivedConfig, hostname: string): string {
  return `${formatGlobalSection(config, hostname).join('\n')}\n`;
}

/** keepalived.data: global definitions, then the VRRP topology and sync groups. */
export function formatVrrpData(config: KeepalivedConfig, status: VrrpStatus, hostname: string): string {
  const lines = formatGlobalSection(config, hostname);
  lines.push('------< VRRP Topology >------');
  for (const instance of status.instances) {
    lines.push(...instanceLines(instance, config.vrrp.instances.find((i) => i.name === instance.name), config));
  }
  if (status.syncGroups.length > 0) {
    lines.push('------< VRRP Sync groups >------');
    for (const group of status.syncGroups) {
      lines.push(` VRRP Sync Group = ${group.name}, ${group.state}`, `   VRRP member instances = ${group.members.length}`);
      for (const member of group.members) lines.push(`     ${member}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `1795310729.001732 (Sun Nov 22 01:25:29.001732 2026)`, keepalived's timeval form. */
export function formatTimeval(epochMs: number): string {
  const usec = String(Math.round((epochMs % 1000) * 1000)).padStart(6, '0');
  const c = formatCTime(epochMs);
  // ctime's `HH:MM:SS` gets `.usec` appended before the year.
  return `${Math.floor(epochMs / 1000)}.${usec} (${c.slice(0, 19)}.${usec}${c.slice(19)})`;
}

function instanceLines(s: InstanceStatus, cfg: VrrpInstance | undefined, config: KeepalivedConfig): string[] {
  const g = config.global;
  const version = cfg?.version ?? g.vrrpVersion;
  const lines = [` VRRP Instance = ${s.name}`, `   VRRP Version = ${version}`];
  if (s.family === 'ipv6') lines.push('   Using Native IPv6');
  lines.push(`   State = ${s.state}`);
  if (s.state === 'BACKUP') {
    lines.push(`   Master router = ${s.masterAddress ?? (s.family === 'ipv6' ? g.vrrpMcastGroup6 : g.vrrpMcastGroup4)}`);
    lines.push(`   Master priority = ${s.masterPriority ?? 0}`);
  }
  // lastTransitionMs is wall-clock time (the report shows a date); a monotonic value would be
  // meaningless here, so it is left out when it cannot be an epoch time.
  if (s.lastTransitionMs !== undefined && s.lastTransitionMs > 1e11) lines.push(`   Last transition = ${formatTimeval(s.lastTransitionMs)}`);
  if (s.lastTransitionReason !== undefined) lines.push(`   Last transition reason = ${s.lastTransitionReason}`);
  lines.push(`   Interface = ${s.interfaceName}`);
  if (cfg) lines.push(...configLines(cfg, config));
  lines.push(`   Virtual Router ID = ${s.vrid}`, `   Priority = ${s.basePriority}`, `   Effective priority = ${s.effectivePriority}`);
  if (cfg) {
    lines.push(
      version === 2 ? `   Advert interval = ${secs(cfg.advertIntMs)} sec` : `   Advert interval = ${cfg.advertIntMs} milli-sec`,
      `   Accept = ${cfg.accept === false ? 'disabled' : 'enabled'}`,
      `   Preempt = ${cfg.nopreempt ? 'disabled' : 'enabled'}`,
    );
    if (cfg.preemptDelayMs > 0) lines.push(`   Preempt delay = ${fixed6(cfg.preemptDelayMs)} secs`);
    const auth = cfg.authentication?.type;
    lines.push(`   Authentication type = ${auth === 'AH' ? 'IPSEC_AH' : auth === 'PASS' ? 'SIMPLE_PASSWORD' : 'none'}`);
    if (auth === 'PASS') lines.push(`   Password = ${cfg.authentication?.pass ?? ''}`);
    addressBlock(lines, 'Virtual IP', cfg.virtualAddresses, cfg, s.vipsInstalled);
    addressBlock(lines, 'Virtual IP Excluded', cfg.excludedAddresses, cfg, s.vipsInstalled);
  }
  if (s.syncGroup !== undefined) lines.push(`   Sync group = ${s.syncGroup}`);
  return lines;
}

function configLines(cfg: VrrpInstance, config: KeepalivedConfig): string[] {
  const g = config.global;
  const lines: string[] = [];
  if (cfg.unicastPeers.length > 0) {
    lines.push(`   Unicast peers = ${cfg.unicastPeers.length}`);
    for (const peer of cfg.unicastPeers) lines.push(`     ${peer.address.text}`);
  } else {
    lines.push(`   Multicast address ${cfg.virtualAddresses[0]?.address.family === 6 ? g.vrrpMcastGroup6 : g.vrrpMcastGroup4}`);
  }
  lines.push(
    `   Gratuitous ARP delay = ${secs(cfg.garpMasterDelayMs ?? g.vrrpGarpMasterDelayMs)}`,
    `   Gratuitous ARP repeat = ${cfg.garpMasterRepeat ?? g.vrrpGarpMasterRepeat}`,
    `   Gratuitous ARP refresh = ${secs(cfg.garpMasterRefreshMs ?? g.vrrpGarpMasterRefreshMs)}`,
    `   Gratuitous ARP refresh repeat = ${cfg.garpMasterRefreshRepeat ?? g.vrrpGarpMasterRefreshRepeat}`,
  );
  return lines;
}

function addressBlock(lines: string[], label: string, addresses: readonly VirtualAddress[], cfg: VrrpInstance, installed: boolean): void {
  if (addresses.length === 0) return;
  lines.push(`   ${label} (${addresses.length}):`);
  for (const a of addresses) {
    const scope = a.address.family === 4 ? ` scope ${a.scope ?? 'global'}` : '';
    const brd = a.broadcast !== undefined ? ` brd ${a.broadcast}` : '';
    const label2 = a.label !== undefined ? ` label ${a.label}` : '';
    lines.push(`     ${a.address.text}/${a.prefixLength}${brd} dev ${a.dev ?? cfg.interface ?? ''}${scope}${label2}${installed ? ' set' : ''}`);
  }
}
