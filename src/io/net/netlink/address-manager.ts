/**
 * The AddressManager port over rtnetlink: addresses, routes, rules and VMAC (macvlan) interfaces.
 * Every item gets its own result; an add that finds the thing already there, or a delete that
 * finds it already gone, is a success — keepalived's idempotence, and what a restart after a
 * crash needs. Requests share one socket and are serialised with timeouts (see channel.ts).
 */
import type { AddressManager, AddressSpec, ItemResult, RouteSpec, RuleSpec, VmacSpec } from '../../../ports/addresses.js';
import type { Clock } from '../../../ports/clock.js';
import type { Logger } from '../../../ports/logger.js';
import { encodeAddress, decodeAddress } from './address-messages.js';
import type { KernelAddress } from './address-messages.js';
import { createRequestChannel } from './channel.js';
import { addressBytes, formatAddress, formatMac } from './codec.js';
import type { Reply, RequestChannel } from './channel.js';
import {
  NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL, RTM_DELADDR, RTM_DELLINK, RTM_DELROUTE, RTM_DELRULE, RTM_GETADDR,
  RTM_GETLINK, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE, RTM_NEWRULE,
} from './constants.js';
import {
  decodeLink, encodeAddrGenModeNone, encodeLinkByIndex, encodeLinkByName, encodeLinkUp, encodeMacvlan, linkLocalFromMac, vrrpMac,
} from './link-messages.js';
import type { KernelLink } from './link-messages.js';
import { encodeRoute } from './route-messages.js';
import { encodeRule } from './rule-messages.js';
import { createSocketTransport } from './transport.js';
import type { NetlinkTransport } from './transport.js';

export interface NetlinkAddressManagerOptions {
  /** Times out requests the kernel does not answer. */
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Per request (default 2000 ms). */
  readonly timeoutMs?: number;
  /** The socket; a real one in this process's namespace by default (tests pass a fake). */
  readonly transport?: NetlinkTransport;
}

export interface NetlinkAddressManager extends AddressManager {
  close(): void;
}

/** Errors meaning "already there" on add and "already gone" on delete. */
const ALREADY_THERE = new Set(['EEXIST']);
const ALREADY_GONE = new Set(['ESRCH', 'EADDRNOTAVAIL', 'ENOENT', 'ENODEV']);

function outcome(reply: Reply, adding: boolean): ItemResult {
  if (reply.ok) return undefined;
  if ((adding ? ALREADY_THERE : ALREADY_GONE).has(reply.error)) return undefined;
  return reply.error;
}

export function createNetlinkAddressManager(options: NetlinkAddressManagerOptions): NetlinkAddressManager {
  const transport = options.transport ?? createSocketTransport();
  const channel: RequestChannel = createRequestChannel(transport, options.clock, options.timeoutMs);
  const logger = options.logger;

  const getLink = async (name: string): Promise<KernelLink | string> => {
    const reply = await channel.request(RTM_GETLINK, 0, encodeLinkByName(name));
    if (!reply.ok) return reply.error;
    for (const message of reply.messages) {
      const link = message.type === RTM_NEWLINK ? decodeLink(message.payload) : undefined;
      if (link !== undefined) return link;
    }
    return 'ENODEV';
  };

  /** ifindex by name, looked up once per batch. */
  const indexCache = (): ((name: string) => Promise<number | string>) => {
    const cache = new Map<string, Promise<number | string>>();
    return (name) => {
      let found = cache.get(name);
      if (found === undefined) {
        found = getLink(name).then((link) => (typeof link === 'string' ? link : link.ifindex));
        cache.set(name, found);
      }
      return found;
    };
  };

  const report = (what: string, item: unknown, result: ItemResult): ItemResult => {
    if (result !== undefined) logger?.warn(`netlink: ${what} failed: ${result}`, { item });
    return result;
  };

  const addresses = (items: readonly AddressSpec[], adding: boolean): Promise<ItemResult[]> => {
    const lookup = indexCache();
    return Promise.all(
      items.map(async (spec) => {
        const ifindex = await lookup(spec.interfaceName);
        if (typeof ifindex === 'string') {
          if (!adding && ALREADY_GONE.has(ifindex)) return undefined;
          return report(adding ? 'add address' : 'remove address', spec, `${ifindex} (interface ${spec.interfaceName})`);
        }
        const parts = encodeAddress(spec, ifindex, adding);
        if (typeof parts === 'string') return report('encode address', spec, parts);
        const reply = await channel.request(adding ? RTM_NEWADDR : RTM_DELADDR, adding ? NLM_F_CREATE | NLM_F_EXCL : 0, parts);
        return report(adding ? 'add address' : 'remove address', spec, outcome(reply, adding));
      }),
    );
  };

  const routes = (items: readonly RouteSpec[], adding: boolean): Promise<ItemResult[]> => {
    const lookup = indexCache();
    return Promise.all(
      items.map(async (spec) => {
        let ifindex: number | undefined;
        if (spec.interfaceName !== undefined) {
          const found = await lookup(spec.interfaceName);
          if (typeof found === 'string') {
            if (!adding && ALREADY_GONE.has(found)) return undefined;
            return report(adding ? 'add route' : 'remove route', spec, `${found} (interface ${spec.interfaceName})`);
          }
          ifindex = found;
        }
        const hopIfindexes: (number | undefined)[] = [];
        for (const hop of spec.nexthops ?? []) {
          if (hop.interfaceName === undefined) {
            hopIfindexes.push(undefined);
            continue;
          }
          const found = await lookup(hop.interfaceName);
          if (typeof found === 'string') {
            if (!adding && ALREADY_GONE.has(found)) return undefined;
            return report(adding ? 'add route' : 'remove route', spec, `${found} (next hop interface ${hop.interfaceName})`);
          }
          hopIfindexes.push(found);
        }
        const parts = encodeRoute(spec, ifindex, adding, hopIfindexes);
        if (typeof parts === 'string') return report('encode route', spec, parts);
        const mode = spec.attributes?.mode;
        // keepalived prepends by default (the kernel's NLM_F_CREATE alone); `add` and `append` as ip route.
        const flags = NLM_F_CREATE | (mode === 'add' ? NLM_F_EXCL : mode === 'append' ? NLM_F_APPEND : 0);
        const reply = await channel.request(adding ? RTM_NEWROUTE : RTM_DELROUTE, adding ? flags : 0, parts);
        return report(adding ? 'add route' : 'remove route', spec, outcome(reply, adding));
      }),
    );
  };

  const rules = (items: readonly RuleSpec[], adding: boolean): Promise<ItemResult[]> =>
    Promise.all(
      items.map(async (spec) => {
        const parts = encodeRule(spec, adding);
        if (typeof parts === 'string') return report('encode rule', spec, parts);
        const reply = await channel.request(adding ? RTM_NEWRULE : RTM_DELRULE, adding ? NLM_F_CREATE | NLM_F_EXCL : 0, parts);
        return report(adding ? 'add rule' : 'remove rule', spec, outcome(reply, adding));
      }),
    );

  const dumpAddresses = async (): Promise<KernelAddress[] | string> => {
    const reply = await channel.dump(RTM_GETADDR, [Buffer.alloc(8)]);
    if (!reply.ok) return reply.error;
    return reply.messages.flatMap((m) => {
      const a = m.type === RTM_NEWADDR ? decodeAddress(m.payload) : undefined;
      return a === undefined ? [] : [a];
    });
  };

  /** keepalived's choice for an IPv6 VMAC: the base's link-local address, else one from its MAC. */
  const vmacLinkLocal = async (base: KernelLink): Promise<string> => {
    const all = await dumpAddresses();
    const existing = typeof all === 'string' ? undefined : all.find((a) => a.ifindex === base.ifindex && a.family === 'ipv6' && a.address.startsWith('fe80:'));
    return existing?.address ?? linkLocalFromMac(Buffer.from(base.mac.split(':').map((h) => parseInt(h, 16))));
  };

  const ensureVmac = async (spec: VmacSpec): Promise<ItemResult> => {
    const base = await getLink(spec.baseInterface);
    if (typeof base === 'string') return report('create VMAC', spec, `${base} (base interface ${spec.baseInterface})`);
    const mac = vrrpMac(spec.vrid, spec.family);
    const existing = await getLink(spec.name);
    let adopt = false;
    if (typeof existing !== 'string') {
      if (existing.mac === formatMac(mac) && existing.lowerIndex === base.ifindex) adopt = true;
      else if (existing.kind !== 'macvlan') {
        // Never remove a real interface that merely has the name we were given.
        return report('create VMAC', spec, `interface ${spec.name} exists and is not a macvlan`);
      } else {
        logger?.info(`vmac: removing old VMAC interface ${spec.name} due to conflicting interface or MAC`);
        const removed = await channel.request(RTM_DELLINK, 0, encodeLinkByIndex(existing.ifindex));
        const result = outcome(removed, false);
        if (result !== undefined) return report('remove conflicting VMAC', spec, result);
      }
    } else if (existing !== 'ENODEV') {
      return report('look up VMAC', spec, existing);
    }
    if (!adopt) {
      const created = await channel.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, encodeMacvlan(spec.name, base.ifindex, mac));
      if (!created.ok) return report('create VMAC', spec, created.error);
    }
    const vmac = await getLink(spec.name);
    if (typeof vmac === 'string') return report('look up VMAC', spec, vmac);
    // No EUI-64 link-local on any VMAC (an IPv4 one gets none at all, as keepalived's).
    const genMode = await channel.request(RTM_NEWLINK, 0, encodeAddrGenModeNone(vmac.ifindex));
    if (!genMode.ok) logger?.info(`vmac: error setting ADDR_GEN_MODE to NONE on ${spec.name}: ${genMode.error}`);
    if (spec.family === 'ipv6') {
      const linkLocal: AddressSpec = { family: 'ipv6', address: await vmacLinkLocal(base), prefixLength: 64, interfaceName: spec.name };
      const parts = encodeAddress(linkLocal, vmac.ifindex, true);
      if (typeof parts !== 'string') {
        const added = outcome(await channel.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, parts), true);
        if (added !== undefined) logger?.info(`vmac: adding link-local address to ${spec.name} failed: ${added}`);
      }
    }
    const up = await channel.request(RTM_NEWLINK, 0, encodeLinkUp(vmac.ifindex));
    return report('bring VMAC up', spec, up.ok ? undefined : up.error);
  };

  const removeVmac = async (name: string): Promise<ItemResult> => {
    const link = await getLink(name);
    if (link === 'ENODEV') return undefined;
    if (typeof link === 'string') return report('look up VMAC', name, link);
    if (link.kind !== 'macvlan') return report('remove VMAC', name, `interface ${name} is not a macvlan, not removing it`);
    return report('remove VMAC', name, outcome(await channel.request(RTM_DELLINK, 0, encodeLinkByIndex(link.ifindex)), false));
  };

  const presentAddresses = async (items: readonly AddressSpec[]): Promise<AddressSpec[]> => {
    const all = await dumpAddresses();
    if (typeof all === 'string') {
      logger?.warn(`netlink: address dump failed: ${all}`);
      return [];
    }
    const lookup = indexCache();
    const present: AddressSpec[] = [];
    for (const spec of items) {
      const ifindex = await lookup(spec.interfaceName);
      const canonical = decodeAddressText(spec.address);
      if (all.some((a) => a.ifindex === ifindex && a.address === canonical && a.prefixLength === spec.prefixLength)) present.push(spec);
    }
    return present;
  };

  return {
    addAddresses: (items) => addresses(items, true),
    removeAddresses: (items) => addresses(items, false),
    addRoutes: (items) => routes(items, true),
    removeRoutes: (items) => routes(items, false),
    addRules: (items) => rules(items, true),
    removeRules: (items) => rules(items, false),
    ensureVmac,
    removeVmac,
    presentAddresses,
    close: () => transport.close(),
  };
}

/** The kernel's text for an address written by the user (IPv6 canonical form). */
function decodeAddressText(text: string): string {
  const bytes = addressBytes(text);
  return bytes === undefined ? text : formatAddress(bytes);
}
