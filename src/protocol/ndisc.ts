/**
 * Unsolicited neighbour advertisement (RFC 4861 §7.2.6) as keepalived sends it (vrrp_ndisc.c):
 * from the VIP to ff02::1, hop limit 255, Override set, Solicited clear, Router set only when
 * the interface forwards, and a target link-layer address option carrying the sender's MAC.
 */
import { parseIPv6 } from './address.js';
import { finishChecksum, sumBytes } from './checksum.js';
import { ETHERNET_HEADER_LEN, ETHERTYPE_IPV6, IPPROTO_ICMPV6, IPV6_HEADER_LEN } from './constants.js';
import { writeEthernetHeader } from './ethernet.js';
import { writeIPv6Header } from './ipv6.js';
import { ipv6PseudoHeaderSum } from './pseudo-header.js';
import { ipv6MulticastMac } from './vmac.js';

const ALL_NODES = new Uint8Array([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]);
const ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
const NA_LEN = 24;
const TLLA_OPTION_LEN = 8;
const OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
const FLAG_ROUTER = 0x80;
const FLAG_OVERRIDE = 0x20;

export interface UnsolicitedNaInput {
  /** 6 bytes. */
  readonly sourceMac: Uint8Array;
  readonly address: string;
  /** Set the Router flag (keepalived does when IPv6 forwarding is on for the interface). */
  readonly router?: boolean;
}

export function buildUnsolicitedNa(input: UnsolicitedNaInput): Uint8Array {
  const target = parseIPv6(input.address);
  if (target === null) throw new Error(`not an IPv6 address: ${input.address}`);
  if (input.sourceMac.length !== 6) throw new Error('source MAC must be 6 bytes');
  const icmpLen = NA_LEN + TLLA_OPTION_LEN;
  const out = new Uint8Array(ETHERNET_HEADER_LEN + IPV6_HEADER_LEN + icmpLen);
  writeEthernetHeader(out, 0, ipv6MulticastMac(ALL_NODES), input.sourceMac, ETHERTYPE_IPV6);
  writeIPv6Header(out, ETHERNET_HEADER_LEN, {
    trafficClass: 0, flowLabel: 0, payloadLength: icmpLen, nextHeader: IPPROTO_ICMPV6, hopLimit: 255,
    source: target, destination: ALL_NODES,
  });
  const c = ETHERNET_HEADER_LEN + IPV6_HEADER_LEN;
  out[c] = ICMPV6_NEIGHBOR_ADVERTISEMENT;
  out[c + 1] = 0;
  out[c + 4] = FLAG_OVERRIDE | (input.router === true ? FLAG_ROUTER : 0);
  out.set(target, c + 8);
  out[c + 24] = OPTION_TARGET_LINK_LAYER_ADDRESS;
  out[c + 25] = 1; // length in units of 8 bytes
  out.set(input.sourceMac, c + 26);
  const sum = finishChecksum(sumBytes(out, c, c + icmpLen, ipv6PseudoHeaderSum(target, ALL_NODES, icmpLen, IPPROTO_ICMPV6)));
  out[c + 2] = sum >> 8;
  out[c + 3] = sum & 0xff;
  return out;
}
