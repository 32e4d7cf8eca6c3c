/** RTM_NEWROUTE / RTM_DELROUTE payloads (rtmsg + RTA_* attributes) from a RouteSpec. */
import type { RouteSpec } from '../../../ports/addresses.js';
import { addressBytes, attr, nestedAttr, stringAttr, u16, u32, u32Attr } from './codec.js';
import {
  RT_SCOPE_HOST, RT_SCOPE_LINK, RT_SCOPE_NOWHERE, RT_SCOPE_UNIVERSE, RT_TABLE_MAIN, RTA_DST, RTA_EXPIRES, RTA_FLOW,
  RTA_GATEWAY, RTA_METRICS, RTA_OIF, RTA_PREF, RTA_PREFSRC, RTA_PRIORITY, RTA_TABLE, RTAX, RTAX_LOCK, RTN, RTNH_F_ONLINK,
  RTPROT_KEEPALIVED, RTA_MULTIPATH,
} from './constants.js';
import { familyNumber, scopeNumber } from './address-messages.js';

/** RA router preference values of RTA_PREF (ICMPV6_ROUTER_PREF_*). */
const ROUTER_PREF: Readonly<Record<string, number>> = { low: 3, medium: 0, high: 1 };
/** RTAX_FEATURES bits by name. */
const FEATURES: Readonly<Record<string, number>> = { ecn: 1 };

/** The kernel's default scope for a new route, as iproute2 picks it. */
function defaultScope(spec: RouteSpec): number {
  const type = spec.type ?? 'unicast';
  if (type === 'local' || type === 'nat') return RT_SCOPE_HOST;
  if (type === 'broadcast' || type === 'multicast' || type === 'anycast') return RT_SCOPE_LINK;
  // keepalived leaves a unicast route without `via` at scope universe (not `ip route`'s link).
  return RT_SCOPE_UNIVERSE;
}

/** `realms FROM/TO` or `realms TO` as RTA_FLOW (numbers only: realm names are host data). */
function realms(text: string): number | undefined {
  const m = /^(?:([0-9]+)\/)?([0-9]+)$/.exec(text);
  if (m === null) return undefined;
  const from = Number(m[1] ?? 0);
  const to = Number(m[2]);
  return from > 0xffff || to > 0xffff ? undefined : ((from << 16) | to) >>> 0;
}

function metrics(spec: RouteSpec): Buffer | string | undefined {
  const children: Buffer[] = [];
  let lock = 0;
  for (const [name, value] of Object.entries(spec.attributes ?? {})) {
    const rtax = RTAX[name];
    if (rtax === undefined) continue;
    if (name === 'congctl') children.push(stringAttr(rtax, String(value)));
    else if (name === 'features') {
      const bits = FEATURES[String(value)];
      if (bits === undefined) return `unknown route feature ${value}`;
      children.push(u32Attr(rtax, bits));
    } else children.push(u32Attr(rtax, Number(value)));
    if (spec.attributes?.[`${name}_lock`] !== undefined) lock |= 1 << rtax;
  }
  if (lock !== 0) children.unshift(u32Attr(RTAX_LOCK, lock));
  return children.length === 0 ? undefined : nestedAttr(RTA_METRICS, children);
}

/**
 * RTA_MULTIPATH: one struct rtnexthop per path (length, flags, hops = weight − 1, ifindex), each
 * followed by its own RTA_GATEWAY.
 */
function multipath(spec: RouteSpec, hopIfindexes: readonly (number | undefined)[]): Buffer | string {
  const size = spec.family === 'ipv4' ? 4 : 16;
  const hops: Buffer[] = [];
  for (const [i, hop] of (spec.nexthops ?? []).entries()) {
    const attrs: Buffer[] = [];
    if (hop.via !== undefined) {
      const gateway = addressBytes(hop.via);
      if (gateway?.length !== size) return `invalid next hop gateway ${hop.via}`;
      attrs.push(attr(RTA_GATEWAY, gateway));
    }
    const body = Buffer.concat(attrs);
    // Host byte order, as every netlink field.
    const header = Buffer.concat([u16(8 + body.length), Buffer.from([hop.onlink === true ? RTNH_F_ONLINK : 0, (hop.weight ?? 1) - 1]), u32(hopIfindexes[i] ?? 0)]);
    hops.push(header, body);
  }
  return attr(RTA_MULTIPATH, Buffer.concat(hops));
}

/**
 * The payload for adding (`forAdd`) or deleting a route; `ifindex` is the resolved `dev`, and
 * `hopIfindexes` each next hop's. A delete leaves scope, protocol and type as wildcards (as
 * `ip route del`) unless the spec names them.
 */
export function encodeRoute(spec: RouteSpec, ifindex: number | undefined, forAdd: boolean, hopIfindexes: readonly (number | undefined)[] = []): Buffer[] | string {
  const size = spec.family === 'ipv4' ? 4 : 16;
  const table = spec.table ?? RT_TABLE_MAIN;
  const type = spec.type === undefined ? (forAdd ? RTN.unicast : 0) : RTN[spec.type];
  const scope = spec.scope !== undefined ? scopeNumber(spec.scope, 0) : forAdd ? defaultScope(spec) : RT_SCOPE_NOWHERE;
  if (scope === undefined) return `invalid scope ${spec.scope}`;
  const tos = Number(spec.attributes?.tos ?? 0);
  const header = Buffer.from([
    familyNumber(spec.family), spec.prefixLength, 0, tos, table < 256 ? table : 0,
    spec.protocol ?? (forAdd ? RTPROT_KEEPALIVED : 0), scope, type ?? 0, 0, 0, 0, 0,
  ]);
  if (spec.onlink === true) header[8] = RTNH_F_ONLINK;
  const parts = [header, u32Attr(RTA_TABLE, table)];
  if (spec.destination !== 'default' && spec.prefixLength > 0) {
    const dst = addressBytes(spec.destination);
    if (dst?.length !== size) return `invalid destination ${spec.destination}`;
    parts.push(attr(RTA_DST, dst));
  }
  if (spec.via !== undefined) {
    const gateway = addressBytes(spec.via);
    if (gateway?.length !== size) return `invalid gateway ${spec.via}`;
    parts.push(attr(RTA_GATEWAY, gateway));
  }
  if (ifindex !== undefined) parts.push(u32Attr(RTA_OIF, ifindex));
  if (spec.source !== undefined) {
    const source = addressBytes(spec.source);
    if (source?.length !== size) return `invalid source ${spec.source}`;
    parts.push(attr(RTA_PREFSRC, source));
  }
  if (spec.metric !== undefined) parts.push(u32Attr(RTA_PRIORITY, spec.metric));
  if (spec.nexthops !== undefined && spec.nexthops.length > 0) {
    const paths = multipath(spec, hopIfindexes);
    if (typeof paths === 'string') return paths;
    parts.push(paths);
  }
  if (!forAdd) return parts;
  const metricsAttr = metrics(spec);
  if (typeof metricsAttr === 'string') return metricsAttr;
  if (metricsAttr !== undefined) parts.push(metricsAttr);
  const realmsText = spec.attributes?.realms;
  if (realmsText !== undefined) {
    const flow = realms(String(realmsText));
    if (flow === undefined) return `invalid realms ${realmsText} (names need /etc/iproute2/rt_realms)`;
    parts.push(u32Attr(RTA_FLOW, flow));
  }
  const pref = spec.attributes?.pref;
  if (pref !== undefined) {
    const value = ROUTER_PREF[String(pref)];
    if (value === undefined) return `invalid route pref ${pref}`;
    parts.push(attr(RTA_PREF, Buffer.from([value])));
  }
  const expires = spec.attributes?.expires;
  if (expires !== undefined) parts.push(u32Attr(RTA_EXPIRES, Number(expires)));
  if (spec.attributes?.vrf !== undefined) return 'vrf routes are not supported by keepalived-ts yet';
  return parts;
}
