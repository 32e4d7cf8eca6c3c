/**
 * An in-memory AddressManager for one simulated node: addresses land on the node's interfaces
 * (so the LinkMonitor reports them, as netlink would), routes and rules in tables, VMACs become
 * interfaces. Every operation is logged with the virtual time for the tests to read. It is the
 * node's RoutingMonitor too: every route or rule leaving a table is reported, as the kernel
 * reports its own deletions and anyone else's.
 */
import { formatMac, virtualRouterMac } from '../../protocol/index.js';
import type { AddressManager, AddressSpec, ItemResult, RouteSpec, RuleSpec, VmacSpec } from '../../ports/addresses.js';
import type { Clock } from '../../ports/clock.js';
import type { RemovedRoute, RemovedRule, RoutingEvent, RoutingMonitor } from '../../ports/routing.js';
import { canonicalAddressText } from '../../protocol/index.js';
import type { MemoryLinkMonitor } from './link-table.js';

export interface AddressOp {
  readonly atMs: number;
  readonly op: 'add' | 'remove';
  readonly kind: 'address' | 'route' | 'rule' | 'vmac';
  readonly item: string;
}

function routeKey(route: RouteSpec): string {
  return JSON.stringify(route);
}

function canonical(text: string | undefined): string | undefined {
  return text === undefined ? undefined : canonicalAddressText(text);
}

export class MemoryAddressManager implements AddressManager, RoutingMonitor {
  readonly log: AddressOp[] = [];
  readonly routes = new Map<string, RouteSpec>();
  readonly rules = new Map<string, RuleSpec>();
  readonly #routingListeners = new Set<(event: RoutingEvent) => void>();

  constructor(private readonly clock: Clock, private readonly links: MemoryLinkMonitor) {}

  /** Addresses currently on `interfaceName`, as text. */
  addressesOn(interfaceName: string): string[] {
    return this.links.link(interfaceName)?.addresses.map((a) => a.address) ?? [];
  }

  async addAddresses(items: readonly AddressSpec[]): Promise<readonly ItemResult[]> {
    return items.map((spec) => {
      this.#record('add', 'address', `${spec.address}/${spec.prefixLength} dev ${spec.interfaceName}`);
      const done = this.links.addAddress(spec.interfaceName, { family: spec.family, address: spec.address, prefixLength: spec.prefixLength });
      return done ? undefined : `no interface ${spec.interfaceName}`;
    });
  }

  async removeAddresses(items: readonly AddressSpec[]): Promise<readonly ItemResult[]> {
    return items.map((spec) => {
      this.#record('remove', 'address', `${spec.address}/${spec.prefixLength} dev ${spec.interfaceName}`);
      // ESRCH counts as done.
      this.links.removeAddress(spec.interfaceName, spec.address);
      return undefined;
    });
  }

  async addRoutes(items: readonly RouteSpec[]): Promise<readonly ItemResult[]> {
    return items.map((route) => {
      this.#record('add', 'route', routeKey(route));
      this.routes.set(routeKey(route), route);
      return undefined;
    });
  }

  async removeRoutes(items: readonly RouteSpec[]): Promise<readonly ItemResult[]> {
    return items.map((route) => {
      this.#record('remove', 'route', routeKey(route));
      if (this.routes.delete(routeKey(route))) this.#routeGone(route);
      return undefined;
    });
  }

  async addRules(items: readonly RuleSpec[]): Promise<readonly ItemResult[]> {
    return items.map((rule) => {
      this.#record('add', 'rule', JSON.stringify(rule));
      this.rules.set(JSON.stringify(rule), rule);
      return undefined;
    });
  }

  async removeRules(items: readonly RuleSpec[]): Promise<readonly ItemResult[]> {
    return items.map((rule) => {
      this.#record('remove', 'rule', JSON.stringify(rule));
      if (this.rules.delete(JSON.stringify(rule))) this.#ruleGone(rule);
      return undefined;
    });
  }

  async ensureVmac(spec: VmacSpec): Promise<ItemResult> {
    const base = this.links.link(spec.baseInterface);
    if (base === undefined) return `no interface ${spec.baseInterface}`;
    this.#record('add', 'vmac', spec.name);
    if (this.links.link(spec.name) === undefined) {
      this.links.addLink({
        name: spec.name,
        mac: formatMac(virtualRouterMac(spec.vrid, spec.family)),
        up: true,
        segment: base.segment,
        baseInterface: spec.baseInterface,
      });
    }
    return undefined;
  }

  async removeVmac(name: string): Promise<ItemResult> {
    this.#record('remove', 'vmac', name);
    this.links.removeLink(name);
    return undefined;
  }

  async presentAddresses(items: readonly AddressSpec[]): Promise<readonly AddressSpec[]> {
    return items.filter((spec) => this.links.hasAddress(spec.interfaceName, spec.address));
  }

  subscribe(listener: (event: RoutingEvent) => void): () => void {
    this.#routingListeners.add(listener);
    return () => this.#routingListeners.delete(listener);
  }

  /** Someone else deletes the routes to `destination/prefixLength` (`ip route del`); returns how many. */
  deleteRoutes(destination: string, prefixLength: number): number {
    const gone = [...this.routes].filter(([, route]) => canonical(route.destination) === canonical(destination) && route.prefixLength === prefixLength);
    for (const [key, route] of gone) {
      this.routes.delete(key);
      this.#routeGone(route);
    }
    return gone.length;
  }

  /** Someone else deletes the rules selecting `from` (`ip rule del from …`); returns how many. */
  deleteRulesFrom(from: string, fromPrefixLength: number): number {
    const gone = [...this.rules].filter(([, rule]) => canonical(rule.from) === canonical(from) && rule.fromPrefixLength === fromPrefixLength);
    for (const [key, rule] of gone) {
      this.rules.delete(key);
      this.#ruleGone(rule);
    }
    return gone.length;
  }

  /** The route as the kernel would describe its deletion. */
  #routeGone(route: RouteSpec): void {
    const removed: RemovedRoute = {
      family: route.family,
      destination: route.destination === 'default' ? (route.family === 'ipv4' ? '0.0.0.0' : '::') : canonical(route.destination) ?? route.destination,
      prefixLength: route.prefixLength,
      table: route.table ?? 254,
      ifindex: route.interfaceName === undefined ? undefined : this.links.link(route.interfaceName)?.ifindex,
      gateway: canonical(route.via),
      metric: route.metric,
    };
    this.#emit({ type: 'route-removed', route: removed });
  }

  #ruleGone(rule: RuleSpec): void {
    const removed: RemovedRule = {
      family: rule.family,
      from: canonical(rule.from),
      fromPrefixLength: rule.from === undefined ? 0 : rule.fromPrefixLength ?? (rule.family === 'ipv4' ? 32 : 128),
      to: canonical(rule.to),
      toPrefixLength: rule.to === undefined ? 0 : rule.toPrefixLength ?? (rule.family === 'ipv4' ? 32 : 128),
      priority: rule.priority,
      table: rule.table,
      fwmark: rule.fwmark,
      iif: rule.iif,
      oif: rule.oif,
    };
    this.#emit({ type: 'rule-removed', rule: removed });
  }

  #emit(event: RoutingEvent): void {
    for (const listener of [...this.#routingListeners]) listener(event);
  }

  #record(op: AddressOp['op'], kind: AddressOp['kind'], item: string): void {
    this.log.push({ atMs: this.clock.nowMs(), op, kind, item });
  }
}
