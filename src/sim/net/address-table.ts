/**
 * An in-memory AddressManager for one simulated node: addresses land on the node's interfaces
 * (so the LinkMonitor reports them, as netlink would), routes and rules in tables, VMACs become
 * interfaces. Every operation is logged with the virtual time for the tests to read.
 */
import { formatMac, virtualRouterMac } from '../../protocol/index.js';
import type { AddressManager, AddressSpec, ItemResult, RouteSpec, RuleSpec, VmacSpec } from '../../ports/addresses.js';
import type { Clock } from '../../ports/clock.js';
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

export class MemoryAddressManager implements AddressManager {
  readonly log: AddressOp[] = [];
  readonly routes = new Map<string, RouteSpec>();
  readonly rules = new Map<string, RuleSpec>();

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
      this.routes.delete(routeKey(route));
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
      this.rules.delete(JSON.stringify(rule));
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

  #record(op: AddressOp['op'], kind: AddressOp['kind'], item: string): void {
    this.log.push({ atMs: this.clock.nowMs(), op, kind, item });
  }
}
