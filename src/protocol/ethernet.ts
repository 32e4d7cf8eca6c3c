/** Ethernet II framing for the frames keepalived sends on packet sockets (GARP, NA). */
import { ETHERNET_HEADER_LEN } from './constants.js';

export function writeEthernetHeader(out: Uint8Array, offset: number, destination: Uint8Array, source: Uint8Array, etherType: number): void {
  out.set(destination.subarray(0, 6), offset);
  out.set(source.subarray(0, 6), offset + 6);
  out[offset + 12] = etherType >> 8;
  out[offset + 13] = etherType & 0xff;
}

/** Wrap an IP packet in an Ethernet header (used by tests and the lab to compare whole frames). */
export function ethernetFrame(destination: Uint8Array, source: Uint8Array, etherType: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(ETHERNET_HEADER_LEN + payload.length);
  writeEthernetHeader(out, 0, destination, source, etherType);
  out.set(payload, ETHERNET_HEADER_LEN);
  return out;
}
