/**
 * What keepalived adds to and removes from the kernel: virtual and static addresses, routes and
 * rules, and VMAC (macvlan) interfaces. The real host does it over rtnetlink; the simulator keeps
 * a table per node. Every operation reports per item so one failure never hides the others.
 */
import type { IpFamily } from './vrrp-link.js';

export interface AddressSpec {
  readonly family: IpFamily;
  readonly address: string;
  readonly prefixLength: number;
  readonly interfaceName: string;
  readonly broadcast?: string | undefined;
  /** host | link | site | global | nowhere, or a number. */
  readonly scope?: string | undefined;
  readonly label?: string | undefined;
  readonly peer?: string | undefined;
  readonly preferredLifetimeS?: number | undefined;
  readonly noDad?: boolean | undefined;
  readonly noPrefixRoute?: boolean | undefined;
  readonly home?: boolean | undefined;
}

/** One path of a multipath route (`nexthop via ADDR dev IF weight N onlink`). */
export interface NextHop {
  readonly via?: string | undefined;
  readonly interfaceName?: string | undefined;
  /** 1…256 (the kernel keeps weight − 1). */
  readonly weight?: number | undefined;
  readonly onlink?: boolean | undefined;
}

/** A route as `ip route` understands it (parsed from keepalived's virtual_routes/static_routes). */
export interface RouteSpec {
  readonly family: IpFamily;
  /** Destination prefix, or 'default'. */
  readonly destination: string;
  readonly prefixLength: number;
  readonly type?: 'unicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'local' | 'broadcast' | 'anycast' | 'multicast' | 'throw' | 'nat';
  readonly via?: string | undefined;
  readonly interfaceName?: string | undefined;
  readonly source?: string | undefined;
  readonly table?: number | undefined;
  readonly metric?: number | undefined;
  readonly scope?: string | undefined;
  readonly protocol?: number | undefined;
  readonly onlink?: boolean | undefined;
  /** Further attributes (mtu, advmss, realms…) by name, as parsed. */
  readonly attributes?: Readonly<Record<string, number | string>> | undefined;
  /** A multipath route's paths (then `via` and the route's own `dev` are usually absent). */
  readonly nexthops?: readonly NextHop[] | undefined;
}

/** A policy routing rule as `ip rule` understands it. */
export interface RuleSpec {
  readonly family: IpFamily;
  readonly from?: string | undefined;
  readonly fromPrefixLength?: number | undefined;
  readonly to?: string | undefined;
  readonly toPrefixLength?: number | undefined;
  readonly priority?: number | undefined;
  readonly table?: number | undefined;
  readonly action?: 'table' | 'goto' | 'blackhole' | 'unreachable' | 'prohibit' | 'nop' | undefined;
  readonly fwmark?: number | undefined;
  readonly fwmask?: number | undefined;
  readonly tos?: number | undefined;
  readonly iif?: string | undefined;
  readonly oif?: string | undefined;
  readonly invert?: boolean | undefined;
  readonly attributes?: Readonly<Record<string, number | string>> | undefined;
}

export interface VmacSpec {
  /** Name of the macvlan interface (keepalived: vrrp.VRID or as configured). */
  readonly name: string;
  readonly baseInterface: string;
  readonly vrid: number;
  readonly family: IpFamily;
}

/** Outcome of one item: undefined when done, or why not (EEXIST on add / ESRCH on delete count as done). */
export type ItemResult = string | undefined;

export interface AddressManager {
  addAddresses(items: readonly AddressSpec[]): Promise<readonly ItemResult[]>;
  removeAddresses(items: readonly AddressSpec[]): Promise<readonly ItemResult[]>;
  addRoutes(items: readonly RouteSpec[]): Promise<readonly ItemResult[]>;
  removeRoutes(items: readonly RouteSpec[]): Promise<readonly ItemResult[]>;
  addRules(items: readonly RuleSpec[]): Promise<readonly ItemResult[]>;
  removeRules(items: readonly RuleSpec[]): Promise<readonly ItemResult[]>;
  /** Creates (or adopts) the VMAC interface with MAC 00:00:5e:00:01|02:VRID and brings it up. */
  ensureVmac(spec: VmacSpec): Promise<ItemResult>;
  removeVmac(name: string): Promise<ItemResult>;
  /** The addresses of `items` present on their interfaces now (for cleaning up after a crash). */
  presentAddresses(items: readonly AddressSpec[]): Promise<readonly AddressSpec[]>;
}
