/**
 * Decode and validate received adverts, following keepalived 2.2.7's vrrp_check_packet order so
 * that the first failing check — and therefore the statistics counter — is the one keepalived
 * would report. Never throws on packet contents.
 *
 * Without a ReceiveContext only instance-independent checks run (structure, version 2/3, type,
 * auth type, checksum): that is `decodeAdvert`, used by tools, tests and tcpdump-like output.
 */
import { AH_NEXT_HEADER, AH_SEQUENCE, AH_SPI, computeAhIcv, readU32, AH_ICV } from './ah.js';
import type { Advertisement, AdvertPacket, Envelope, V2Auth } from './advertisement.js';
import { bytesEqual, formatIPv4, formatIPv6, isIPv4Multicast, isIPv6Multicast, parseIPv6 } from './address.js';
import { sumBytes, verifies } from './checksum.js';
import {
  AH_HEADER_LEN, AH_ICV_LEN, AUTH_TYPE_AH, AUTH_TYPE_NONE, AUTH_TYPE_PASS, IPPROTO_AH, IPPROTO_VRRP,
  VRRP_AUTH_DATA_LEN, VRRP_HEADER_LEN, VRRP_TTL, VRRP_TYPE_ADVERTISEMENT,
} from './constants.js';
import type { ReceiveContext } from './context.js';
import {
  checkIPv4Header, ipv4DontFragment, ipv4HeaderLength, ipv4Id, ipv4Protocol, ipv4TotalLength, ipv4Ttl,
  IPV4_DESTINATION_OFFSET, IPV4_SOURCE_OFFSET,
} from './ipv4.js';
import { ipv4PseudoHeaderSum, ipv6PseudoHeaderSum } from './pseudo-header.js';
import type { RejectReason } from './reasons.js';

/** What a raw socket delivers. IPv4: the datagram from the IP header on. IPv6: payload + ancillary data. */
export type ReceivedPacket =
  | { readonly family: 'ipv4'; readonly datagram: Uint8Array }
  | {
    readonly family: 'ipv6';
    readonly payload: Uint8Array;
    readonly source: Uint8Array | string;
    readonly destination: Uint8Array | string;
    /** From IPV6_HOPLIMIT; -1 when unknown (keepalived then skips the hop-limit checks). */
    readonly hopLimit: number;
  };

/** Per-packet instance state that is not configuration. */
export interface ReceiveState {
  /** Highest AH sequence number accepted so far (keepalived's ipsecah_counter.seq_number). */
  readonly ahLastSequence?: number;
  /**
   * false when vrrp_skip_check_adv_addr applies (same master as last time): the VIP list,
   * address count and unicast-source checks are skipped, as in keepalived.
   */
  readonly checkAddresses?: boolean;
}

export type DecodeResult =
  | {
    readonly ok: true;
    readonly advert: Advertisement;
    readonly ip: Envelope;
    /**
     * The VRRPv3/IPv4 checksum only verified with the multicast group in the pseudo-header:
     * the peer runs keepalived < 1.3.6. keepalived then switches the instance to the old form.
     */
    readonly oldUnicastChecksum: boolean;
  }
  | { readonly ok: false; readonly reason: RejectReason };

type Reject = { readonly ok: false; readonly reason: RejectReason };
const REJECTS = new Map<RejectReason, Reject>();
/** Rejections are shared frozen objects: the hot path allocates nothing to say no. */
function reject(reason: RejectReason): Reject {
  let r = REJECTS.get(reason);
  if (r === undefined) {
    r = Object.freeze({ ok: false as const, reason });
    REJECTS.set(reason, r);
  }
  return r;
}

/** Instance-independent decode (structure, version, type, auth type, checksum). */
export function decodeAdvert(packet: ReceivedPacket): DecodeResult {
  return receiveAdvert(packet, null);
}

/** Decode and validate against one instance, in keepalived's order. */
export function receiveAdvert(packet: ReceivedPacket, ctx: ReceiveContext | null, state: ReceiveState = {}): DecodeResult {
  return packet.family === 'ipv4' ? receiveIPv4(packet.datagram, ctx, state) : receiveIPv6(packet, ctx, state);
}

/** Convenience for tests and tools: decode, keeping only the advert and envelope. */
export function decodeToPacket(packet: ReceivedPacket): AdvertPacket | RejectReason {
  const r = decodeAdvert(packet);
  return r.ok ? { advert: r.advert, ip: r.ip } : r.reason;
}

function receiveIPv4(d: Uint8Array, ctx: ReceiveContext | null, state: ReceiveState): DecodeResult {
  if (ctx !== null && ctx.family !== 'ipv4') return reject('ip-version');
  const headerProblem = checkIPv4Header(d);
  if (headerProblem !== null) return reject(headerProblem);
  const ihl = ipv4HeaderLength(d);
  const protocol = ipv4Protocol(d);
  if (protocol !== IPPROTO_VRRP && protocol !== IPPROTO_AH) return reject('ip-protocol');
  const hasAh = protocol === IPPROTO_AH;
  const v = ihl + (hasAh ? AH_HEADER_LEN : 0);
  // vrrp_get_header: the fixed VRRP header must be there before an instance is even looked up.
  if (d.length < v + VRRP_HEADER_LEN) return reject('too-short');
  if (ctx !== null && d[v + 1] !== ctx.vrid) return reject('vrid-mismatch');
  if (ctx !== null && hasAh !== (ctx.authType === 'ah')) return reject('auth-type-mismatch');

  const version = d[v]! >> 4;
  const count = d[v + 3]!;
  const vrrpLen = VRRP_HEADER_LEN + count * 4 + (version === 2 ? VRRP_AUTH_DATA_LEN : 0);
  if (d.length !== v + vrrpLen) return reject('length');

  const ttl = ipv4Ttl(d);
  const multicastInstance = ctx !== null && ctx.unicastPeers.length === 0;
  if (multicastInstance && ttl !== VRRP_TTL) return reject('ttl');
  if (ctx !== null ? version !== ctx.version : version !== 2 && version !== 3) return reject('version');

  let auth: V2Auth | null = null;
  if (version === 2) {
    const authType = d[v + 4]!;
    if (authType !== AUTH_TYPE_NONE && authType !== AUTH_TYPE_PASS && authType !== AUTH_TYPE_AH) return reject('invalid-auth-type');
    const expectedAuth = ctx !== null ? authTypeCode(ctx.authType) : hasAh ? AUTH_TYPE_AH : authType === AUTH_TYPE_AH ? -1 : authType;
    if (authType !== expectedAuth) return reject('auth-type-mismatch');
    const authDataOffset = v + VRRP_HEADER_LEN + count * 4;
    if (authType === AUTH_TYPE_PASS) {
      if (ctx !== null && !bytesEqual(d, authDataOffset, ctx.authKey, 0, VRRP_AUTH_DATA_LEN)) return reject('auth-failure');
      // Copied: with a Buffer, slice() would be a view into the socket's receive buffer.
      auth = { type: 'pass', authData: new Uint8Array(d.subarray(authDataOffset, authDataOffset + VRRP_AUTH_DATA_LEN)) };
    } else if (authType === AUTH_TYPE_AH) {
      if (d[ihl + AH_NEXT_HEADER] !== IPPROTO_VRRP) return reject('ah-next-header');
      const spi = readU32(d, ihl + AH_SPI);
      const sequence = readU32(d, ihl + AH_SEQUENCE);
      if (ctx !== null) {
        // Checked by the caller's makeReceiveContext; a null here would be a bug.
        const icv = computeAhIcv(d, d.length, ihl, ctx.authKey, ctx.hmacMd5!, ctx.unicastPeers.length > 0);
        if (!bytesEqual(icv, 0, d, ihl + AH_ICV, AH_ICV_LEN)) return reject('ah-icv');
        if (spi !== readU32(d, IPV4_SOURCE_OFFSET)) return reject('ah-spi');
        // keepalived's counter starts at 0, so without state a sequence number of 0 is a replay.
        if (sequence <= (state.ahLastSequence ?? 0)) return reject('ah-replay');
      }
      auth = { type: 'ah', spi, sequence };
    } else {
      auth = NO_AUTH;
    }
    if (ctx !== null && ctx.advertIntervalS !== null && d[v + 5] !== ctx.advertIntervalS) return reject('advert-interval');
  }

  if ((d[v]! & 0x0f) !== VRRP_TYPE_ADVERTISEMENT) return reject('type');
  const checkAddresses = ctx !== null && state.checkAddresses !== false;
  if (checkAddresses && count !== ctx.addressCount) return reject('address-count');
  if (ipv4TotalLength(d) !== d.length) return reject('ip-total-length');

  let oldUnicastChecksum = false;
  if (version === 3) {
    const dstIsGroup = ctx === null ? isIPv4Multicast(d, IPV4_DESTINATION_OFFSET) : bytesEqual(d, IPV4_DESTINATION_OFFSET, ctx.multicastGroup4, 0, 4);
    const useGroup = ctx !== null && ctx.unicastChecksum === 'old';
    if (!v3ChecksumOk(d, v, vrrpLen, useGroup ? ctx.multicastGroup4 : d, useGroup ? 0 : IPV4_DESTINATION_OFFSET)) {
      // keepalived's auto-detection of pre-1.3.6 peers: unicast only, and not if told 'never'.
      const mayRetry = !dstIsGroup && (ctx === null || (ctx.unicastChecksum === 'standard' && ctx.unicastPeers.length > 0));
      const group = ctx?.multicastGroup4 ?? DEFAULT_GROUP4;
      if (!mayRetry || !v3ChecksumOk(d, v, vrrpLen, group, 0)) return reject('checksum');
      oldUnicastChecksum = true;
    }
  } else if (!verifies(sumBytes(d, v, v + vrrpLen))) {
    return reject('checksum');
  }

  const destinationIsMulticast = isIPv4Multicast(d, IPV4_DESTINATION_OFFSET);
  if (ctx !== null && destinationIsMulticast !== (ctx.unicastPeers.length === 0)) return reject('cast-mismatch');

  // ---- keepalived has counted advert_rcvd from here on ----
  if (checkAddresses) {
    const r = checkInstanceAddresses(ctx, d, v + VRRP_HEADER_LEN, count, 4, d, IPV4_SOURCE_OFFSET, ttl);
    if (r !== null) return reject(r);
  }

  const addresses: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) addresses[i] = formatIPv4(d, v + VRRP_HEADER_LEN + i * 4);
  return {
    ok: true,
    advert: buildAdvert(d, v, version, 'ipv4', auth, addresses),
    ip: {
      family: 'ipv4',
      source: formatIPv4(d, IPV4_SOURCE_OFFSET),
      destination: formatIPv4(d, IPV4_DESTINATION_OFFSET),
      ttl,
      tos: d[1]!,
      id: ipv4Id(d),
      dontFragment: ipv4DontFragment(d),
    },
    oldUnicastChecksum,
  };
}

const NO_AUTH: V2Auth = Object.freeze({ type: 'none' as const });
const DEFAULT_GROUP4 = new Uint8Array([224, 0, 0, 18]);

function authTypeCode(t: 'none' | 'pass' | 'ah'): number {
  return t === 'pass' ? AUTH_TYPE_PASS : t === 'ah' ? AUTH_TYPE_AH : AUTH_TYPE_NONE;
}

function v3ChecksumOk(d: Uint8Array, v: number, vrrpLen: number, dst: Uint8Array, dstOffset: number): boolean {
  const acc = ipv4PseudoHeaderSum(d, IPV4_SOURCE_OFFSET, dst, dstOffset, IPPROTO_VRRP, vrrpLen);
  return verifies(sumBytes(d, v, v + vrrpLen, acc));
}

function receiveIPv6(
  p: Extract<ReceivedPacket, { family: 'ipv6' }>, ctx: ReceiveContext | null, state: ReceiveState,
): DecodeResult {
  if (ctx !== null && ctx.family !== 'ipv6') return reject('ip-version');
  const d = p.payload;
  const source = typeof p.source === 'string' ? parseIPv6(p.source) : p.source;
  const destination = typeof p.destination === 'string' ? parseIPv6(p.destination) : p.destination;
  // Addresses come from the socket layer: malformed ones mean the packet is unusable.
  if (source === null || destination === null || source.length !== 16 || destination.length !== 16) return reject('too-short');
  if (d.length < VRRP_HEADER_LEN) return reject('too-short');
  if (ctx !== null && d[1] !== ctx.vrid) return reject('vrid-mismatch');
  const version = d[0]! >> 4;
  const count = d[3]!;
  // keepalived's IPv6 VRRPv2 has no auth data field.
  const vrrpLen = VRRP_HEADER_LEN + count * 16;
  if (d.length !== vrrpLen) return reject('length');
  const hopLimit = p.hopLimit;
  if (ctx !== null && ctx.unicastPeers.length === 0 && hopLimit !== -1 && hopLimit !== VRRP_TTL) return reject('ttl');
  if (ctx !== null ? version !== ctx.version : version !== 2 && version !== 3) return reject('version');
  if (version === 2) {
    // Only "none" can be expressed without the auth data field.
    if (d[4] !== AUTH_TYPE_NONE) return reject('invalid-auth-type');
    if (ctx !== null && ctx.advertIntervalS !== null && d[5] !== ctx.advertIntervalS) return reject('advert-interval');
  }
  if ((d[0]! & 0x0f) !== VRRP_TYPE_ADVERTISEMENT) return reject('type');
  const checkAddresses = ctx !== null && state.checkAddresses !== false;
  if (checkAddresses && count !== ctx.addressCount) return reject('address-count');
  // The kernel verifies this (IPV6_CHECKSUM) before keepalived sees the packet.
  if (!verifies(sumBytes(d, 0, vrrpLen, ipv6PseudoHeaderSum(source, destination, vrrpLen, IPPROTO_VRRP)))) return reject('checksum');
  if (ctx !== null && isIPv6Multicast(destination) !== (ctx.unicastPeers.length === 0)) return reject('cast-mismatch');
  if (checkAddresses) {
    const r = checkInstanceAddresses(ctx, d, VRRP_HEADER_LEN, count, 16, source, 0, hopLimit);
    if (r !== null) return reject(r);
  }
  const addresses: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) addresses[i] = formatIPv6(d, VRRP_HEADER_LEN + i * 16);
  return {
    ok: true,
    advert: buildAdvert(d, 0, version, 'ipv6', version === 2 ? NO_AUTH : null, addresses),
    ip: { family: 'ipv6', source: formatIPv6(source), destination: formatIPv6(destination), hopLimit },
    oldUnicastChecksum: false,
  };
}

/** VIP list (each of ours present), then check_unicast_src and the peer's TTL range. */
function checkInstanceAddresses(
  ctx: ReceiveContext, d: Uint8Array, listOffset: number, count: number, addrLen: number,
  src: Uint8Array, srcOffset: number, ttl: number,
): RejectReason | null {
  for (let mine = 0; mine < ctx.addressCount; mine++) {
    let found = false;
    for (let i = 0; i < count && !found; i++) found = bytesEqual(ctx.addresses, mine * addrLen, d, listOffset + i * addrLen, addrLen);
    if (!found) return 'address-list';
  }
  if (ctx.unicastPeers.length > 0 && ctx.checkUnicastSource) {
    const peer = ctx.unicastPeers.find((p) => bytesEqual(p.address, 0, src, srcOffset, addrLen));
    if (peer === undefined) return 'unicast-source';
    if (ttl !== -1 && (ttl < peer.minTtl || ttl > peer.maxTtl)) return 'unicast-ttl';
  }
  return null;
}

function buildAdvert(
  d: Uint8Array, v: number, version: number, family: 'ipv4' | 'ipv6', auth: V2Auth | null, addresses: string[],
): Advertisement {
  if (version === 2) {
    // Invariant: every v2 path above settled the auth.
    if (auth === null) throw new Error('bug: v2 advert without auth');
    return { version: 2, family, vrid: d[v + 1]!, priority: d[v + 2]!, advertIntervalS: d[v + 5]!, auth, addresses };
  }
  return { version: 3, family, vrid: d[v + 1]!, priority: d[v + 2]!, maxAdvertIntervalCs: ((d[v + 4]! & 0x0f) << 8) | d[v + 5]!, addresses };
}
