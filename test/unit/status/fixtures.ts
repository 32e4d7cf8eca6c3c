/** A fed aggregator for the status interface tests. */
import { Aggregator } from '../../../src/actors/aggregator/aggregator.js';
import type { InstanceStatus, VrrpStatus } from '../../../src/actors/vrrp/subsystem.js';
import type { Clock } from '../../../src/ports/clock.js';

export function fixedClock(start = Date.UTC(2024, 0, 1)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    nowMs: () => now - start,
    wallClockMs: () => now,
    setTimer: () => ({ timerId: 0 }),
    clearTimer: () => undefined,
    advance: (ms) => void (now += ms),
  };
}

export function instance(name: string, state: InstanceStatus['state'], extra: Partial<InstanceStatus> = {}): InstanceStatus {
  return {
    name,
    vrid: 51,
    family: 'ipv4',
    interfaceName: 'eth0',
    state,
    basePriority: 100,
    effectivePriority: 100,
    masterAddress: '10.0.0.1',
    masterPriority: 100,
    lastTransitionMs: 1,
    lastTransitionReason: 'x',
    syncGroup: undefined,
    counters: { advert_rcvd: 3, advert_sent: 7, become_master: 1, release_master: 0, packet_len_err: 0, advert_interval_err: 2, ip_ttl_err: 0, invalid_type_rcvd: 0, addr_list_err: 0, invalid_authtype: 0, authtype_mismatch: 0, auth_failure: 1, pri_zero_rcvd: 0, pri_zero_sent: 0, chk_err: 0, vers_err: 0, vrid_err: 0 },
    vipsInstalled: state === 'MASTER',
    ...extra,
  };
}

/** An aggregator with a running VRRP child and the given instances. */
export function runningAggregator(instances: InstanceStatus[], extra: Partial<VrrpStatus> = {}): Aggregator {
  const agg = new Aggregator(fixedClock(), 4242);
  agg.tell({ type: 'subsystem-expected', subsystem: 'vrrp' });
  agg.tell({ type: 'subsystem-ready', subsystem: 'vrrp', pid: 4243 });
  agg.tell({ type: 'vrrp-status', status: { instances, syncGroups: [], ...extra } });
  return agg;
}
