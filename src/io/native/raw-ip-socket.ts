/**
 * Raw IPv4 or IPv6 socket for one IP protocol (112 VRRP, 51 AH, 58 ICMPv6) that reports, per
 * received datagram, what raw-socket cannot: the IPv6 hop limit, the destination address (was
 * it multicast or unicast?) and the arrival interface. Sends carry per-packet interface, hop
 * limit and source address.
 */
import { nativeBinding, type NativeBinding, type NativeDatagramListener, type NativeSocket } from './binding.js';
import type { NativeError } from './errors.js';
import { NativeSocketHandle } from './socket-handle.js';

export type IpFamily = 'ipv4' | 'ipv6';

export interface RawIpSocketOptions {
  readonly family: IpFamily;
  /** IP protocol number, 1..255. */
  readonly protocol: number;
  /** A network namespace file (e.g. /run/netns/blue) to open the socket in; default: the process's. */
  readonly netns?: string;
  /** SO_BINDTODEVICE: only this interface's traffic (needs CAP_NET_RAW). */
  readonly device?: string;
  /** Bind to a local address (the source of sent packets); IPv6 link-local needs `scopeId`. */
  readonly bindAddress?: string;
  /** Interface index for a link-local `bindAddress`. */
  readonly scopeId?: number;
  /**
   * IPv6 only: IPV6_CHECKSUM offset, so the kernel fills in (and on receive verifies) the
   * checksum at this byte of the payload — 6 for VRRP. Not allowed for ICMPv6 (always done).
   */
  readonly checksumOffset?: number;
  /** IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS (VRRP: 255). */
  readonly multicastHops?: number;
  /** IP_TTL / IPV6_UNICAST_HOPS (VRRP: 255). */
  readonly unicastHops?: number;
  /** IP(V6)_MULTICAST_IF: the default interface for multicast sends. */
  readonly multicastInterface?: number;
  /** IP(V6)_MULTICAST_LOOP: whether this host's own multicast sends are looped back. */
  readonly multicastLoop?: boolean;
  /**
   * IP(V6)_MULTICAST_ALL: Linux delivers groups joined by *any* socket unless this is false
   * (keepalived turns it off). Left as the kernel default when omitted.
   */
  readonly multicastAll?: boolean;
  /** IPv4 only: IP_TOS (VRRP: 0xc0, internetwork control). */
  readonly tos?: number;
  /** IPv4 only: IP_HDRINCL — `send` then takes the whole datagram, IP header included. */
  readonly headerIncluded?: boolean;
}

export interface ReceivedDatagram {
  readonly family: IpFamily;
  /** IPv4: the whole datagram from the IP header on. IPv6: the payload after the IPv6 headers. */
  readonly data: Buffer;
  /** Source address as text (IPv6 without a %scope: see ifindex). */
  readonly source: string;
  /** Destination address from IP(V6)_PKTINFO; '' when the kernel did not report it. */
  readonly destination: string;
  /** IPv6 hop limit (IPV6_HOPLIMIT) or IPv4 TTL (from the header); -1 when unknown. */
  readonly hopLimit: number;
  /** Arrival interface from IP(V6)_PKTINFO; 0 when unknown. */
  readonly ifindex: number;
  /** The datagram was longer than the 64 KiB receive buffer and was cut. */
  readonly truncated: boolean;
  /** How long before it was read the kernel received it (SO_TIMESTAMPNS); 0 when unknown. */
  readonly ageMs: number;
}

export interface SendOptions {
  /** Outgoing interface (IP(V6)_PKTINFO, and the scope of IPv6 link-local/multicast destinations). */
  readonly ifindex?: number;
  /** Hop limit / TTL of this packet, 0..255 (IPv4: 1..255); default from the socket options. */
  readonly hopLimit?: number;
  /** Source address of this packet (must be local). */
  readonly source?: string;
}

export class RawIpSocket extends NativeSocketHandle {
  readonly family: IpFamily;
  readonly protocol: number;

  private constructor(native: NativeSocket, family: IpFamily, protocol: number) {
    super(native);
    this.family = family;
    this.protocol = protocol;
  }

  /** Opens and configures the socket. Throws a NativeError (EPERM, ENODEV, EADDRNOTAVAIL…) or a TypeError. */
  static open(options: RawIpSocketOptions): RawIpSocket {
    checkFamilyOptions(options);
    const binding = nativeBinding();
    const native = new binding.Socket(options.family === 'ipv6' ? 'raw6' : 'raw4', options.protocol, options.netns);
    try {
      configure(native, binding.constants, options);
    } catch (error) {
      native.close();
      throw error;
    }
    return new RawIpSocket(native, options.family, options.protocol);
  }

  /** IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP on an interface. Throws a NativeError (e.g. EADDRINUSE if already joined). */
  joinGroup(group: string, ifindex: number): void {
    this.native.membership(true, group, ifindex);
  }

  leaveGroup(group: string, ifindex: number): void {
    this.native.membership(false, group, ifindex);
  }

  /**
   * Sends one datagram: the payload after the IP header (or the whole datagram with
   * headerIncluded). Returns the error instead of throwing when the kernel refuses (ENETDOWN,
   * ENETUNREACH, EADDRNOTAVAIL…); malformed arguments throw TypeError.
   */
  send(payload: Uint8Array, destination: string, options: SendOptions = {}): NativeError | undefined {
    return this.native.send(
      payload, destination, options.ifindex ?? 0, options.hopLimit ?? -1, options.source ?? '',
    ) as NativeError | undefined;
  }

  /**
   * Starts delivering datagrams (replacing any previous listener). While receiving, the socket
   * keeps the process alive unless `unref()` was called.
   */
  receive(onDatagram: (datagram: ReceivedDatagram) => void, onError: (error: NativeError) => void): void {
    const family = this.family;
    const listener: NativeDatagramListener = (error, data, source, destination, hopLimit, ifindex, truncated, ageMs) => {
      if (error) onError(error as NativeError);
      // An addon built before arrival stamps passes no age: read time it is.
      else onDatagram({ family, data, source, destination, hopLimit, ifindex, truncated, ageMs: Number.isFinite(ageMs) ? ageMs : 0 });
    };
    this.native.start(listener);
  }
}

/** Options that exist for one family only: refused before any socket is opened. */
function checkFamilyOptions(o: RawIpSocketOptions): void {
  if (o.family !== 'ipv4' && o.family !== 'ipv6') throw new TypeError(`family must be 'ipv4' or 'ipv6'`);
  if (o.family === 'ipv4' && o.checksumOffset !== undefined) {
    throw new TypeError('checksumOffset is for IPv6 (IPv4 VRRP checksums are computed by the sender)');
  }
  if (o.family === 'ipv6' && (o.tos !== undefined || o.headerIncluded !== undefined)) {
    throw new TypeError('tos and headerIncluded are IPv4 options');
  }
}

function configure(native: NativeSocket, c: NativeBinding['constants'], o: RawIpSocketOptions): void {
  const v6 = o.family === 'ipv6';
  const level = v6 ? c.IPPROTO_IPV6 : c.IPPROTO_IP;
  const flag = (value: boolean): number => (value ? 1 : 0);

  // Always on: the receive path reports hop limit, destination, interface and arrival time.
  native.setIntOption(c.SOL_SOCKET, c.SO_TIMESTAMPNS, 1);
  if (v6) {
    native.setIntOption(level, c.IPV6_RECVHOPLIMIT, 1);
    native.setIntOption(level, c.IPV6_RECVPKTINFO, 1);
  } else {
    native.setIntOption(level, c.IP_PKTINFO, 1);
  }
  if (o.device !== undefined) native.bindToDevice(o.device);
  if (o.checksumOffset !== undefined) native.setIntOption(level, c.IPV6_CHECKSUM, o.checksumOffset);
  if (o.headerIncluded !== undefined) native.setIntOption(level, c.IP_HDRINCL, flag(o.headerIncluded));
  if (o.tos !== undefined) native.setIntOption(level, c.IP_TOS, o.tos);
  if (o.multicastHops !== undefined) native.setIntOption(level, v6 ? c.IPV6_MULTICAST_HOPS : c.IP_MULTICAST_TTL, o.multicastHops);
  if (o.unicastHops !== undefined) native.setIntOption(level, v6 ? c.IPV6_UNICAST_HOPS : c.IP_TTL, o.unicastHops);
  if (o.multicastLoop !== undefined) native.setIntOption(level, v6 ? c.IPV6_MULTICAST_LOOP : c.IP_MULTICAST_LOOP, flag(o.multicastLoop));
  if (o.multicastAll !== undefined) native.setIntOption(level, v6 ? c.IPV6_MULTICAST_ALL : c.IP_MULTICAST_ALL, flag(o.multicastAll));
  if (o.multicastInterface !== undefined) native.multicastInterface(o.multicastInterface);
  if (o.bindAddress !== undefined) native.bindAddress(o.bindAddress, o.scopeId ?? 0);
}
