/** IPv6 header (RFC 8200) writing. */
export interface Ipv6HeaderFields {
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly payloadLength: number;
  readonly nextHeader: number;
  readonly hopLimit: number;
  /** 16 bytes each. */
  readonly source: Uint8Array;
  readonly destination: Uint8Array;
}

export function writeIPv6Header(out: Uint8Array, offset: number, h: Ipv6HeaderFields): void {
  out[offset] = 0x60 | (h.trafficClass >> 4);
  out[offset + 1] = ((h.trafficClass & 0x0f) << 4) | ((h.flowLabel >> 16) & 0x0f);
  out[offset + 2] = (h.flowLabel >> 8) & 0xff;
  out[offset + 3] = h.flowLabel & 0xff;
  out[offset + 4] = h.payloadLength >> 8;
  out[offset + 5] = h.payloadLength & 0xff;
  out[offset + 6] = h.nextHeader;
  out[offset + 7] = h.hopLimit;
  out.set(h.source, offset + 8);
  out.set(h.destination, offset + 24);
}
