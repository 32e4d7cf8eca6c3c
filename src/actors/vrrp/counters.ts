/** keepalived's per-instance statistics (struct vrrp_stats), as the status reports them. */
import type { StatsCounter } from '../../protocol/index.js';
import type { StatsCounter as MachineCounter } from '../../machines/index.js';

export type Counters = Record<StatsCounter, number>;

export function zeroCounters(): Counters {
  return {
    advert_rcvd: 0, advert_sent: 0, become_master: 0, release_master: 0, packet_len_err: 0, advert_interval_err: 0,
    ip_ttl_err: 0, invalid_type_rcvd: 0, addr_list_err: 0, invalid_authtype: 0, authtype_mismatch: 0, auth_failure: 0,
    pri_zero_rcvd: 0, pri_zero_sent: 0, chk_err: 0, vers_err: 0, vrid_err: 0,
  };
}

/**
 * The machine's statsCount in keepalived's names. advert_rcvd and pri_zero_rcvd are left out: the
 * receive path counts them from the codec's verdict (statsCountersForAccepted), which also sees
 * adverts the machine never gets.
 */
export function counterForMachine(counter: MachineCounter): StatsCounter | undefined {
  switch (counter) {
    case 'becomeMaster': return 'become_master';
    case 'releaseMaster': return 'release_master';
    case 'priZeroSent': return 'pri_zero_sent';
    case 'advertRcvd':
    case 'priZeroRcvd':
      return undefined;
  }
}
