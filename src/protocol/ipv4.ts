/** IPv4 header (RFC 791) writing and reading, as far as VRRP needs it. */
import { finishChecksum, sumBytes, verifies } from './checksum.js';
import { IPV4_HEADER_LEN } from './constants.js';

export interface Ipv4HeaderFields {
  readonly tos: number;
  readonly totalLength: number;
  readonly id: number;
  readonly dontFragment: boolean;
  readonly ttl: number;
  readonly protocol: number;
  /** 4 bytes each. */
  readonly source: Uint8Array;
  readonly destination: Uint8Array;
}

/**
 * Write a 20-byte header (no options) at `offset`, header checksum included: keepalived leaves
 * the checksum to the kernel (IP_HDRINCL), and the kernel's value is what appears on the wire.
 */
export function writeIPv4Header(out: Uint8Array, offset: number, h: Ipv4HeaderFields): void {
  out[offset] = 0x45;
  out[offset + 1] = h.tos;
  out[offset + 2] = h.totalLength >> 8;
  out[offset + 3] = h.totalLength & 0xff;
  out[offset + 4] = (h.id >> 8) & 0xff;
  out[offset + 5] = h.id & 0xff;
  out[offset + 6] = h.dontFragment ? 0x40 : 0;
  out[offset + 7] = 0;
  out[offset + 8] = h.ttl;
  out[offset + 9] = h.protocol;
  out[offset + 10] = 0;
  out[offset + 11] = 0;
  out.set(h.source, offset + 12);
  out.set(h.destination, offset + 16);
  const sum = finishChecksum(sumBytes(out, offset, offset + IPV4_HEADER_LEN));
  out[offset + 10] = sum >> 8;
  out[offset + 11] = sum & 0xff;
}

export type Ipv4HeaderProblem = 'too-short' | 'ip-version' | 'ip-header-length' | 'ip-checksum' | 'ip-fragment';

/** Structural checks the kernel has already made on anything a raw socket hands us. */
export function checkIPv4Header(datagram: Uint8Array): Ipv4HeaderProblem | null {
  if (datagram.length < IPV4_HEADER_LEN) return 'too-short';
  const b0 = datagram[0]!;
  if (b0 >> 4 !== 4) return 'ip-version';
  const ihl = (b0 & 0x0f) * 4;
  if (ihl < IPV4_HEADER_LEN) return 'ip-header-length';
  if (datagram.length < ihl) return 'too-short';
  if (!verifies(sumBytes(datagram, 0, ihl))) return 'ip-checksum';
  // Reserved bit, More Fragments or an offset: not a whole datagram (the kernel reassembles first).
  if (((datagram[6]! << 8) | datagram[7]!) & 0xbfff) return 'ip-fragment';
  return null;
}

export const ipv4HeaderLength = (datagram: Uint8Array): number => (datagram[0]! & 0x0f) * 4;
export const ipv4TotalLength = (d: Uint8Array): number => (d[2]! << 8) | d[3]!;
export const ipv4Id = (d: Uint8Array): number => (d[4]! << 8) | d[5]!;
export const ipv4DontFragment = (d: Uint8Array): boolean => (d[6]! & 0x40) !== 0;
export const ipv4Ttl = (d: Uint8Array): number => d[8]!;
export const ipv4Protocol = (d: Uint8Array): number => d[9]!;
export const IPV4_SOURCE_OFFSET = 12;
export const IPV4_DESTINATION_OFFSET = 16;
