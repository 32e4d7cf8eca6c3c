/**
 * What an instance installed in the kernel while Master (VIPs, excluded addresses, virtual routes
 * and rules), and the queue that adds and removes them: operations run one after another in the
 * order the machine asked for them, and failures of single items are logged, never thrown.
 */
import type { AddressManager, AddressSpec } from '../../ports/addresses.js';
import type { Logger } from '../../ports/logger.js';
import type { InstanceSettings } from './params.js';
import { NO_ROUTES, virtualRoutesAndRules } from './routes.js';
import type { RoutesAndRules } from './routes.js';

function addressKey(spec: AddressSpec): string {
  return `${spec.interfaceName}/${spec.address}/${spec.prefixLength}`;
}

function diffByValue<T>(before: readonly T[], after: readonly T[], key: (item: T) => string = (item) => JSON.stringify(item)) {
  const had = new Set(before.map(key));
  const keep = new Set(after.map(key));
  return { added: after.filter((item) => !had.has(key(item))), removed: before.filter((item) => !keep.has(key(item))) };
}

function wanted(settings: InstanceSettings): readonly AddressSpec[] {
  return [...settings.vips, ...settings.excluded];
}

export class AddressKeeper {
  readonly #manager: AddressManager;
  readonly #log: Logger;
  readonly #onBug: (error: unknown) => void;
  #addresses: readonly AddressSpec[] = [];
  #routes: RoutesAndRules = NO_ROUTES;
  #installed = false;
  #work: Promise<void> = Promise.resolve();

  constructor(manager: AddressManager, log: Logger, onBug: (error: unknown) => void) {
    this.#manager = manager;
    this.#log = log;
    this.#onBug = onBug;
  }

  get installed(): boolean {
    return this.#installed;
  }

  get addresses(): readonly AddressSpec[] {
    return this.#addresses;
  }

  /** The virtual routes and rules installed now (none unless installed). */
  get routesAndRules(): RoutesAndRules {
    return this.#routes;
  }

  install(settings: InstanceSettings): void {
    const addresses = wanted(settings);
    const routesAndRules = virtualRoutesAndRules(settings, this.#log);
    const { routes, rules } = routesAndRules;
    this.#addresses = addresses;
    this.#routes = routesAndRules;
    this.#installed = true;
    const m = this.#manager;
    this.queue(async () => {
      this.#logFailures('add address', addresses, await m.addAddresses(addresses));
      if (routes.length > 0) this.#logFailures('add route', routes, await m.addRoutes(routes));
      if (rules.length > 0) this.#logFailures('add rule', rules, await m.addRules(rules));
    });
  }

  release(): void {
    const addresses = this.#addresses;
    const { routes, rules } = this.#routes;
    this.#addresses = [];
    this.#routes = NO_ROUTES;
    this.#installed = false;
    const m = this.#manager;
    // Rules and routes first: they may depend on the addresses.
    this.queue(async () => {
      if (rules.length > 0) this.#logFailures('remove rule', rules, await m.removeRules(rules));
      if (routes.length > 0) this.#logFailures('remove route', routes, await m.removeRoutes(routes));
      this.#logFailures('remove address', addresses, await m.removeAddresses(addresses));
    });
  }

  /** Reload while installed: add what is new, remove what was dropped, leave the rest alone. */
  adapt(settings: InstanceSettings): void {
    if (!this.#installed) return;
    const next = wanted(settings);
    const addresses = diffByValue(this.#addresses, next, addressKey);
    const nextRoutes = virtualRoutesAndRules(settings, this.#log);
    const routes = diffByValue(this.#routes.routes, nextRoutes.routes);
    const rules = diffByValue(this.#routes.rules, nextRoutes.rules);
    this.#addresses = next;
    this.#routes = nextRoutes;
    const m = this.#manager;
    this.queue(async () => {
      if (rules.removed.length > 0) this.#logFailures('remove rule', rules.removed, await m.removeRules(rules.removed));
      if (routes.removed.length > 0) this.#logFailures('remove route', routes.removed, await m.removeRoutes(routes.removed));
      if (addresses.removed.length > 0) this.#logFailures('remove address', addresses.removed, await m.removeAddresses(addresses.removed));
      if (addresses.added.length > 0) this.#logFailures('add address', addresses.added, await m.addAddresses(addresses.added));
      if (routes.added.length > 0) this.#logFailures('add route', routes.added, await m.addRoutes(routes.added));
      if (rules.added.length > 0) this.#logFailures('add rule', rules.added, await m.addRules(rules.added));
    });
  }

  /** Runs `op` after everything queued before it; a rejection is a bug in a port. */
  queue(op: () => Promise<void>): void {
    this.#work = this.#work.then(op).catch((error: unknown) => this.#onBug(error));
  }

  async settled(): Promise<void> {
    await this.#work;
  }

  #logFailures(what: string, items: readonly object[], results: readonly (string | undefined)[]): void {
    results.forEach((failure, i) => {
      if (failure !== undefined) this.#log.warn(`cannot ${what}`, { item: JSON.stringify(items[i]), failure });
    });
  }
}
