/**
 * An in-memory LinkMonitor: interfaces of one simulated node, changed by hand (link up/down,
 * addresses) or by the node's AddressManager. Listeners hear changes synchronously, in order.
 */
import type { InterfaceAddress, LinkEvent, LinkMonitor, LinkState } from '../../ports/links.js';

export interface InterfaceInit {
  readonly name: string;
  readonly mac: string;
  readonly addresses?: readonly InterfaceAddress[];
  readonly up?: boolean;
  /** The L2 segment this interface is plugged into (default 'lan'). */
  readonly segment?: string;
  /** For VMAC (macvlan) interfaces: the interface they sit on. */
  readonly baseInterface?: string;
}

export interface SimInterface extends LinkState {
  readonly segment: string;
  readonly baseInterface: string | undefined;
}

export class MemoryLinkMonitor implements LinkMonitor {
  readonly #links = new Map<string, SimInterface>();
  readonly #listeners: ((event: LinkEvent) => void)[] = [];
  #lastIfindex = 0;

  constructor(interfaces: readonly InterfaceInit[] = []) {
    for (const init of interfaces) this.#links.set(init.name, this.#make(init));
  }

  link(name: string): SimInterface | undefined {
    return this.#links.get(name);
  }

  links(): readonly SimInterface[] {
    return [...this.#links.values()];
  }

  subscribe(listener: (event: LinkEvent) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  addLink(init: InterfaceInit): SimInterface {
    const link = this.#make(init);
    this.#links.set(init.name, link);
    this.#emit({ type: 'link', link });
    return link;
  }

  removeLink(name: string): void {
    const link = this.#links.get(name);
    if (link === undefined) return;
    // The kernel takes a macvlan (VMAC) down with the interface it sits on.
    for (const upper of [...this.#links.values()]) if (upper.baseInterface === name) this.removeLink(upper.name);
    this.#links.delete(name);
    this.#emit({ type: 'link-removed', name, ifindex: link.ifindex });
  }

  /** Carrier/admin state change (no event when unchanged). */
  setUp(name: string, up: boolean): void {
    const link = this.#links.get(name);
    if (link === undefined || link.up === up) return;
    const next = { ...link, up };
    this.#links.set(name, next);
    this.#emit({ type: 'link', link: next });
  }

  hasAddress(name: string, address: string): boolean {
    return this.#links.get(name)?.addresses.some((a) => a.address === address) ?? false;
  }

  /** False when the interface does not exist; adding a present address is a no-op. */
  addAddress(name: string, address: InterfaceAddress): boolean {
    const link = this.#links.get(name);
    if (link === undefined) return false;
    if (this.hasAddress(name, address.address)) return true;
    this.#links.set(name, { ...link, addresses: [...link.addresses, address] });
    this.#emit({ type: 'address-added', name, ifindex: link.ifindex, address });
    return true;
  }

  removeAddress(name: string, address: string): boolean {
    const link = this.#links.get(name);
    const present = link?.addresses.find((a) => a.address === address);
    if (link === undefined || present === undefined) return false;
    this.#links.set(name, { ...link, addresses: link.addresses.filter((a) => a !== present) });
    this.#emit({ type: 'address-removed', name, ifindex: link.ifindex, address: present });
    return true;
  }

  #make(init: InterfaceInit): SimInterface {
    return {
      name: init.name,
      ifindex: ++this.#lastIfindex,
      up: init.up ?? true,
      mac: init.mac,
      addresses: [...(init.addresses ?? [])],
      segment: init.segment ?? 'lan',
      baseInterface: init.baseInterface,
    };
  }

  #emit(event: LinkEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
