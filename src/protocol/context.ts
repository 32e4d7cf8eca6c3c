/**
 * What one VRRP instance expects of received adverts, compiled once from its configuration so
 * the receive path compares bytes instead of parsing text.
 */
import type { AddressFamily } from './advertisement.js';
import { parseIPv4, parseIPv6 } from './address.js';
import { VRRP_MULTICAST_GROUP4 } from './constants.js';
import type { HmacMd5 } from './crypto.js';

export interface UnicastPeerOptions {
  readonly address: string;
  /** unicast_peer … min_ttl / max_ttl (default 0 and 255). */
  readonly minTtl?: number;
  readonly maxTtl?: number;
}

/**
 * keepalived's unicast checksum compatibility for VRRPv3/IPv4 (`old_unicast_checksum [never]`):
 * 'standard' — RFC pseudo-header, but auto-detect peers using the old form;
 * 'never'    — RFC pseudo-header, no auto-detection;
 * 'old'      — pseudo-header destination is the multicast group (configured or auto-detected).
 */
export type UnicastChecksumMode = 'standard' | 'never' | 'old';

export interface ReceiveContextOptions {
  readonly family: AddressFamily;
  readonly version: 2 | 3;
  readonly vrid: number;
  /** VRRPv2 authentication { auth_type … }; ignored for v3 (keepalived uses none). */
  readonly authType?: 'none' | 'pass' | 'ah';
  /** auth_pass as 8 zero-padded bytes (passwordAuthData). */
  readonly authKey?: Uint8Array;
  readonly hmacMd5?: HmacMd5;
  /** v2 advert_int in whole seconds: v2 adverts must carry the same. */
  readonly advertIntervalS?: number;
  /** virtual_ipaddress, in the instance's family. */
  readonly addresses: readonly string[];
  /** Empty means multicast. */
  readonly unicastPeers?: readonly UnicastPeerOptions[];
  /** check_unicast_src / vrrp_check_unicast_src (implied by min_ttl/max_ttl). */
  readonly checkUnicastSource?: boolean;
  readonly unicastChecksum?: UnicastChecksumMode;
  /** vrrp_mcast_group4 (default 224.0.0.18). */
  readonly multicastGroup4?: string;
}

export interface UnicastPeer {
  readonly address: Uint8Array;
  readonly minTtl: number;
  readonly maxTtl: number;
}

export interface ReceiveContext {
  readonly family: AddressFamily;
  readonly version: 2 | 3;
  readonly vrid: number;
  readonly authType: 'none' | 'pass' | 'ah';
  readonly authKey: Uint8Array;
  readonly hmacMd5: HmacMd5 | null;
  readonly advertIntervalS: number | null;
  /** VIPs packed back to back (4 or 16 bytes each). */
  readonly addresses: Uint8Array;
  readonly addressCount: number;
  readonly unicastPeers: readonly UnicastPeer[];
  readonly checkUnicastSource: boolean;
  readonly unicastChecksum: UnicastChecksumMode;
  readonly multicastGroup4: Uint8Array;
}

export type ContextResult = { ok: true; context: ReceiveContext } | { ok: false; error: string };

/** Compile instance options; bad options (config mistakes) are reported, not thrown. */
export function makeReceiveContext(o: ReceiveContextOptions): ContextResult {
  const addrLen = o.family === 'ipv4' ? 4 : 16;
  const parse = o.family === 'ipv4' ? parseIPv4 : parseIPv6;
  if (!Number.isInteger(o.vrid) || o.vrid < 1 || o.vrid > 255) return { ok: false, error: `vrid ${o.vrid} out of range` };
  if (o.addresses.length > 255) return { ok: false, error: 'more than 255 addresses' };
  const addresses = new Uint8Array(o.addresses.length * addrLen);
  for (let i = 0; i < o.addresses.length; i++) {
    const b = parse(o.addresses[i]!);
    if (b === null) return { ok: false, error: `bad ${o.family} address ${o.addresses[i]}` };
    addresses.set(b, i * addrLen);
  }
  const peers: UnicastPeer[] = [];
  for (const p of o.unicastPeers ?? []) {
    const b = parse(p.address);
    if (b === null) return { ok: false, error: `bad unicast peer ${p.address}` };
    peers.push({ address: b, minTtl: p.minTtl ?? 0, maxTtl: p.maxTtl ?? 255 });
  }
  const group = parseIPv4(o.multicastGroup4 ?? VRRP_MULTICAST_GROUP4);
  if (group === null) return { ok: false, error: `bad multicast group ${o.multicastGroup4}` };
  const authType = o.version === 2 ? o.authType ?? 'none' : 'none';
  if (authType !== 'none' && o.family === 'ipv6') return { ok: false, error: 'VRRP authentication needs IPv4' };
  if (authType === 'ah' && o.hmacMd5 === undefined) return { ok: false, error: 'auth_type AH needs an HMAC-MD5 implementation' };
  const authKey = o.authKey ?? new Uint8Array(8);
  if (authKey.length !== 8) return { ok: false, error: 'auth key must be 8 bytes (passwordAuthData)' };
  return {
    ok: true,
    context: {
      family: o.family,
      version: o.version,
      vrid: o.vrid,
      authType,
      authKey,
      hmacMd5: o.hmacMd5 ?? null,
      advertIntervalS: o.advertIntervalS ?? null,
      addresses,
      addressCount: o.addresses.length,
      unicastPeers: peers,
      checkUnicastSource: o.checkUnicastSource === true || peers.some((p) => p.minTtl !== 0 || p.maxTtl !== 255),
      unicastChecksum: o.unicastChecksum ?? 'standard',
      multicastGroup4: group,
    },
  };
}
