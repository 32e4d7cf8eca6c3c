/**
 * The VRRP wire as an instance sees it: send an advert, receive the adverts of its VRID. The real
 * host implements it over raw sockets (src/io/net), the simulator over a virtual network. The
 * instance encodes and validates packets itself with the pure codec (src/protocol).
 */
import type { ReceivedPacket } from '../protocol/index.js';

export type IpFamily = 'ipv4' | 'ipv6';

export interface VrrpLinkSpec {
  /** Instance name, for logs and errors. */
  readonly instance: string;
  /** Interface adverts leave and arrive on (the base interface, or the VMAC interface when configured). */
  readonly interfaceName: string;
  readonly family: IpFamily;
  readonly vrid: number;
  /**
   * Source address of adverts (`mcast_src_ip`/`unicast_src_ip`); undefined → the interface's first
   * IPv4 address, or its link-local IPv6 address.
   */
  readonly sourceAddress?: string | undefined;
  /** `unicast_peer` addresses; empty means multicast to `multicastGroup`. */
  readonly unicastPeers: readonly string[];
  /** 224.0.0.18 / ff02::12 unless `vrrp_mcast_group4/6` says otherwise. */
  readonly multicastGroup: string;
  /** `unicast_ttl` (default 255). */
  readonly unicastTtl?: number | undefined;
  /**
   * VRRPv2 authentication: AH adverts travel as IP protocol 51, all others as 112, and keepalived
   * shows an instance only its own kind. Undefined listens to both.
   */
  readonly authType?: 'none' | 'pass' | 'ah' | undefined;
}

export interface ReceivedAdvert {
  /** What the codec's `receiveAdvert` takes (IPv4: whole datagram; IPv6: payload + addresses + hop limit). */
  readonly packet: ReceivedPacket;
  /** Destination as received: the multicast group, or one of our addresses for unicast. */
  readonly destination: string;
  readonly ifindex: number;
  /** Clock.nowMs() when the packet was read. */
  readonly receivedAtMs: number;
}

export interface VrrpLink {
  /** The address adverts carry as their source (needed to encode IPv4 headers and checksums). */
  readonly sourceAddress: string | undefined;
  /**
   * IPv4: the whole datagram as the codec built it (IP header included, sent as is).
   * IPv6: the VRRP payload; the host adds the header with hop limit 255 and the checksum.
   * Returns why the send failed, or undefined when it went out.
   */
  send(packet: Uint8Array, destination: string): string | undefined;
  close(): void;
}

export interface VrrpLinkFactory {
  /**
   * Starts receiving the adverts of `spec.vrid` on `spec.interfaceName` (already filtered to that
   * interface, family and VRID, and to the multicast group or our unicast address) and returns the
   * sending side; or why it could not (missing interface, no address yet, permission).
   */
  open(spec: VrrpLinkSpec, onAdvert: (advert: ReceivedAdvert) => void): VrrpLink | { readonly error: string };
}
