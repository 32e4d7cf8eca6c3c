/**
 * Gratuitous ARP as keepalived sends it (vrrp_arp.c): an ARP *request* broadcast, sender and
 * target protocol address both the VIP, and — unlike RFC 5227's zeros — target hardware address
 * ff:ff:ff:ff:ff:ff. The Ethernet and ARP sender MAC is the interface's (or the VMAC's) address.
 */
import { parseIPv4 } from './address.js';
import { ETHERNET_HEADER_LEN, ETHERTYPE_ARP, ETHERTYPE_IPV4 } from './constants.js';
import { writeEthernetHeader } from './ethernet.js';

const BROADCAST = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const ARP_LEN = 28;
const ARP_OP_REQUEST = 1;
const ARP_HTYPE_ETHERNET = 1;

export interface GratuitousArpInput {
  /** 6 bytes. */
  readonly sourceMac: Uint8Array;
  readonly address: string;
}

/** The 42-byte frame (no padding: the NIC pads to 60 bytes). Throws on a bad address (caller bug). */
export function buildGratuitousArp(input: GratuitousArpInput): Uint8Array {
  const ip = parseIPv4(input.address);
  if (ip === null) throw new Error(`not an IPv4 address: ${input.address}`);
  if (input.sourceMac.length !== 6) throw new Error('source MAC must be 6 bytes');
  const out = new Uint8Array(ETHERNET_HEADER_LEN + ARP_LEN);
  writeEthernetHeader(out, 0, BROADCAST, input.sourceMac, ETHERTYPE_ARP);
  const a = ETHERNET_HEADER_LEN;
  out[a] = 0;
  out[a + 1] = ARP_HTYPE_ETHERNET;
  out[a + 2] = ETHERTYPE_IPV4 >> 8;
  out[a + 3] = ETHERTYPE_IPV4 & 0xff;
  out[a + 4] = 6;
  out[a + 5] = 4;
  out[a + 6] = 0;
  out[a + 7] = ARP_OP_REQUEST;
  out.set(input.sourceMac, a + 8);
  out.set(ip, a + 14);
  out.set(BROADCAST, a + 18);
  out.set(ip, a + 24);
  return out;
}
