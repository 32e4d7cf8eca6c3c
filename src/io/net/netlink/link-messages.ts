/** RTM_*LINK payloads (ifinfomsg + IFLA_* attributes): lookups, the VMAC macvlan, up, and decoding. */
import { attr, attrString, findAttribute, formatAddress, formatMac, nestedAttr, parseAttributes, readU32, stringAttr, u32, u32Attr, u8Attr } from './codec.js';
import {
  AF_INET6, AF_UNSPEC, IFF_RUNNING, IFF_UP, IFLA_ADDRESS, IFLA_AF_SPEC, IFLA_IFNAME, IFLA_INET6_ADDR_GEN_MODE, IFLA_INFO_DATA,
  IFLA_INFO_KIND, IFLA_LINK, IFLA_LINKINFO, IFLA_MACVLAN_MODE, IN6_ADDR_GEN_MODE_NONE, MACVLAN_MODE_PRIVATE,
} from './constants.js';

function ifinfo(ifindex: number, flags = 0, change = 0): Buffer {
  const b = Buffer.alloc(16);
  b[0] = AF_UNSPEC;
  u32(ifindex).copy(b, 4);
  u32(flags).copy(b, 8);
  u32(change).copy(b, 12);
  return b;
}

/** RTM_GETLINK / RTM_DELLINK by name (ifindex 0 and IFLA_IFNAME). */
export function encodeLinkByName(name: string): Buffer[] {
  return [ifinfo(0), stringAttr(IFLA_IFNAME, name)];
}

/** RTM_DELLINK / RTM_GETLINK by index. */
export function encodeLinkByIndex(ifindex: number): Buffer[] {
  return [ifinfo(ifindex)];
}

/** The VRRP virtual MAC (RFC 5798 §7.3): 00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6. */
export function vrrpMac(vrid: number, family: 'ipv4' | 'ipv6'): Buffer {
  return Buffer.from([0x00, 0x00, 0x5e, 0x00, family === 'ipv4' ? 0x01 : 0x02, vrid & 0xff]);
}

/**
 * RTM_NEWLINK (with NLM_F_CREATE|NLM_F_EXCL) creating macvlan `name` on `baseIndex` with `mac`,
 * in private mode as keepalived does, so the VMAC never sees its siblings' frames.
 */
export function encodeMacvlan(name: string, baseIndex: number, mac: Buffer): Buffer[] {
  return [
    ifinfo(0),
    nestedAttr(IFLA_LINKINFO, [stringAttr(IFLA_INFO_KIND, 'macvlan'), nestedAttr(IFLA_INFO_DATA, [u32Attr(IFLA_MACVLAN_MODE, MACVLAN_MODE_PRIVATE)])]),
    u32Attr(IFLA_LINK, baseIndex),
    stringAttr(IFLA_IFNAME, name),
    attr(IFLA_ADDRESS, mac),
  ];
}

/** RTM_NEWLINK setting IFF_UP (or clearing it). */
export function encodeLinkUp(ifindex: number, up = true): Buffer[] {
  return [ifinfo(ifindex, up ? IFF_UP : 0, IFF_UP)];
}

/**
 * RTM_NEWLINK turning off IPv6 link-local generation (RFC 5798 §7.4: the VMAC's EUI-64 address
 * would be the same on every router), as keepalived does before bringing an IPv6 VMAC up.
 */
export function encodeAddrGenModeNone(ifindex: number): Buffer[] {
  return [ifinfo(ifindex), nestedAttr(IFLA_AF_SPEC, [nestedAttr(AF_INET6, [u8Attr(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE)])])];
}

/** fe80::/64 with the EUI-64 interface identifier of `mac`. */
export function linkLocalFromMac(mac: Buffer): string {
  const b = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, (mac[0] ?? 0) ^ 0x02, mac[1] ?? 0, mac[2] ?? 0, 0xff, 0xfe, mac[3] ?? 0, mac[4] ?? 0, mac[5] ?? 0];
  return formatAddress(Buffer.from(b));
}

/** A link as the kernel reports it (RTM_NEWLINK). */
export interface KernelLink {
  readonly ifindex: number;
  readonly name: string;
  readonly flags: number;
  /** IFF_UP and IFF_RUNNING (carrier). */
  readonly up: boolean;
  readonly mac: string;
  /** IFLA_LINK: the lower device (a macvlan's base), when there is one. */
  readonly lowerIndex: number | undefined;
  /** IFLA_INFO_KIND ('macvlan', 'veth'…), when the link has one. */
  readonly kind: string | undefined;
}

export function decodeLink(payload: Buffer): KernelLink | undefined {
  if (payload.length < 16) return undefined;
  const attrs = parseAttributes(payload, 16);
  const name = findAttribute(attrs, IFLA_IFNAME);
  if (name === undefined) return undefined;
  const flags = readU32(payload, 8);
  const mac = findAttribute(attrs, IFLA_ADDRESS);
  const lower = findAttribute(attrs, IFLA_LINK);
  const info = findAttribute(attrs, IFLA_LINKINFO);
  const kind = info === undefined ? undefined : findAttribute(parseAttributes(info), IFLA_INFO_KIND);
  return {
    ifindex: readU32(payload, 4),
    name: attrString(name),
    flags,
    up: (flags & IFF_UP) !== 0 && (flags & IFF_RUNNING) !== 0,
    mac: mac !== undefined && mac.length === 6 ? formatMac(mac) : '',
    lowerIndex: lower !== undefined && lower.length >= 4 ? readU32(lower, 0) : undefined,
    kind: kind === undefined ? undefined : attrString(kind),
  };
}
