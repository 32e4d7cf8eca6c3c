/**
 * A deterministic in-memory network for VRRP: nodes with interfaces on named L2 segments, VRRP
 * links (VrrpLinkFactory) and raw frames (FrameSender) per node. Every delivery is a timer on the
 * shared Clock (0 ms unless a hook says otherwise), so deliveries due at the same instant happen
 * in the order they were sent; per directed node pair, hooks can drop or delay packets.
 */
import type { Clock } from '../../ports/clock.js';
import type { FrameSender } from '../../ports/frames.js';
import type { ReceivedPacket } from '../../protocol/index.js';
import type { ReceivedAdvert, VrrpLink, VrrpLinkFactory, VrrpLinkSpec } from '../../ports/vrrp-link.js';
import { MemoryAddressManager } from './address-table.js';
import { MemoryLinkMonitor } from './link-table.js';
import type { InterfaceInit, SimInterface } from './link-table.js';

/** What a hook sees of a packet in flight. */
export interface InFlight {
  readonly from: string;
  readonly to: string;
  readonly vrid: number;
  readonly destination: string;
  readonly bytes: Uint8Array;
}

export interface LinkPolicy {
  /** Drop every packet, or those the predicate selects. */
  readonly drop?: boolean | ((packet: InFlight) => boolean);
  readonly delayMs?: number;
  /**
   * Delay of each copy to deliver, decided per packet (overrides delayMs; an empty list drops it):
   * the simulator's jitter, duplication and reordering.
   */
  readonly copies?: (packet: InFlight) => readonly number[];
}

export interface SentFrame {
  readonly atMs: number;
  readonly node: string;
  readonly interfaceName: string;
  readonly frame: Uint8Array;
}

export interface SentAdvert {
  readonly atMs: number;
  readonly node: string;
  readonly vrid: number;
  readonly destination: string;
  readonly bytes: Uint8Array;
}

interface Endpoint {
  readonly node: VirtualNode;
  readonly spec: VrrpLinkSpec;
  readonly source: string;
  readonly onAdvert: (advert: ReceivedAdvert) => void;
  closed: boolean;
  /** The interface index at open time (the socket's binding). */
  readonly ifindex: number;
}

function isMulticast(address: string): boolean {
  if (address.includes(':')) return address.toLowerCase().startsWith('ff');
  const first = Number(address.split('.')[0]);
  return first >= 224 && first <= 239;
}

export class VirtualNetwork {
  readonly frames: SentFrame[] = [];
  readonly adverts: SentAdvert[] = [];
  readonly #nodes = new Map<string, VirtualNode>();
  readonly #endpoints: Endpoint[] = [];
  readonly #policies = new Map<string, LinkPolicy>();

  constructor(readonly clock: Clock) {}

  addNode(name: string, interfaces: readonly InterfaceInit[]): VirtualNode {
    if (this.#nodes.has(name)) throw new Error(`node ${name} exists`);
    const node = new VirtualNode(this, name, interfaces);
    this.#nodes.set(name, node);
    return node;
  }

  node(name: string): VirtualNode {
    const node = this.#nodes.get(name);
    if (node === undefined) throw new Error(`no node ${name}`);
    return node;
  }

  /** Policy for packets from `from` to `to` (replaces the previous one; undefined clears it). */
  setPolicy(from: string, to: string, policy: LinkPolicy | undefined): void {
    const key = `${from}>${to}`;
    if (policy === undefined) this.#policies.delete(key);
    else this.#policies.set(key, policy);
  }

  /** Cuts (or restores) every link to and from `node`. */
  isolate(node: string, isolated = true): void {
    for (const other of this.#nodes.keys()) {
      if (other === node) continue;
      this.setPolicy(node, other, isolated ? { drop: true } : undefined);
      this.setPolicy(other, node, isolated ? { drop: true } : undefined);
    }
  }

  /** @internal */
  register(endpoint: Endpoint): void {
    this.#endpoints.push(endpoint);
  }

  /** @internal Sends from an endpoint; returns why not, or undefined. */
  transmit(from: Endpoint, packet: Uint8Array, destination: string): string | undefined {
    const fromLink = from.node.linkMonitor.link(from.spec.interfaceName);
    // Like a socket bound to an ifindex: a deleted (or re-created) interface is ENODEV for good.
    if (fromLink === undefined || fromLink.ifindex !== from.ifindex) return 'no such interface';
    if (!fromLink.up) return 'interface down';
    const bytes = Uint8Array.from(packet);
    this.adverts.push({ atMs: this.clock.nowMs(), node: from.node.name, vrid: from.spec.vrid, destination, bytes });
    const multicast = isMulticast(destination);
    for (const to of this.#endpoints) {
      if (to.closed || to.node === from.node || to.spec.vrid !== from.spec.vrid || to.spec.family !== from.spec.family) continue;
      const toLink = to.node.linkMonitor.link(to.spec.interfaceName);
      if (toLink === undefined || toLink.segment !== fromLink.segment) continue;
      if (multicast ? to.spec.multicastGroup !== destination : !to.node.owns(destination)) continue;
      const inFlight: InFlight = { from: from.node.name, to: to.node.name, vrid: from.spec.vrid, destination, bytes };
      const policy = this.#policies.get(`${from.node.name}>${to.node.name}`);
      const drop = typeof policy?.drop === 'function' ? policy.drop(inFlight) : policy?.drop === true;
      if (drop) continue;
      for (const delayMs of policy?.copies?.(inFlight) ?? [policy?.delayMs ?? 0]) {
        const received: ReceivedPacket = from.spec.family === 'ipv4'
          ? { family: 'ipv4', datagram: Uint8Array.from(bytes) }
          : { family: 'ipv6', payload: Uint8Array.from(bytes), source: from.source, destination, hopLimit: 255 };
        this.clock.setTimer(delayMs, () => this.#deliver(to, received, destination));
      }
    }
    return undefined;
  }

  /** @internal */
  recordFrame(node: string, interfaceName: string, frame: Uint8Array): void {
    this.frames.push({ atMs: this.clock.nowMs(), node, interfaceName, frame: Uint8Array.from(frame) });
  }

  #deliver(to: Endpoint, packet: ReceivedPacket, destination: string): void {
    const link = to.node.linkMonitor.link(to.spec.interfaceName);
    if (to.closed || link === undefined || link.ifindex !== to.ifindex || !link.up) return;
    to.onAdvert({ packet, destination, ifindex: link.ifindex, receivedAtMs: this.clock.nowMs() });
  }
}

export class VirtualNode {
  readonly linkMonitor: MemoryLinkMonitor;
  readonly addresses: MemoryAddressManager;
  readonly links: VrrpLinkFactory;
  readonly frames: FrameSender;

  constructor(private readonly network: VirtualNetwork, readonly name: string, interfaces: readonly InterfaceInit[]) {
    this.linkMonitor = new MemoryLinkMonitor(interfaces);
    this.addresses = new MemoryAddressManager(network.clock, this.linkMonitor);
    this.links = { open: (spec, onAdvert) => this.#open(spec, onAdvert) };
    this.frames = {
      sendFrame: (interfaceName, frame) => {
        const link = this.linkMonitor.link(interfaceName);
        if (link === undefined) return 'no such interface';
        if (!link.up) return 'interface down';
        network.recordFrame(name, interfaceName, frame);
        return undefined;
      },
    };
  }

  /** Whether one of this node's interfaces carries `address`. */
  owns(address: string): boolean {
    return this.linkMonitor.links().some((link) => link.addresses.some((a) => a.address === address));
  }

  /** Brings an interface up or down (a LinkMonitor event). */
  setLinkUp(name: string, up: boolean): void {
    this.linkMonitor.setUp(name, up);
  }

  #sourceFor(spec: VrrpLinkSpec, link: SimInterface): string | undefined {
    if (spec.sourceAddress !== undefined) return spec.sourceAddress;
    const base = link.baseInterface === undefined ? link : this.linkMonitor.link(link.baseInterface) ?? link;
    const candidates = base.addresses.filter((a) => a.family === spec.family);
    const preferred = spec.family === 'ipv6' ? candidates.find((a) => a.address.toLowerCase().startsWith('fe80')) : candidates[0];
    return (preferred ?? candidates[0])?.address;
  }

  #open(spec: VrrpLinkSpec, onAdvert: (advert: ReceivedAdvert) => void): VrrpLink | { readonly error: string } {
    const link = this.linkMonitor.link(spec.interfaceName);
    if (link === undefined) return { error: `no interface ${spec.interfaceName}` };
    const source = this.#sourceFor(spec, link);
    if (source === undefined) return { error: `no ${spec.family} address on ${spec.interfaceName}` };
    const endpoint: Endpoint = { node: this, spec, source, onAdvert, closed: false, ifindex: link.ifindex };
    this.network.register(endpoint);
    return {
      sourceAddress: source,
      send: (packet, destination) => (endpoint.closed ? 'closed' : this.network.transmit(endpoint, packet, destination)),
      close: () => void (endpoint.closed = true),
    };
  }
}
