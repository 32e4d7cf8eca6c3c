/**
 * /tmp/keepalived.json (the JSON signal) in keepalived 2.2.7's v1 layout: an array with one
 * `{ data, stats }` object per instance. Only the fields our status and config carry are written.
 */
import type { InstanceStateName, InstanceStatus, VrrpStatus } from '../../actors/vrrp/subsystem.js';
import type { KeepalivedConfig } from '../../config/model/index.js';

/** keepalived's VRRP_STATE_* numbers (vrrp.h). */
const STATE_NUMBER: Record<InstanceStateName, number> = { INIT: 0, BACKUP: 1, MASTER: 2, FAULT: 3, DELETED: 97, STOP: 98 };

export function formatJson(config: KeepalivedConfig, status: VrrpStatus): string {
  const entries = status.instances.map((s) => ({ data: dataObject(s, config), stats: statsObject(s) }));
  // keepalived's json_writer escapes '/' (`10.9.9.100\/24`).
  return JSON.stringify(entries).replace(/\//g, '\\/');
}

function dataObject(s: InstanceStatus, config: KeepalivedConfig): Record<string, unknown> {
  const cfg = config.vrrp.instances.find((i) => i.name === s.name);
  const g = config.global;
  const data: Record<string, unknown> = {
    iname: s.name,
    ifp_ifname: s.interfaceName,
    master_priority: s.masterPriority ?? 0,
    last_transition: s.lastTransitionMs !== undefined && s.lastTransitionMs > 1e11 ? Math.round(s.lastTransitionMs * 1000) / 1e6 : 0,
    vrid: s.vrid,
    base_priority: s.basePriority,
    effective_priority: s.effectivePriority,
    vipset: s.vipsInstalled,
    state: STATE_NUMBER[s.state],
  };
  if (cfg) {
    Object.assign(data, {
      dont_track_primary: cfg.dontTrackPrimary ? 1 : 0,
      skip_check_adv_addr: (cfg.skipCheckAdvAddr ?? g.vrrpSkipCheckAdvAddr) ? 1 : 0,
      strict_mode: (cfg.strictMode ?? g.vrrpStrict) ? 1 : 0,
      adver_int: cfg.advertIntMs / 1000,
      accept: cfg.accept === false ? 0 : 1,
      nopreempt: cfg.nopreempt,
      preempt_delay: Math.floor(cfg.preemptDelayMs / 1000),
      version: cfg.version ?? g.vrrpVersion,
      auth_type: cfg.authentication?.type === 'PASS' ? 1 : cfg.authentication?.type === 'AH' ? 2 : 0,
    });
    if (cfg.virtualAddresses.length > 0) {
      data['vips'] = cfg.virtualAddresses.map((a) => `${a.address.text}/${a.prefixLength} dev ${a.dev ?? cfg.interface ?? ''}${a.address.family === 4 ? ` scope ${a.scope ?? 'global'}` : ''}`);
    }
  }
  return data;
}

function statsObject(s: InstanceStatus): Record<string, number> {
  // keepalived's JSON order differs from the stats file's; both carry the same counters.
  const order = ['advert_rcvd', 'advert_sent', 'become_master', 'release_master', 'packet_len_err', 'advert_interval_err', 'ip_ttl_err', 'invalid_type_rcvd', 'addr_list_err', 'invalid_authtype', 'authtype_mismatch', 'auth_failure', 'pri_zero_rcvd', 'pri_zero_sent'] as const;
  const stats: Record<string, number> = {};
  for (const name of order) stats[name] = s.counters[name] ?? 0;
  return stats;
}
