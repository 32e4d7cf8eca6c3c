/** RTM_NEWADDR / RTM_DELADDR payloads (ifaddrmsg + IFA_* attributes) from an AddressSpec. */
import type { AddressSpec } from '../../../ports/addresses.js';
import { addressBytes, attr, attrString, findAttribute, formatAddress, parseAttributes, readU32, stringAttr, u32, u32Attr } from './codec.js';
import {
  AF_INET, AF_INET6, IFA_ADDRESS, IFA_BROADCAST, IFA_CACHEINFO, IFA_F_HOMEADDRESS, IFA_F_NODAD, IFA_F_NOPREFIXROUTE,
  IFA_FLAGS, IFA_LABEL, IFA_LOCAL, INFINITY_LIFE_TIME, SCOPES,
} from './constants.js';
import type { IpFamily } from '../../../ports/vrrp-link.js';

export const familyNumber = (family: IpFamily): number => (family === 'ipv4' ? AF_INET : AF_INET6);

/** A scope name or number as the kernel's u8; undefined when neither. */
export function scopeNumber(scope: string | undefined, fallback: number): number | undefined {
  if (scope === undefined) return fallback;
  const named = SCOPES[scope];
  if (named !== undefined) return named;
  return /^[0-9]+$/.test(scope) && Number(scope) <= 255 ? Number(scope) : undefined;
}

/** `brd +` / `brd -`: the address with its host bits set / cleared (IPv4 only). */
function broadcastBytes(spec: AddressSpec, local: Buffer): Buffer | undefined {
  if (spec.broadcast !== '+' && spec.broadcast !== '-') return addressBytes(spec.broadcast ?? '');
  const out = Buffer.from(local);
  for (let bit = spec.prefixLength; bit < 32; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    out[byte] = spec.broadcast === '+' ? (out[byte] as number) | mask : (out[byte] as number) & ~mask;
  }
  return out;
}

/**
 * The payload for adding (`forAdd`) or deleting the address on interface `ifindex`. Deleting sends
 * the same selectors, so the kernel matches the very address that was added. Returns an error
 * text for a spec that cannot be encoded (bad address text, scope or family mismatch).
 */
export function encodeAddress(spec: AddressSpec, ifindex: number, forAdd: boolean): Buffer[] | string {
  const local = addressBytes(spec.address);
  const expected = spec.family === 'ipv4' ? 4 : 16;
  if (local?.length !== expected) return `invalid ${spec.family} address ${spec.address}`;
  const scope = scopeNumber(spec.scope, 0);
  if (scope === undefined) return `invalid scope ${spec.scope}`;
  let flags = 0;
  if (spec.noDad === true) flags |= IFA_F_NODAD;
  if (spec.home === true) flags |= IFA_F_HOMEADDRESS;
  if (spec.noPrefixRoute === true) flags |= IFA_F_NOPREFIXROUTE;
  const header = Buffer.alloc(8);
  header[0] = familyNumber(spec.family);
  header[1] = spec.prefixLength;
  header[2] = flags & 0xff;
  header[3] = scope;
  u32(ifindex).copy(header, 4);
  const parts = [header, attr(IFA_LOCAL, local)];
  const peer = spec.peer === undefined ? local : addressBytes(spec.peer);
  if (peer?.length !== expected) return `invalid peer address ${spec.peer}`;
  parts.push(attr(IFA_ADDRESS, peer));
  if (spec.family === 'ipv4' && spec.label !== undefined) parts.push(stringAttr(IFA_LABEL, spec.label));
  if (!forAdd) return parts;
  if (spec.family === 'ipv4' && spec.broadcast !== undefined) {
    const broadcast = broadcastBytes(spec, local);
    if (broadcast?.length !== 4) return `invalid broadcast address ${spec.broadcast}`;
    parts.push(attr(IFA_BROADCAST, broadcast));
  }
  if (spec.preferredLifetimeS !== undefined) {
    // ifa_cacheinfo: preferred, valid, then two timestamps the kernel ignores on input.
    parts.push(attr(IFA_CACHEINFO, Buffer.concat([u32(spec.preferredLifetimeS), u32(INFINITY_LIFE_TIME), Buffer.alloc(8)])));
  }
  if (flags !== 0) parts.push(u32Attr(IFA_FLAGS, flags));
  return parts;
}

/** An address as the kernel reports it (RTM_NEWADDR/RTM_DELADDR). */
export interface KernelAddress {
  readonly family: IpFamily;
  readonly ifindex: number;
  readonly address: string;
  readonly prefixLength: number;
  readonly label: string | undefined;
}

export function decodeAddress(payload: Buffer): KernelAddress | undefined {
  if (payload.length < 8) return undefined;
  const familyCode = payload[0];
  if (familyCode !== AF_INET && familyCode !== AF_INET6) return undefined;
  const attrs = parseAttributes(payload, 8);
  // IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point links.
  const bytes = findAttribute(attrs, IFA_LOCAL) ?? findAttribute(attrs, IFA_ADDRESS);
  if (bytes === undefined) return undefined;
  const label = findAttribute(attrs, IFA_LABEL);
  return {
    family: familyCode === AF_INET ? 'ipv4' : 'ipv6',
    ifindex: readU32(payload, 4),
    address: formatAddress(bytes),
    prefixLength: payload[1] as number,
    label: label === undefined ? undefined : attrString(label) || undefined,
  };
}
