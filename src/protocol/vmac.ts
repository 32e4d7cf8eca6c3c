/** RFC 5798 §7.3 virtual router MAC addresses: 00-00-5E-00-01-{VRID} (IPv4), 00-00-5E-00-02-{VRID} (IPv6). */
import type { AddressFamily } from './advertisement.js';

export function virtualRouterMac(vrid: number, family: AddressFamily): Uint8Array {
  if (!Number.isInteger(vrid) || vrid < 0 || vrid > 255) throw new Error(`vrid ${vrid} out of range`);
  return new Uint8Array([0x00, 0x00, 0x5e, 0x00, family === 'ipv4' ? 0x01 : 0x02, vrid]);
}

/** IPv4 multicast → Ethernet: 01:00:5e + low 23 bits (RFC 1112 §6.4). */
export function ipv4MulticastMac(group: Uint8Array): Uint8Array {
  return new Uint8Array([0x01, 0x00, 0x5e, group[1]! & 0x7f, group[2]!, group[3]!]);
}

/** IPv6 multicast → Ethernet: 33:33 + low 32 bits (RFC 2464 §7). */
export function ipv6MulticastMac(group: Uint8Array): Uint8Array {
  return new Uint8Array([0x33, 0x33, group[12]!, group[13]!, group[14]!, group[15]!]);
}
