/** RTM_NEWRULE / RTM_DELRULE payloads (fib_rule_hdr + FRA_* attributes) from a RuleSpec. */
import type { RuleSpec } from '../../../ports/addresses.js';
import { addressBytes, attr, stringAttr, u16, u32, u32Attr, u8Attr } from './codec.js';
import {
  FIB_RULE_INVERT, FR_ACT, FRA_DPORT_RANGE, FRA_DST, FRA_FLOW, FRA_FWMARK, FRA_FWMASK, FRA_GOTO, FRA_IIFNAME, FRA_IP_PROTO,
  FRA_L3MDEV, FRA_OIFNAME, FRA_PRIORITY, RTPROT_KEEPALIVED, FRA_PROTOCOL, FRA_SPORT_RANGE, FRA_SRC, FRA_SUPPRESS_IFGROUP,
  FRA_SUPPRESS_PREFIXLEN, FRA_TABLE, FRA_UID_RANGE,
} from './constants.js';
import { familyNumber } from './address-messages.js';

const IP_PROTOCOLS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, 'ipv6-icmp': 58, sctp: 132 };

/** `N` or `N-M` as two numbers no larger than `max`. */
function range(text: string, max: number): [number, number] | undefined {
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(text);
  if (m === null) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2] ?? m[1]);
  return start > max || end > max || end < start ? undefined : [start, end];
}

function extras(spec: RuleSpec): Buffer[] | string {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(spec.attributes ?? {})) {
    const text = String(value);
    switch (name) {
      case 'goto':
        parts.push(u32Attr(FRA_GOTO, Number(value)));
        break;
      case 'suppress_prefixlength':
        parts.push(u32Attr(FRA_SUPPRESS_PREFIXLEN, Number(value)));
        break;
      case 'suppress_ifgroup': {
        if (!/^[0-9]+$/.test(text)) return `invalid suppress_ifgroup ${text} (group names are host data)`;
        parts.push(u32Attr(FRA_SUPPRESS_IFGROUP, Number(text)));
        break;
      }
      case 'l3mdev':
        parts.push(u8Attr(FRA_L3MDEV, 1));
        break;
      case 'realms': {
        const m = /^(?:([0-9]+)\/)?([0-9]+)$/.exec(text);
        if (m === null) return `invalid realms ${text} (names need /etc/iproute2/rt_realms)`;
        parts.push(u32Attr(FRA_FLOW, ((Number(m[1] ?? 0) << 16) | Number(m[2])) >>> 0));
        break;
      }
      case 'uidrange': {
        const r = range(text, 0xffffffff);
        if (r === undefined) return `invalid uidrange ${text}`;
        parts.push(attr(FRA_UID_RANGE, Buffer.concat([u32(r[0]), u32(r[1])])));
        break;
      }
      case 'sport':
      case 'dport': {
        const r = range(text, 0xffff);
        if (r === undefined) return `invalid ${name} ${text}`;
        parts.push(attr(name === 'sport' ? FRA_SPORT_RANGE : FRA_DPORT_RANGE, Buffer.concat([u16(r[0]), u16(r[1])])));
        break;
      }
      case 'ip_proto': {
        const proto = IP_PROTOCOLS[text.toLowerCase()] ?? (/^[0-9]+$/.test(text) ? Number(text) : undefined);
        if (proto === undefined || proto > 255) return `invalid ip_proto ${text}`;
        parts.push(u8Attr(FRA_IP_PROTO, proto));
        break;
      }
      case 'protocol': {
        if (!/^[0-9]+$/.test(text) || Number(text) > 255) return `invalid rule protocol ${text}`;
        parts.push(u8Attr(FRA_PROTOCOL, Number(text)));
        break;
      }
    }
  }
  return parts;
}

/** The payload for adding or deleting a rule (the same selectors both ways, so delete matches add). */
/** The payload of a rule; added ones carry protocol "keepalived" (18) unless the spec names one, as keepalived's do. */
export function encodeRule(spec: RuleSpec, forAdd = false): Buffer[] | string {
  const size = spec.family === 'ipv4' ? 4 : 16;
  const action = FR_ACT[spec.action ?? (spec.table !== undefined ? 'table' : 'nop')] ?? 0;
  const table = spec.table ?? 0;
  const header = Buffer.from([
    familyNumber(spec.family), spec.to !== undefined ? (spec.toPrefixLength ?? size * 8) : 0,
    spec.from !== undefined ? (spec.fromPrefixLength ?? size * 8) : 0, spec.tos ?? 0, table < 256 ? table : 0, 0, 0,
    action, 0, 0, 0, 0,
  ]);
  if (spec.invert === true) u32(FIB_RULE_INVERT).copy(header, 8);
  const parts: Buffer[] = [header];
  for (const [selector, type] of [[spec.from, FRA_SRC], [spec.to, FRA_DST]] as const) {
    if (selector === undefined) continue;
    const bytes = addressBytes(selector);
    if (bytes?.length !== size) return `invalid rule address ${selector}`;
    parts.push(attr(type, bytes));
  }
  if (spec.priority !== undefined) parts.push(u32Attr(FRA_PRIORITY, spec.priority));
  if (spec.table !== undefined) parts.push(u32Attr(FRA_TABLE, spec.table));
  if (spec.fwmark !== undefined) parts.push(u32Attr(FRA_FWMARK, spec.fwmark));
  if (spec.fwmask !== undefined) parts.push(u32Attr(FRA_FWMASK, spec.fwmask));
  if (spec.iif !== undefined) parts.push(stringAttr(FRA_IIFNAME, spec.iif));
  if (spec.oif !== undefined) parts.push(stringAttr(FRA_OIFNAME, spec.oif));
  const more = extras(spec);
  if (typeof more === 'string') return more;
  if (forAdd && spec.attributes?.protocol === undefined) parts.push(u8Attr(FRA_PROTOCOL, RTPROT_KEEPALIVED));
  return [...parts, ...more];
}
