/**
 * VrrpLinkFactory over raw sockets, shaped like keepalived's socket pool: per (interface, family,
 * IP protocol) one receive socket shared by all instances there, the multicast group joined once
 * per interface, datagrams demultiplexed by VRID and destination; per interface one send socket.
 * Everything is released when the last instance using it closes its link.
 *
 * The VRRP protocol of the receive socket: keepalived opens 51 (AH) for auth_type AH and 112
 * otherwise; when the spec leaves `authType` out, an IPv4 link listens on both and the codec
 * rejects the wrong kind.
 */
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { IpFamily, ReceivedAdvert, VrrpLink, VrrpLinkFactory, VrrpLinkSpec } from '../../ports/vrrp-link.js';
import { IPPROTO_AH, IPPROTO_VRRP, VRRP_TTL } from '../../protocol/index.js';
import { canonicalAddress } from './demux.js';
import { describeFailure, nativeNetHost, type NetHost, type RawSocketLike } from './host.js';
import { ReceiveChannel } from './receive-channel.js';
import { isFailure, RefCountedPool, type Failure } from './socket-pool.js';
import { resolveSourceAddress, systemInterfaceAddresses, type InterfaceAddresses } from './source-address.js';
import { ipv4SendSocketOptions, receiveSocketOptions } from './vrrp-sockets.js';

export interface VrrpLinkFactoryOptions {
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
  /**
   * Network namespace file (e.g. /run/netns/blue) to open sockets in; default: the process's.
   * Source addresses are still read through `interfaceAddresses`, which must then look there too.
   */
  readonly netns?: string | undefined;
  /** Addresses of an interface, for the default source address; default: getifaddrs. */
  readonly interfaceAddresses?: InterfaceAddresses | undefined;
  /** Sockets and lookups; default: the addon (in `netns`). */
  readonly host?: NetHost | undefined;
}

/** Kept for callers of the first version; the port now carries `authType` itself. */
export type HostVrrpLinkSpec = VrrpLinkSpec;

export interface HostVrrpLinkFactory extends VrrpLinkFactory {
  open(spec: HostVrrpLinkSpec, onAdvert: (advert: ReceivedAdvert) => void): VrrpLink | Failure;
  /** Keys of the shared sockets now open (for tests and status output). */
  openSockets(): string[];
}

class SendSocket {
  constructor(readonly socket: RawSocketLike) {}
  close(): void {
    this.socket.close();
  }
}

export function createVrrpLinkFactory(options: VrrpLinkFactoryOptions): HostVrrpLinkFactory {
  const host = options.host ?? nativeNetHost(options.netns);
  const addressesOf = options.interfaceAddresses ?? systemInterfaceAddresses;
  const receivers = new RefCountedPool<ReceiveChannel>();
  const senders = new RefCountedPool<SendSocket>();

  const openRaw = <T>(what: string, make: (socket: RawSocketLike) => T, o: Parameters<NetHost['openRawSocket']>[0]): T | Failure => {
    try {
      return make(host.openRawSocket(o));
    } catch (error) {
      return { error: `opening the ${what} socket: ${describeFailure(error)}` };
    }
  };

  const acquireReceiver = (family: IpFamily, interfaceName: string, ifindex: number, protocol: number): { key: string; channel: ReceiveChannel | Failure } => {
    const key = `rx ${family} ${interfaceName}#${ifindex} proto ${protocol}`;
    const channel = receivers.acquire(key, () => openRaw(
      `${family} receive`,
      (socket) => new ReceiveChannel({ socket, family, interfaceName, ifindex, clock: options.clock, logger: options.logger }),
      receiveSocketOptions(family, protocol, interfaceName, ifindex),
    ));
    return { key, channel };
  };

  const open = (spec: HostVrrpLinkSpec, onAdvert: (advert: ReceivedAdvert) => void): VrrpLink | Failure => {
    const fail = (why: string): Failure => ({ error: `${spec.instance}: ${why}` });
    if (!Number.isInteger(spec.vrid) || spec.vrid < 1 || spec.vrid > 255) return fail(`VRID ${spec.vrid} out of range`);
    const group = canonicalAddress(spec.multicastGroup);
    if (group === undefined || group.includes(':') !== (spec.family === 'ipv6')) {
      return fail(`multicast group ${spec.multicastGroup} is not an ${spec.family} address`);
    }
    let ifindex: number;
    try {
      ifindex = host.interfaceIndex(spec.interfaceName);
    } catch (error) {
      return fail(`interface ${spec.interfaceName}: ${describeFailure(error)}`);
    }
    const source = resolveSourceAddress(spec.family, spec.interfaceName, spec.sourceAddress, addressesOf);
    if (isFailure(source)) return fail(source.error);
    const unicast = spec.unicastPeers.length > 0;
    // Unicast adverts come to our source address (unicast_src_ip), multicast ones to the group.
    const expectedDestination = unicast ? source : group;

    const undo: Array<() => void> = [];
    const rollback = (why: string): Failure => {
      while (undo.length > 0) undo.pop()!();
      return fail(why);
    };
    let ipv6Socket: RawSocketLike | undefined;
    for (const protocol of receiveProtocols(spec)) {
      const { key, channel } = acquireReceiver(spec.family, spec.interfaceName, ifindex, protocol);
      if (isFailure(channel)) return rollback(channel.error);
      undo.push(() => receivers.release(key));
      if (!unicast) {
        const joinError = channel.join(group);
        if (joinError !== undefined) return rollback(`joining ${group} on ${spec.interfaceName}: ${joinError}`);
        undo.push(() => channel.leave(group));
      }
      undo.push(channel.listen(spec.vrid, expectedDestination, onAdvert));
      if (protocol === IPPROTO_VRRP) ipv6Socket = channel.socket;
    }

    let send: (packet: Uint8Array, destination: string) => string | undefined;
    if (spec.family === 'ipv4') {
      const key = `tx ipv4 ${spec.interfaceName}#${ifindex}`;
      const sender = senders.acquire(key, () => openRaw('IPv4 send', (s) => new SendSocket(s), ipv4SendSocketOptions(spec.interfaceName, ifindex)));
      if (isFailure(sender)) return rollback(sender.error);
      undo.push(() => senders.release(key));
      send = (packet, destination) => sender.socket.send(packet, destination, { ifindex })?.message;
    } else {
      const socket = ipv6Socket!; // IPv6 always listens on 112 (no AH over IPv6)
      const unicastHops = spec.unicastTtl ?? VRRP_TTL;
      send = (packet, destination) => {
        const hopLimit = destination.toLowerCase().startsWith('ff') ? VRRP_TTL : unicastHops;
        return socket.send(packet, destination, { ifindex, hopLimit, source })?.message;
      };
    }

    let closed = false;
    return {
      sourceAddress: source,
      send(packet, destination) {
        return closed ? 'link closed' : send(packet, destination);
      },
      close() {
        if (closed) return;
        closed = true;
        while (undo.length > 0) undo.pop()!();
      },
    };
  };

  return {
    open,
    openSockets: () => [...receivers.keys(), ...senders.keys()],
  };
}

/** IPv6 has no AH; IPv4 listens for what the instance's peers send (both when unknown). */
function receiveProtocols(spec: HostVrrpLinkSpec): readonly number[] {
  if (spec.family === 'ipv6') return [IPPROTO_VRRP];
  if (spec.authType === 'ah') return [IPPROTO_AH];
  if (spec.authType !== undefined) return [IPPROTO_VRRP];
  return [IPPROTO_VRRP, IPPROTO_AH];
}
