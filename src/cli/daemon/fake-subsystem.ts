/**
 * TEST DOUBLE of the VRRP subsystem, for the daemon's process tests only. It sends no packet
 * and touches no address: every instance simply sits in BACKUP with zero counters. It is
 * reachable only through KEEPALIVED_TS_TEST_SUBSYSTEM=fake (see vrrp-child.ts), and it says so
 * in the log at start, so it can never pass for the real thing.
 */
import type { InstanceStatus, VrrpEvent, VrrpStatus, VrrpSubsystem } from '../../actors/vrrp/subsystem.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { Logger } from '../../ports/logger.js';
import type { StatsCounter } from '../../protocol/index.js';

const COUNTERS: readonly StatsCounter[] = [
  'advert_rcvd', 'advert_sent', 'become_master', 'release_master', 'packet_len_err', 'advert_interval_err', 'ip_ttl_err',
  'invalid_type_rcvd', 'addr_list_err', 'invalid_authtype', 'authtype_mismatch', 'auth_failure', 'pri_zero_rcvd', 'pri_zero_sent',
  'chk_err', 'vers_err', 'vrid_err',
];

const zeroCounters = (): Record<StatsCounter, number> => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<StatsCounter, number>;

export function createFakeVrrpSubsystem(logger: Logger, wallClockMs: () => number): VrrpSubsystem {
  let instances: InstanceStatus[] = [];
  let groups: VrrpStatus['syncGroups'] = [];
  const listeners = new Set<(event: VrrpEvent) => void>();
  const emit = (event: VrrpEvent): void => listeners.forEach((l) => l(event));

  const apply = (config: KeepalivedConfig): void => {
    const now = wallClockMs();
    const previous = new Map(instances.map((i) => [i.name, i]));
    instances = config.vrrp.instances.map((cfg) => {
      const kept = previous.get(cfg.name);
      const priority = cfg.priority ?? 100;
      if (!kept) {
        logger.info('Entering BACKUP STATE (init)', { instance: cfg.name });
        emit({ type: 'instance-state', instance: cfg.name, from: 'INIT', to: 'BACKUP', priority, reason: 'init', atMs: now });
      }
      return {
        name: cfg.name,
        vrid: cfg.virtualRouterId ?? 0,
        family: cfg.virtualAddresses[0]?.address.family === 6 ? 'ipv6' : 'ipv4',
        interfaceName: cfg.interface ?? '',
        state: 'BACKUP',
        basePriority: priority,
        effectivePriority: priority,
        masterAddress: undefined,
        masterPriority: undefined,
        lastTransitionMs: kept?.lastTransitionMs ?? now,
        lastTransitionReason: kept?.lastTransitionReason ?? 'init',
        syncGroup: config.vrrp.syncGroups.find((g) => g.members.some((m) => m.name === cfg.name))?.name,
        counters: kept?.counters ?? zeroCounters(),
        vipsInstalled: false,
      };
    });
    groups = config.vrrp.syncGroups.map((g) => ({ name: g.name, state: 'BACKUP', members: g.members.map((m) => m.name) }));
  };

  return {
    async start(config) {
      logger.error('KEEPALIVED_TS_TEST_SUBSYSTEM=fake: running a TEST DOUBLE of the VRRP subsystem; no VRRP packets are sent');
      apply(config);
    },
    async reload(config) {
      apply(config);
    },
    async stop() {
      for (const i of instances) emit({ type: 'instance-state', instance: i.name, from: i.state, to: 'STOP', priority: i.effectivePriority, reason: 'stop', atMs: wallClockMs() });
      instances = [];
    },
    status: () => ({ instances, syncGroups: groups }),
    clearStats() {
      instances = instances.map((i) => ({ ...i, counters: zeroCounters() }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
