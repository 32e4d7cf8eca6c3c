/**
 * Why a received advert was not accepted, and what keepalived 2.2.7 does about it: which
 * per-instance statistics counter it bumps (the names of `struct vrrp_stats`, as SIGUSR2 and the
 * JSON dump write them), and whether it had already counted the packet in advert_rcvd.
 */

export type RejectReason =
  // Structural problems the kernel or keepalived's header peek (vrrp_get_header) filter out
  // before any instance sees the packet: no counter anywhere.
  | 'too-short'
  | 'ip-version'
  | 'ip-header-length'
  | 'ip-checksum'
  | 'ip-fragment'
  | 'ip-protocol'
  /** No instance with this VRID on the socket: keepalived ignores it (logs if log_unknown_vrids). */
  | 'vrid-mismatch'
  // vrrp_check_packet, in keepalived's order:
  /** AH header present but auth_type not AH, or the reverse; or the v2 Auth Type differs. */
  | 'auth-type-mismatch'
  /** Received length differs from what the header's version and address count imply. */
  | 'length'
  /** Multicast advert with TTL / hop limit ≠ 255. */
  | 'ttl'
  | 'version'
  /** v2 Auth Type not 0, 1 or 2 (or not 0 over IPv6). */
  | 'invalid-auth-type'
  /** PASS: the 8 password bytes differ. */
  | 'auth-failure'
  /** AH whose next header is not VRRP: keepalived drops it silently. */
  | 'ah-next-header'
  | 'ah-icv'
  /** AH SPI ≠ sender's address. */
  | 'ah-spi'
  /** AH sequence number not above the last accepted one. */
  | 'ah-replay'
  /** v2 Adver Int ≠ ours: keepalived drops it, only logging (advert_interval_err is never bumped). */
  | 'advert-interval'
  | 'type'
  /** Count IPvX Addr ≠ number of configured VIPs. */
  | 'address-count'
  /** IPv4 Total Length ≠ received length. */
  | 'ip-total-length'
  | 'checksum'
  /** Multicast advert while we have unicast peers, or unicast while we have none. */
  | 'cast-mismatch'
  // After advert_rcvd has been counted:
  /** One of our VIPs is missing from the advert. */
  | 'address-list'
  /** check_unicast_src: the sender is not one of our unicast peers. */
  | 'unicast-source'
  /** The peer's min_ttl/max_ttl range excludes the received TTL / hop limit. */
  | 'unicast-ttl';

/** Counters of keepalived's struct vrrp_stats. The SNMP-only ones are not in /tmp/keepalived.stats. */
export type StatsCounter =
  | 'advert_rcvd'
  | 'advert_sent'
  | 'become_master'
  | 'release_master'
  | 'packet_len_err'
  | 'advert_interval_err'
  | 'ip_ttl_err'
  | 'invalid_type_rcvd'
  | 'addr_list_err'
  | 'invalid_authtype'
  | 'authtype_mismatch'
  | 'auth_failure'
  | 'pri_zero_rcvd'
  | 'pri_zero_sent'
  // RFC MIB only (keepalived counts them when built with SNMP RFC support):
  | 'chk_err'
  | 'vers_err'
  | 'vrid_err';

/** Counters SIGUSR2 writes to /tmp/keepalived.stats, in file order. */
export const STATS_FILE_COUNTERS: readonly StatsCounter[] = [
  'advert_rcvd', 'advert_sent', 'become_master', 'release_master',
  'packet_len_err', 'ip_ttl_err', 'invalid_type_rcvd', 'advert_interval_err', 'addr_list_err',
  'invalid_authtype', 'authtype_mismatch', 'auth_failure',
  'pri_zero_rcvd', 'pri_zero_sent',
];

export interface RejectEffect {
  /** Counter keepalived bumps, or null when it counts nothing. */
  readonly counter: StatsCounter | null;
  /** advert_rcvd was already incremented before this check failed. */
  readonly countedAsReceived: boolean;
  /**
   * keepalived's verdict: 'invalid' (VRRP_PACKET_KO), 'drop' (VRRP_PACKET_DROP, not relevant to
   * us), 'ignored' (never reached the instance: kernel, header peek or unknown VRID).
   */
  readonly verdict: 'invalid' | 'drop' | 'ignored';
}

const ignored: RejectEffect = { counter: null, countedAsReceived: false, verdict: 'ignored' };
const invalid = (counter: StatsCounter | null, countedAsReceived = false): RejectEffect =>
  ({ counter, countedAsReceived, verdict: 'invalid' });

export const REJECT_EFFECTS: Readonly<Record<RejectReason, RejectEffect>> = {
  'too-short': ignored,
  'ip-version': ignored,
  'ip-header-length': ignored,
  'ip-checksum': ignored,
  'ip-fragment': ignored,
  'ip-protocol': ignored,
  'vrid-mismatch': ignored,
  'auth-type-mismatch': invalid('authtype_mismatch'),
  length: invalid('packet_len_err'),
  ttl: invalid('ip_ttl_err'),
  version: invalid('vers_err'),
  'invalid-auth-type': invalid('invalid_authtype'),
  'auth-failure': invalid('auth_failure'),
  'ah-next-header': { counter: null, countedAsReceived: false, verdict: 'drop' },
  'ah-icv': invalid('auth_failure'),
  'ah-spi': invalid('auth_failure'),
  'ah-replay': invalid('auth_failure'),
  'advert-interval': { counter: null, countedAsReceived: false, verdict: 'drop' },
  type: invalid('invalid_type_rcvd'),
  'address-count': invalid('addr_list_err'),
  'ip-total-length': invalid('packet_len_err'),
  checksum: invalid('chk_err'),
  'cast-mismatch': invalid('addr_list_err'),
  'address-list': invalid('addr_list_err', true),
  'unicast-source': invalid(null, true),
  'unicast-ttl': invalid('ip_ttl_err', true),
};

export const REJECT_REASONS = Object.keys(REJECT_EFFECTS) as readonly RejectReason[];

/** The keepalived statistics counter a rejection bumps, or null if it bumps none. */
export function statsCounterFor(reason: RejectReason): StatsCounter | null {
  return REJECT_EFFECTS[reason].counter;
}

/** Counters an accepted advert bumps: advert_rcvd, and pri_zero_rcvd for priority 0. */
export function statsCountersForAccepted(priority: number): readonly StatsCounter[] {
  return priority === 0 ? ACCEPTED_PRIO0 : ACCEPTED;
}
const ACCEPTED: readonly StatsCounter[] = ['advert_rcvd'];
const ACCEPTED_PRIO0: readonly StatsCounter[] = ['advert_rcvd', 'pri_zero_rcvd'];
