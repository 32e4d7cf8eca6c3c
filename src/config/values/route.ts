/**
 * keepalived 2.2.7's route syntax (virtual_routes / static_routes), the `ip route add` grammar
 * without abbreviations, turned into the port's RouteSpec. Pure: table, protocol and realm names
 * from /etc/iproute2 are host data, so only numbers and iproute2's built-in names are accepted.
 * Messages follow keepalived's wording so `-t` output reads the same.
 */
import type { NextHop, RouteSpec } from '../../ports/addresses.js';
import type { IpFamily } from '../../ports/vrrp-link.js';
import { maxPrefixLength, parseIpAddress } from './ip.js';
import { readUnsigned } from './number.js';

/**
 * Where a route or rule line was written: keepalived 2.2.7 knows `track_group` only in the
 * static_* blocks, and there never finds the group ("track_group G1 not found"); inside an
 * instance the word is unknown. Without a context (the daemon, re-reading what the
 * configuration kept) the word is passed over.
 */
export type LineContext = 'static' | 'instance';

/** Whether track_group is a keyword where the line stands (noting keepalived's "not found" in `warnings`). */
export function trackGroupKeyword(context: LineContext | undefined, name: string, warnings: string[]): boolean {
  if (context === 'instance') return false;
  if (context === 'static') warnings.push(`track_group ${name} not found`);
  return true;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly spec: T; readonly warnings: readonly string[] }
  | {
    readonly ok: false;
    readonly message: string;
    /** Lines printed before `message`, as keepalived prints them (e.g. the address parse failure). */
    readonly preceding?: readonly string[];
    /**
     * Valid for keepalived but not installable by keepalived-ts yet: a config test must not count it
     * (keepalived accepts it); the daemon logs `message` when it would install it.
     */
    readonly unsupported?: true;
    /** For an unsupported line: what keepalived says of it all the same (see the `or` notice). */
    readonly warnings?: readonly string[];
  };

type RouteType = NonNullable<RouteSpec['type']>;
const ROUTE_TYPES: readonly RouteType[] = [
  'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat',
];

/** iproute2's built-in table names (rt_tables entries beyond these are host data). */
const TABLE_NAMES: Readonly<Record<string, number>> = { unspec: 0, default: 253, main: 254, local: 255 };
/** iproute2's built-in scope names. */
export const SCOPE_NUMBERS: Readonly<Record<string, number>> = {
  global: 0, universe: 0, site: 200, link: 253, host: 254, nowhere: 255,
};
/** iproute2's rt_protos defaults (the file /etc/iproute2/rt_protos may add more). */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  unspec: 0, redirect: 1, kernel: 2, boot: 3, static: 4, gated: 8, ra: 9, mrt: 10, zebra: 11, bird: 12,
  dnrouted: 13, xorp: 14, ntk: 15, dhcp: 16, keepalived: 18, babel: 42, openr: 99, bgp: 186, isis: 187,
  ospf: 188, rip: 189, eigrp: 192,
};
/** Route metrics (RTAX_*) taking a number, optionally preceded by `lock`. */
const NUMERIC_METRICS = new Set([
  'mtu', 'advmss', 'hoplimit', 'window', 'rtt', 'rttvar', 'reordering', 'cwnd', 'ssthresh', 'rto_min',
  'initcwnd', 'initrwnd', 'quickack', 'fastopen_no_cookie',
]);
/** Other keywords taking one word, kept as written for the kernel side to interpret. */
const WORD_ATTRIBUTES = new Set(['realms', 'congctl', 'features', 'pref', 'vrf', 'ttl-propagate']);

const MAX_U32 = 4294967295;

/**
 * C's strtoul with base 0 (decimal, 0x hex, leading-0 octal), whole word, within [0, max]:
 * what iproute2's get_u32 accepts for marks, tables and metrics.
 */
export function parseUnsignedAuto(word: string, max = MAX_U32): number | undefined {
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(word)) value = parseInt(word.slice(2), 16);
  else if (/^0[0-7]+$/.test(word)) value = parseInt(word.slice(1), 8);
  else if (/^[0-9]+$/.test(word)) value = Number(word);
  else return undefined;
  return Number.isSafeInteger(value) && value <= max ? value : undefined;
}

export function familyName(family: IpFamily): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}

export interface ParsedPrefix {
  readonly family: IpFamily | undefined;
  readonly address: string;
  readonly prefixLength: number;
  /** What keepalived says of a length it cannot take (it then uses the family's maximum). */
  readonly warnings: readonly string[];
}

/**
 * ADDR[/LEN], or `default`/`all` (family-less, length 0). A length keepalived cannot read, or one
 * over the family's maximum, becomes that maximum with keepalived's two lines (the number's, then
 * the address's), as for a virtual address; undefined when the text is not an address.
 */
export function parsePrefix(word: string): ParsedPrefix | undefined {
  if (word === 'default' || word === 'all' || word === 'any') return { family: undefined, address: word, prefixLength: 0, warnings: [] };
  const slash = word.indexOf('/');
  const ip = parseIpAddress(slash < 0 ? word : word.slice(0, slash));
  if (ip === undefined) return undefined;
  const family: IpFamily = ip.family === 4 ? 'ipv4' : 'ipv6';
  const max = maxPrefixLength(ip.family);
  // A trailing slash names no length, as in a virtual address.
  if (slash < 0 || slash === word.length - 1) return { family, address: ip.text, prefixLength: max, warnings: [] };
  const lengthText = word.slice(slash + 1);
  const warnings: string[] = [];
  const length = readUnsigned(lengthText, 0, max, (_class, message) => warnings.push(message));
  if (length === undefined) {
    warnings.push(`Invalid address prefix len ${lengthText} for address ${word} - using ${max}`);
    return { family, address: ip.text, prefixLength: max, warnings };
  }
  return { family, address: ip.text, prefixLength: length, warnings };
}

/** A routing table: a number or a built-in name; undefined when neither. */
export function parseTable(word: string): number | undefined {
  return TABLE_NAMES[word] ?? parseUnsignedAuto(word);
}

/** Cursor over a line's words that words the "missing parameter" message like keepalived. */
export class Words {
  index = 0;
  constructor(readonly words: readonly string[]) {}
  get done(): boolean {
    return this.index >= this.words.length;
  }
  next(): string {
    return this.words[this.index++] as string;
  }
  /** The parameter after keyword `keyword` (already consumed), or undefined at the end of the line. */
  parameter(): string | undefined {
    return this.index < this.words.length ? this.next() : undefined;
  }
  missing(keyword: string): string {
    const first = this.words[0] ?? '';
    return `Configuration line starting \`${first}\` is missing a parameter after keyword \`${keyword}\` at word position ${this.index}`;
  }
}

/** Tracks the family the line's addresses and keywords imply, and reports the first mix. */
export class FamilyGuard {
  family: IpFamily | undefined;
  mixed = false;
  note(family: IpFamily | undefined): void {
    if (family === undefined) return;
    if (this.family !== undefined && this.family !== family) this.mixed = true;
    else this.family = family;
  }
}

interface Draft {
  type?: RouteType;
  destination?: ParsedPrefix;
  /** The destination as written ("default", "10.0.0.0/8"…), for keepalived's messages. */
  destinationWord?: string;
  /** `no_track`: keepalived does not follow this route. */
  noTrack?: boolean;
  via?: string;
  interfaceName?: string;
  source?: string;
  table?: number;
  metric?: number;
  scope?: string;
  protocol?: number;
  onlink?: boolean;
  nexthops?: NextHop[];
  attributes: Record<string, number | string>;
}

/** keepalived follows a route through its own interface: without one it says so, in the words written. */
function untrackedRoute(destinationWord: string | undefined): string {
  return `Warning - cannot track route ${destinationWord ?? ''} with no interface specified, not tracking`;
}

/**
 * Parses one virtual_routes/static_routes line. Keepalived-only words (no_track, track_group) are
 * accepted and left to the config layer. Multipath next hops (`nexthop`) come last; those with
 * other words than via/gw, dev, weight and onlink, and the deprecated `or`, are accepted but not
 * installable yet.
 */
export function parseRoute(words: readonly string[], context?: LineContext): ParseResult<RouteSpec> {
  const w = new Words(words);
  const guard = new FamilyGuard();
  const warnings: string[] = [];
  const draft: Draft = { attributes: {} };
  const address = (word: string): string | undefined => {
    const ip = parseIpAddress(word);
    if (ip === undefined) return undefined;
    guard.note(ip.family === 4 ? 'ipv4' : 'ipv6');
    return ip.text;
  };
  // keepalived reads any other word as the destination (a later one replaces an earlier one); one
  // that is no address is reported twice, as an address and as a keyword.
  let invalidDestination: string | undefined;
  const setDestination = (word: string): string | undefined => {
    const prefix = parsePrefix(word);
    if (prefix === undefined) {
      invalidDestination = word;
      return `unknown route keyword ${word}`;
    }
    warnings.push(...prefix.warnings);
    guard.note(prefix.family);
    draft.destination = prefix;
    draft.destinationWord = word;
    return undefined;
  };

  while (!w.done) {
    const keyword = w.next();
    if (keyword === 'nexthop' || keyword === 'or') {
      // The next hops come last: whether the route has an interface of its own is known by now.
      // `or ADDR` (deprecated) makes the route's own `via` a first path: not installed yet.
      const nexthops = keyword === 'or' ? '"or" paths are not supported' : draft.via !== undefined ? 'a gateway before the next hops' : parseNextHops(w, address);
      if (typeof nexthops === 'string') {
        const tracked = draft.interfaceName === undefined && !words.includes('no_track') ? [untrackedRoute(draft.destinationWord)] : [];
        return { ok: false, message: `multipath route not installed by keepalived-ts: ${nexthops}`, unsupported: true, warnings: tracked };
      }
      draft.nexthops = nexthops;
      break;
    }
    if (keyword === 'gw') warnings.push('"gw" for routes is deprecated. Please use "via"');
    const error = routeKeyword(keyword, w, draft, address, setDestination, guard, (name) => trackGroupKeyword(context, name, warnings));
    if (error !== undefined) {
      const preceding = invalidDestination === undefined ? [] : [`VRRP parsed invalid IP ${invalidDestination}. skipping IP...`];
      return { ok: false, message: error, preceding };
    }
  }
  if (guard.mixed) return { ok: false, message: 'Cannot mix IPv4 and IPv6 addresses for route' };
  if (draft.destination === undefined) return { ok: false, message: 'Route must have a destination' };
  const family = guard.family ?? 'ipv4';
  if (draft.attributes.expires !== undefined && family !== 'ipv6') return { ok: false, message: 'expires is only valid for IPv6' };
  if (draft.interfaceName === undefined && draft.noTrack !== true) warnings.push(untrackedRoute(draft.destinationWord));
  const spec: RouteSpec = {
    family,
    destination: draft.destination.address === 'all' || draft.destination.address === 'any' ? 'default' : draft.destination.address,
    prefixLength: draft.destination.prefixLength,
    ...(draft.type !== undefined && { type: draft.type }),
    ...(draft.via !== undefined && { via: draft.via }),
    ...(draft.interfaceName !== undefined && { interfaceName: draft.interfaceName }),
    ...(draft.source !== undefined && { source: draft.source }),
    ...(draft.table !== undefined && { table: draft.table }),
    ...(draft.metric !== undefined && { metric: draft.metric }),
    ...(draft.scope !== undefined && { scope: draft.scope }),
    ...(draft.protocol !== undefined && { protocol: draft.protocol }),
    ...(draft.onlink === true && { onlink: true }),
    ...(Object.keys(draft.attributes).length > 0 && { attributes: draft.attributes }),
    ...(draft.nexthops !== undefined && { nexthops: draft.nexthops }),
  };
  return { ok: true, spec, warnings };
}

/**
 * The rest of the line after the first `nexthop`: one path per keyword, each with via/gw,
 * dev, weight and onlink. Returns what stops it (a word keepalived-ts does not install, or a
 * value that does not read), for the line to be kept but not installed.
 */
function parseNextHops(w: Words, address: (word: string) => string | undefined): NextHop[] | string {
  const hops: { via?: string; interfaceName?: string; weight?: number; onlink?: boolean }[] = [{}];
  while (!w.done) {
    const keyword = w.next();
    const hop = hops[hops.length - 1] as (typeof hops)[number];
    if (keyword === 'nexthop') {
      hops.push({});
      continue;
    }
    if (keyword === 'onlink') {
      hop.onlink = true;
      continue;
    }
    if (keyword === 'no_track') continue;
    const value = w.parameter();
    if (value === undefined) return `${keyword} needs a value`;
    if (keyword === 'via' || keyword === 'gw') {
      const via = address(value);
      if (via === undefined) return `invalid next hop gateway ${value}`;
      hop.via = via;
    } else if (keyword === 'dev') {
      hop.interfaceName = value;
    } else if (keyword === 'weight') {
      const weight = parseUnsignedAuto(value, 256);
      if (weight === undefined || weight < 1 || weight > 256) return `invalid next hop weight ${value}`;
      hop.weight = weight;
    } else {
      return `next hop ${keyword} is not supported`;
    }
  }
  if (hops.some((hop) => hop.via === undefined && hop.interfaceName === undefined)) return 'a next hop needs via or dev';
  return hops;
}

/** Handles one keyword (or a bare destination); returns an error message or undefined. */
function routeKeyword(
  keyword: string,
  w: Words,
  draft: Draft,
  address: (word: string) => string | undefined,
  setDestination: (word: string) => string | undefined,
  guard: FamilyGuard,
  trackGroup: (name: string) => boolean,
): string | undefined {
  if (keyword === 'inet' || keyword === 'inet6') {
    guard.note(keyword === 'inet' ? 'ipv4' : 'ipv6');
    return undefined;
  }
  if (keyword === 'onlink') {
    draft.onlink = true;
    return undefined;
  }
  if (keyword === 'no_track' || keyword === 'add' || keyword === 'append' || keyword === 'prepend') {
    if (keyword === 'no_track') draft.noTrack = true;
    else draft.attributes.mode = keyword;
    return undefined;
  }
  if ((ROUTE_TYPES as readonly string[]).includes(keyword) && draft.destination === undefined) {
    draft.type = keyword as RouteType;
    return undefined;
  }
  const takesParameter =
    ['to', 'via', 'gw', 'src', 'dev', 'oif', 'table', 'metric', 'priority', 'preference', 'scope', 'protocol', 'tos',
      'dsfield', 'track_group', 'expires'].includes(keyword) || NUMERIC_METRICS.has(keyword) || WORD_ATTRIBUTES.has(keyword);
  if (!takesParameter) return setDestination(keyword);
  let value = w.parameter();
  if (value === undefined) return w.missing(keyword);
  switch (keyword) {
    case 'to':
      return setDestination(value);
    case 'via':
    case 'gw': {
      if (value === 'inet' || value === 'inet6') {
        guard.note(value === 'inet' ? 'ipv4' : 'ipv6');
        value = w.parameter();
        if (value === undefined) return w.missing(keyword);
      }
      const via = address(value);
      if (via === undefined) return `Invalid gateway address ${value} for route`;
      draft.via = via;
      return undefined;
    }
    case 'src': {
      const source = address(value);
      if (source === undefined) return `Invalid source address ${value} for route`;
      draft.source = source;
      return undefined;
    }
    case 'dev':
    case 'oif':
      draft.interfaceName = value;
      return undefined;
    case 'table': {
      const table = parseTable(value);
      if (table === undefined) return `Routing table ${value} not found for route`;
      draft.table = table;
      return undefined;
    }
    case 'metric':
    case 'priority':
    case 'preference': {
      const metric = parseUnsignedAuto(value);
      if (metric === undefined) return `Invalid metric ${value} specified for route`;
      draft.metric = metric;
      return undefined;
    }
    case 'scope': {
      const number = SCOPE_NUMBERS[value] ?? parseUnsignedAuto(value, 255);
      if (number === undefined) return `Scope ${value} not found or invalid for route`;
      draft.scope = SCOPE_NUMBERS[value] !== undefined ? value : String(number);
      return undefined;
    }
    case 'protocol': {
      const protocol = PROTOCOL_NUMBERS[value] ?? parseUnsignedAuto(value, 255);
      if (protocol === undefined) return `Protocol ${value} not found or invalid for route`;
      draft.protocol = protocol;
      return undefined;
    }
    case 'tos':
    case 'dsfield': {
      const tos = parseUnsignedAuto(value, 255);
      if (tos === undefined) return `Invalid TOS ${value} for route`;
      draft.attributes.tos = tos;
      return undefined;
    }
    case 'track_group':
      // Not a keyword inside an instance: keepalived reads it as the destination, and fails.
      return trackGroup(value) ? undefined : setDestination(keyword);
    case 'expires': {
      const expires = parseUnsignedAuto(value);
      if (expires === undefined) return `Invalid expires ${value} for route`;
      draft.attributes.expires = expires;
      return undefined;
    }
    default:
      return routeAttribute(keyword, value, w, draft);
  }
}

function routeAttribute(keyword: string, value: string, w: Words, draft: Draft): string | undefined {
  if (WORD_ATTRIBUTES.has(keyword)) {
    draft.attributes[keyword] = value;
    return undefined;
  }
  let number = value;
  if (value === 'lock') {
    const locked = w.parameter();
    if (locked === undefined) return w.missing(value);
    number = locked;
    draft.attributes[`${keyword}_lock`] = 1;
  }
  const parsed = parseUnsignedAuto(number);
  if (parsed === undefined) return `Invalid ${keyword} ${number} for route`;
  draft.attributes[keyword] = parsed;
  return undefined;
}
