/** Public API of the VRRP codec: pure functions over bytes (no I/O, clocks or randomness). */
export type {
  AddressFamily, Advertisement, AdvertisementV2, AdvertisementV3, AdvertPacket, Envelope, Ipv4Envelope, Ipv6Envelope, V2Auth,
} from './advertisement.js';
export { passwordAuthData } from './advertisement.js';
export type { HmacMd5 } from './crypto.js';
export type { EncodeOptions, Ipv4EnvelopeInput, Ipv6EnvelopeInput } from './encode.js';
export { ahSpiFor, encodeAdvertIPv4, encodeAdvertIPv6, Ipv4AdvertEncoder, Ipv6AdvertEncoder, vrrpLength } from './encode.js';
export type { DecodeResult, ReceivedPacket, ReceiveState } from './decode.js';
export { decodeAdvert, decodeToPacket, receiveAdvert } from './decode.js';
export type { ContextResult, ReceiveContext, ReceiveContextOptions, UnicastChecksumMode, UnicastPeer, UnicastPeerOptions } from './context.js';
export { makeReceiveContext } from './context.js';
export type { RejectEffect, RejectReason, StatsCounter } from './reasons.js';
export { REJECT_EFFECTS, REJECT_REASONS, STATS_FILE_COUNTERS, statsCounterFor, statsCountersForAccepted } from './reasons.js';
export type { GratuitousArpInput } from './arp.js';
export { buildGratuitousArp } from './arp.js';
export type { UnsolicitedNaInput } from './ndisc.js';
export { buildUnsolicitedNa } from './ndisc.js';
export { ipv4MulticastMac, ipv6MulticastMac, virtualRouterMac } from './vmac.js';
export { ethernetFrame } from './ethernet.js';
export type { Ipv6HeaderFields } from './ipv6.js';
export { writeIPv6Header } from './ipv6.js';
export {
  bytesEqual, canonicalAddressText, formatIP, formatIPv4, formatIPv6, formatMac, isIpv6LinkLocal, parseIP, parseIPv4, parseIPv6, parseMac,
} from './address.js';
export * from './constants.js';
