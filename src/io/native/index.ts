/**
 * The project's N-API addon, typed: AF_PACKET frames, raw IPv4/IPv6 sockets with hop limit,
 * destination and interface per datagram, and interface lookups. Everything is Linux-only and
 * needs CAP_NET_RAW; `nativeUnavailable()` says why the addon cannot be used here.
 */
export { nativeUnavailable } from './binding.js';
export type { NativeError } from './errors.js';
export { isNativeError } from './errors.js';
export type { PacketSocketOptions, PacketType, ReceivedFrame } from './packet-socket.js';
export { PacketSocket } from './packet-socket.js';
export type { IpFamily, RawIpSocketOptions, ReceivedDatagram, SendOptions } from './raw-ip-socket.js';
export { RawIpSocket } from './raw-ip-socket.js';
export { interfaceIndex, macAddress } from './interfaces.js';
export { toReceivedPacket } from './received-packet.js';
