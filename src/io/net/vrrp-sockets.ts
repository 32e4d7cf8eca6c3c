/**
 * Socket options of the VRRP sockets, as keepalived sets them (vrrp.c open_vrrp_read_socket /
 * open_vrrp_send_socket), in one place so a unit test can hold them to it.
 */
import type { IpFamily } from '../../ports/vrrp-link.js';
import { IPPROTO_VRRP, VRRP_TTL } from '../../protocol/index.js';
import type { RawIpSocketOptions } from '../native/index.js';

/** IPPROTO_RAW: a send-only IPv4 socket (the kernel never queues received packets to it). */
export const IPPROTO_RAW = 255;
/** The VRRP checksum is at byte 6 of the payload; the kernel computes (and checks) it there. */
export const VRRP_CHECKSUM_OFFSET = 6;

type SocketOptions = Omit<RawIpSocketOptions, 'netns'>;

/**
 * Receives one IP protocol (112 VRRP, 51 AH) on one interface. IPv4 turns IP_MULTICAST_ALL off so
 * only groups this socket joined arrive. IPv6 sockets also send (one socket per interface):
 * kernel checksum at offset 6, multicast hop limit 255 on the interface, and no loop back of our
 * own adverts. (Linux delivers ff02::12 to every raw IPv6 socket once anyone joined it, so the
 * channel filters on interface and destination anyway.)
 */
export function receiveSocketOptions(family: IpFamily, protocol: number, interfaceName: string, ifindex: number): SocketOptions {
  if (family === 'ipv4') return { family, protocol, device: interfaceName, multicastAll: false };
  return {
    family,
    protocol: IPPROTO_VRRP,
    device: interfaceName,
    checksumOffset: VRRP_CHECKSUM_OFFSET,
    multicastAll: false,
    multicastHops: VRRP_TTL,
    unicastHops: VRRP_TTL,
    multicastInterface: ifindex,
    multicastLoop: false,
  };
}

/**
 * Sends whole IPv4 datagrams as the codec built them (IP_HDRINCL: TOS 0xc0, TTL, id and protocol
 * 112 or 51 are in the header), out of one interface, without looping multicast back to us.
 */
export function ipv4SendSocketOptions(interfaceName: string, ifindex: number): SocketOptions {
  return {
    family: 'ipv4',
    protocol: IPPROTO_RAW,
    device: interfaceName,
    headerIncluded: true,
    multicastInterface: ifindex,
    multicastLoop: false,
    multicastAll: false,
  };
}
