/**
 * RTM_DELROUTE and RTM_DELRULE payloads decoded into the RoutingMonitor's terms. Both start with a
 * 12-byte header (struct rtmsg / struct fib_rule_hdr) of the same layout up to the table byte.
 */
import type { RemovedRoute, RemovedRule } from '../../../ports/routing.js';
import type { IpFamily } from '../../../ports/vrrp-link.js';
import { attrString, findAttribute, formatAddress, parseAttributes, readU32 } from './codec.js';
import {
  AF_INET, AF_INET6, FRA_DST, FRA_FWMARK, FRA_IIFNAME, FRA_OIFNAME, FRA_PRIORITY, FRA_SRC, FRA_TABLE, RTA_DST, RTA_GATEWAY,
  RTA_OIF, RTA_PRIORITY, RTA_TABLE,
} from './constants.js';

const HEADER_BYTES = 12;

function family(code: number | undefined): IpFamily | undefined {
  return code === AF_INET ? 'ipv4' : code === AF_INET6 ? 'ipv6' : undefined;
}

const u32Of = (data: Buffer | undefined): number | undefined => (data !== undefined && data.length >= 4 ? readU32(data, 0) : undefined);
const addressOf = (data: Buffer | undefined): string | undefined => (data === undefined ? undefined : formatAddress(data));

export function decodeRemovedRoute(payload: Buffer): RemovedRoute | undefined {
  const fam = family(payload[0]);
  if (fam === undefined || payload.length < HEADER_BYTES) return undefined;
  const attrs = parseAttributes(payload, HEADER_BYTES);
  return {
    family: fam,
    destination: addressOf(findAttribute(attrs, RTA_DST)) ?? (fam === 'ipv4' ? '0.0.0.0' : '::'),
    prefixLength: payload[1] as number,
    // RTA_TABLE carries tables above 255; the header byte only the small ones.
    table: u32Of(findAttribute(attrs, RTA_TABLE)) ?? (payload[4] as number),
    ifindex: u32Of(findAttribute(attrs, RTA_OIF)),
    gateway: addressOf(findAttribute(attrs, RTA_GATEWAY)),
    metric: u32Of(findAttribute(attrs, RTA_PRIORITY)),
  };
}

export function decodeRemovedRule(payload: Buffer): RemovedRule | undefined {
  const fam = family(payload[0]);
  if (fam === undefined || payload.length < HEADER_BYTES) return undefined;
  const attrs = parseAttributes(payload, HEADER_BYTES);
  const name = (data: Buffer | undefined): string | undefined => (data === undefined ? undefined : attrString(data));
  const fromPrefixLength = payload[2] as number;
  const toPrefixLength = payload[1] as number;
  return {
    family: fam,
    from: fromPrefixLength === 0 ? undefined : addressOf(findAttribute(attrs, FRA_SRC)),
    fromPrefixLength,
    to: toPrefixLength === 0 ? undefined : addressOf(findAttribute(attrs, FRA_DST)),
    toPrefixLength,
    priority: u32Of(findAttribute(attrs, FRA_PRIORITY)),
    table: u32Of(findAttribute(attrs, FRA_TABLE)) ?? (payload[4] as number),
    fwmark: u32Of(findAttribute(attrs, FRA_FWMARK)),
    iif: name(findAttribute(attrs, FRA_IIFNAME)),
    oif: name(findAttribute(attrs, FRA_OIFNAME)),
  };
}
