/**
 * IPsec AH (RFC 2402) as keepalived uses it for VRRPv2 `auth_type AH`: a 24-byte header between
 * the IPv4 header and VRRP, SPI = sender's IPv4 address, sequence numbers from 1, and a
 * HMAC-MD5-96 ICV keyed with the 8-byte zero-padded auth_pass.
 *
 * The ICV covers the IP header, the AH header and the VRRP message with these fields zeroed:
 * TOS, flags/fragment offset, header checksum, the ICV itself, and the TTL only when the
 * instance has unicast peers (keepalived keeps TTL in the ICV for multicast; RFC 2402 would
 * zero it always — matching keepalived matters more than matching the RFC here).
 */
import { AH_HEADER_LEN, AH_ICV_LEN, AH_PAYLOAD_LEN_FIELD, IPPROTO_VRRP } from './constants.js';
import type { HmacMd5 } from './crypto.js';

/** Offsets inside the AH header. */
export const AH_NEXT_HEADER = 0;
export const AH_PAYLOAD_LEN = 1;
export const AH_SPI = 4;
export const AH_SEQUENCE = 8;
export const AH_ICV = 12;

/** Write the AH header at `offset` with a zero ICV (computed afterwards by writeAhIcv). */
export function writeAhHeader(out: Uint8Array, offset: number, spi: number, sequence: number): void {
  out[offset + AH_NEXT_HEADER] = IPPROTO_VRRP;
  out[offset + AH_PAYLOAD_LEN] = AH_PAYLOAD_LEN_FIELD;
  out[offset + 2] = 0;
  out[offset + 3] = 0;
  writeU32(out, offset + AH_SPI, spi);
  writeU32(out, offset + AH_SEQUENCE, sequence);
  out.fill(0, offset + AH_ICV, offset + AH_HEADER_LEN);
}

/**
 * ICV of the datagram [0, length) whose AH header starts at `ahOffset`. The datagram itself is
 * not modified: the mutable fields are zeroed in a scratch copy.
 */
export function computeAhIcv(
  datagram: Uint8Array, length: number, ahOffset: number, key: Uint8Array, hmacMd5: HmacMd5, zeroTtl: boolean,
): Uint8Array {
  // A copy, never a view: Node's Buffer.slice shares memory, and the received packet must stay intact.
  const scratch = new Uint8Array(datagram.subarray(0, length));
  scratch[1] = 0; // TOS
  scratch[6] = 0; // flags + fragment offset
  scratch[7] = 0;
  scratch[10] = 0; // header checksum
  scratch[11] = 0;
  if (zeroTtl) scratch[8] = 0;
  scratch.fill(0, ahOffset + AH_ICV, ahOffset + AH_ICV + AH_ICV_LEN);
  const mac = hmacMd5(key, [scratch]);
  assertIcvSource(mac);
  return mac.subarray(0, AH_ICV_LEN);
}

function assertIcvSource(mac: Uint8Array): void {
  if (mac.length < AH_ICV_LEN) throw new Error(`hmacMd5 returned ${mac.length} bytes, expected 16`);
}

export function readU32(b: Uint8Array, offset: number): number {
  return ((b[offset]! << 24) | (b[offset + 1]! << 16) | (b[offset + 2]! << 8) | b[offset + 3]!) >>> 0;
}

export function writeU32(b: Uint8Array, offset: number, v: number): void {
  b[offset] = (v >>> 24) & 0xff;
  b[offset + 1] = (v >>> 16) & 0xff;
  b[offset + 2] = (v >>> 8) & 0xff;
  b[offset + 3] = v & 0xff;
}

/** keepalived's SPI: the source IPv4 address read as a big-endian 32-bit number. */
export function ahSpiForSource(source: Uint8Array): number {
  return readU32(source, 0);
}
