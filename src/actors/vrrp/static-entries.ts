/**
 * static_ipaddress / static_routes / static_rules, as keepalived 2.2.7's VRRP process handles
 * them (vrrp_daemon.c): at start, whatever a previous run may have left is deleted, then every
 * entry is added (routes and rules with protocol "keepalived") before the instances start; a
 * reload deletes the entries no longer configured and adds the configuration's again (an entry
 * already there counts as done); SIGTERM deletes rules, then routes, then addresses — also under
 * --dont-release-vrrp, which only concerns the instances. Failures are per entry and logged.
 * A static address someone else deletes is put back at once ("Restoring deleted static address"),
 * unless it is marked no_track; deleted static routes and rules are not.
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import { parseRoute } from '../../config/values/route.js';
import { parseRule } from '../../config/values/rule.js';
import type { AddressManager, AddressSpec, RouteSpec, RuleSpec } from '../../ports/addresses.js';
import type { Logger } from '../../ports/logger.js';
import { addressSpec, addressTrackKey, trackedAddressRemoved } from './params.js';

/** keepalived's DFLT_INT, for a static address without `dev` and no default_interface. */
const DEFAULT_INTERFACE = 'eth0';

export interface StaticEntries {
  readonly addresses: readonly AddressSpec[];
  readonly routes: readonly RouteSpec[];
  readonly rules: readonly RuleSpec[];
  /** The addresses marked no_track, as addressTrackKey names them: not put back when deleted. */
  readonly untrackedAddresses?: readonly string[];
}

export const NO_STATIC_ENTRIES: StaticEntries = { addresses: [], routes: [], rules: [] };

export function staticEntries(config: KeepalivedConfig, log: Logger): StaticEntries {
  const defaultInterface = config.global.defaultInterface ?? DEFAULT_INTERFACE;
  const routes: RouteSpec[] = [];
  const rules: RuleSpec[] = [];
  for (const route of config.vrrp.staticRoutes) {
    const parsed = parseRoute(route.words);
    if (parsed.ok) routes.push(parsed.spec);
    else log.warn('static route not installed', { route: route.words.join(' '), error: parsed.message });
  }
  for (const rule of config.vrrp.staticRules) {
    const parsed = parseRule(rule.words);
    if (parsed.ok) rules.push(parsed.spec);
    else log.warn('static rule not installed', { rule: rule.words.join(' '), error: parsed.message });
  }
  const untrackedAddresses = config.vrrp.staticAddresses.filter((vip) => !vip.track).map((vip) => addressTrackKey(addressSpec(vip, defaultInterface)));
  return { addresses: config.vrrp.staticAddresses.map((vip) => addressSpec(vip, defaultInterface)), routes, rules, untrackedAddresses };
}

/** keepalived's words for an address it puts back (its address format, then "set"). */
export function restoringLine(spec: AddressSpec): string {
  const label = spec.label === undefined ? '' : ` label ${spec.label}`;
  const lifetime = spec.family === 'ipv6' ? ` preferred_lft ${spec.preferredLifetimeS ?? 'forever'}` : '';
  return `Restoring deleted static address ${spec.address}/${spec.prefixLength} dev ${spec.interfaceName} scope ${spec.scope ?? 'global'}${label}${lifetime} set`;
}

function isEmpty(entries: StaticEntries): boolean {
  return entries.addresses.length + entries.routes.length + entries.rules.length === 0;
}

function without<T>(items: readonly T[], kept: readonly T[]): T[] {
  const keys = new Set(kept.map((item) => JSON.stringify(item)));
  return items.filter((item) => !keys.has(JSON.stringify(item)));
}

export class StaticEntryKeeper {
  #current: StaticEntries = NO_STATIC_ENTRIES;

  constructor(private readonly manager: AddressManager, private readonly log: Logger) {}

  get current(): StaticEntries {
    return this.#current;
  }

  /** Daemon start: delete leftovers of a previous run, then add everything. */
  async start(entries: StaticEntries): Promise<void> {
    this.#current = entries;
    if (isEmpty(entries)) return;
    const m = this.manager;
    // Leftovers: failures here just mean there was nothing to delete.
    await m.removeAddresses(entries.addresses);
    if (entries.routes.length > 0) await m.removeRoutes(entries.routes);
    if (entries.rules.length > 0) await m.removeRules(entries.rules);
    await this.#add(entries);
  }

  /** SIGHUP: delete what is no longer configured, add the configuration again. */
  async reload(entries: StaticEntries): Promise<void> {
    const previous = this.#current;
    this.#current = entries;
    await this.#remove({
      addresses: without(previous.addresses, entries.addresses),
      routes: without(previous.routes, entries.routes),
      rules: without(previous.rules, entries.rules),
    });
    await this.#add(entries);
  }

  /**
   * Someone deleted `address` from `interfaceName`: a static address of ours (not no_track) is
   * added again. Our own removals are no longer in the current entries when the kernel says so.
   */
  async addressRemoved(interfaceName: string, address: string): Promise<void> {
    const ours = trackedAddressRemoved(this.#current.addresses, this.#current.untrackedAddresses ?? [], interfaceName, address);
    if (ours === undefined) return;
    this.log.info(restoringLine(ours));
    this.#logFailures('restore static address', [ours], await this.manager.addAddresses([ours]));
  }

  /** SIGTERM: rules, routes, then addresses. */
  async stop(): Promise<void> {
    const entries = this.#current;
    this.#current = NO_STATIC_ENTRIES;
    await this.#remove(entries);
  }

  async #add(entries: StaticEntries): Promise<void> {
    const m = this.manager;
    if (entries.addresses.length > 0) this.#logFailures('add static address', entries.addresses, await m.addAddresses(entries.addresses));
    if (entries.routes.length > 0) this.#logFailures('add static route', entries.routes, await m.addRoutes(entries.routes));
    if (entries.rules.length > 0) this.#logFailures('add static rule', entries.rules, await m.addRules(entries.rules));
  }

  async #remove(entries: StaticEntries): Promise<void> {
    const m = this.manager;
    if (entries.rules.length > 0) this.#logFailures('remove static rule', entries.rules, await m.removeRules(entries.rules));
    if (entries.routes.length > 0) this.#logFailures('remove static route', entries.routes, await m.removeRoutes(entries.routes));
    if (entries.addresses.length > 0) this.#logFailures('remove static address', entries.addresses, await m.removeAddresses(entries.addresses));
  }

  #logFailures(what: string, items: readonly object[], results: readonly (string | undefined)[]): void {
    results.forEach((failure, i) => {
      if (failure !== undefined) this.log.warn(`cannot ${what}`, { item: JSON.stringify(items[i]), failure });
    });
  }
}
