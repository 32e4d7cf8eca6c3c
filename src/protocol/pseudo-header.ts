/** Upper-layer checksum pseudo-headers: IPv4 (RFC 768 layout, used by VRRPv3) and IPv6 (RFC 8200 §8.1). */
import { sumBytes, sumWord } from './checksum.js';

/** Running sum of the IPv6 pseudo-header: source, destination, 32-bit length, next header. */
export function ipv6PseudoHeaderSum(source: Uint8Array, destination: Uint8Array, length: number, nextHeader: number): number {
  let acc = sumBytes(source, 0, 16);
  acc = sumBytes(destination, 0, 16, acc);
  acc = sumWord(length >>> 16, acc);
  acc = sumWord(length & 0xffff, acc);
  return sumWord(nextHeader, acc);
}

/** Running sum of the IPv4 pseudo-header (RFC 768 style): source, destination, zero, protocol, length. */
export function ipv4PseudoHeaderSum(
  source: Uint8Array, sourceOffset: number, destination: Uint8Array, destinationOffset: number,
  protocol: number, length: number,
): number {
  let acc = sumBytes(source, sourceOffset, sourceOffset + 4);
  acc = sumBytes(destination, destinationOffset, destinationOffset + 4, acc);
  acc = sumWord(protocol, acc);
  return sumWord(length, acc);
}
