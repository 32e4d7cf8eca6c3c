/**
 * Routes and rules someone deleted from the kernel. keepalived follows the virtual routes and
 * rules a Master installed: when one is deleted behind its back it gives mastership up and takes
 * it back (putting them back), as for a deleted VIP. The real host reads RTM_DELROUTE and
 * RTM_DELRULE over rtnetlink; the simulator reports deletions from its tables.
 */
import type { IpFamily } from './vrrp-link.js';

/** A deleted route as the kernel describes it: addresses in canonical text, the interface by index. */
export interface RemovedRoute {
  readonly family: IpFamily;
  /** Destination ('0.0.0.0' or '::' for a default route). */
  readonly destination: string;
  readonly prefixLength: number;
  readonly table: number;
  readonly ifindex?: number | undefined;
  readonly gateway?: string | undefined;
  readonly metric?: number | undefined;
}

/** A deleted policy rule as the kernel describes it (interfaces by name, as rules carry them). */
export interface RemovedRule {
  readonly family: IpFamily;
  readonly from?: string | undefined;
  readonly fromPrefixLength: number;
  readonly to?: string | undefined;
  readonly toPrefixLength: number;
  readonly priority?: number | undefined;
  readonly table?: number | undefined;
  readonly fwmark?: number | undefined;
  readonly iif?: string | undefined;
  readonly oif?: string | undefined;
}

export type RoutingEvent =
  | { readonly type: 'route-removed'; readonly route: RemovedRoute }
  | { readonly type: 'rule-removed'; readonly rule: RemovedRule };

export interface RoutingMonitor {
  /** Calls `listener` for every deletion until the returned function is called. */
  subscribe(listener: (event: RoutingEvent) => void): () => void;
}
