/**
 * The monitor's picture of links and their addresses, updated from kernel messages. Each update
 * returns the events it implies (none when nothing the port exposes changed), so the monitor can
 * replay messages silently during start-up and emit them live afterwards.
 */
import type { InterfaceAddress, LinkEvent, LinkState } from '../../../ports/links.js';
import type { KernelAddress } from './address-messages.js';
import type { KernelLink } from './link-messages.js';

interface Entry {
  link: KernelLink;
  addresses: InterfaceAddress[];
}

const sameAddress = (a: InterfaceAddress, b: InterfaceAddress): boolean =>
  a.family === b.family && a.address === b.address && a.prefixLength === b.prefixLength;

export class LinkTable {
  private readonly byIndex = new Map<number, Entry>();
  /** Addresses reported before their link (a race between the two dumps or groups). */
  private readonly orphans = new Map<number, InterfaceAddress[]>();

  state(entry: Entry): LinkState {
    return { name: entry.link.name, ifindex: entry.link.ifindex, up: entry.link.up, mac: entry.link.mac, addresses: [...entry.addresses] };
  }

  link(name: string): LinkState | undefined {
    for (const entry of this.byIndex.values()) if (entry.link.name === name) return this.state(entry);
    return undefined;
  }

  links(): LinkState[] {
    return [...this.byIndex.values()].map((entry) => this.state(entry));
  }

  setLink(link: KernelLink): LinkEvent[] {
    const entry = this.byIndex.get(link.ifindex);
    if (entry === undefined) {
      const created = { link, addresses: this.orphans.get(link.ifindex) ?? [] };
      this.orphans.delete(link.ifindex);
      this.byIndex.set(link.ifindex, created);
      return [{ type: 'link', link: this.state(created) }];
    }
    const before = entry.link;
    entry.link = link;
    if (before.name === link.name && before.up === link.up && before.mac === link.mac) return [];
    return [{ type: 'link', link: this.state(entry) }];
  }

  removeLink(ifindex: number): LinkEvent[] {
    const entry = this.byIndex.get(ifindex);
    this.orphans.delete(ifindex);
    if (entry === undefined) return [];
    this.byIndex.delete(ifindex);
    return [{ type: 'link-removed', name: entry.link.name, ifindex }];
  }

  addAddress(a: KernelAddress): LinkEvent[] {
    const address: InterfaceAddress = { family: a.family, address: a.address, prefixLength: a.prefixLength };
    const entry = this.byIndex.get(a.ifindex);
    const list = entry?.addresses ?? this.orphans.get(a.ifindex) ?? [];
    if (list.some((b) => sameAddress(b, address))) return [];
    list.push(address);
    if (entry === undefined) {
      this.orphans.set(a.ifindex, list);
      return [];
    }
    return [{ type: 'address-added', name: entry.link.name, ifindex: a.ifindex, address }];
  }

  removeAddress(a: KernelAddress): LinkEvent[] {
    const address: InterfaceAddress = { family: a.family, address: a.address, prefixLength: a.prefixLength };
    const entry = this.byIndex.get(a.ifindex);
    const list = entry?.addresses ?? this.orphans.get(a.ifindex);
    const at = list?.findIndex((b) => sameAddress(b, address)) ?? -1;
    if (list === undefined || at < 0) return [];
    list.splice(at, 1);
    return entry === undefined ? [] : [{ type: 'address-removed', name: entry.link.name, ifindex: a.ifindex, address }];
  }

  /**
   * Replaces the whole table with a fresh dump (after the kernel dropped events) and returns the
   * differences as events: removals first, then links, then added addresses.
   */
  replace(links: readonly KernelLink[], addresses: readonly KernelAddress[]): LinkEvent[] {
    const fresh = new LinkTable();
    for (const link of links) fresh.setLink(link);
    for (const a of addresses) fresh.addAddress(a);
    const events: LinkEvent[] = [];
    for (const [ifindex, entry] of this.byIndex) {
      const now = fresh.byIndex.get(ifindex);
      if (now === undefined) {
        events.push({ type: 'link-removed', name: entry.link.name, ifindex });
        continue;
      }
      for (const address of entry.addresses) {
        if (!now.addresses.some((b) => sameAddress(b, address))) {
          events.push({ type: 'address-removed', name: now.link.name, ifindex, address });
        }
      }
    }
    for (const [ifindex, now] of fresh.byIndex) {
      const entry = this.byIndex.get(ifindex);
      const before = entry?.link;
      if (before === undefined || before.name !== now.link.name || before.up !== now.link.up || before.mac !== now.link.mac) {
        events.push({ type: 'link', link: fresh.state(now) });
      }
      for (const address of now.addresses) {
        if (entry !== undefined && !entry.addresses.some((b) => sameAddress(b, address))) {
          events.push({ type: 'address-added', name: now.link.name, ifindex, address });
        }
      }
    }
    this.byIndex.clear();
    for (const [k, v] of fresh.byIndex) this.byIndex.set(k, v);
    this.orphans.clear();
    return events;
  }
}
