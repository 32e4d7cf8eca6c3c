/** The decoded shape of a VRRP advertisement and of the IP envelope it travelled in. */

export type AddressFamily = 'ipv4' | 'ipv6';

/** VRRPv2 authentication (RFC 2338 §5.3.6; RFC 3768 deprecates it but keepalived still speaks it). */
export type V2Auth =
  | { readonly type: 'none' }
  /** Simple text password: exactly 8 bytes, zero padded (see passwordAuthData). */
  | { readonly type: 'pass'; readonly authData: Uint8Array }
  /**
   * IPsec AH with HMAC-MD5-96. keepalived sets the SPI to the sender's IPv4 address (as a
   * big-endian number) and the sequence number counts adverts from 1.
   */
  | { readonly type: 'ah'; readonly spi: number; readonly sequence: number };

export interface AdvertisementV2 {
  readonly version: 2;
  readonly family: AddressFamily;
  readonly vrid: number;
  readonly priority: number;
  /** RFC 3768 Adver Int: whole seconds, 8 bits. */
  readonly advertIntervalS: number;
  readonly auth: V2Auth;
  /** Canonical text: dotted quad for IPv4, RFC 5952 for IPv6. */
  readonly addresses: readonly string[];
}

export interface AdvertisementV3 {
  readonly version: 3;
  readonly family: AddressFamily;
  readonly vrid: number;
  readonly priority: number;
  /** RFC 5798 Max Advert Int: 12 bits of centiseconds. */
  readonly maxAdvertIntervalCs: number;
  readonly addresses: readonly string[];
}

export type Advertisement = AdvertisementV2 | AdvertisementV3;

/** IPv4 header fields that matter to VRRP (the rest is fixed or derived). */
export interface Ipv4Envelope {
  readonly family: 'ipv4';
  readonly source: string;
  readonly destination: string;
  readonly ttl: number;
  readonly tos: number;
  /** keepalived numbers its adverts itself (from 1, skipping 0) so the kernel leaves the id alone. */
  readonly id: number;
  readonly dontFragment: boolean;
}

/** What an IPv6 raw socket tells us besides the VRRP payload (from IPV6_PKTINFO / IPV6_HOPLIMIT). */
export interface Ipv6Envelope {
  readonly family: 'ipv6';
  readonly source: string;
  readonly destination: string;
  readonly hopLimit: number;
}

export type Envelope = Ipv4Envelope | Ipv6Envelope;

/** A well-formed advertisement together with its envelope. */
export interface AdvertPacket {
  readonly advert: Advertisement;
  readonly ip: Envelope;
}

/**
 * keepalived's auth_pass handling: the first 8 bytes of the password, zero padded. (keepalived
 * warns about and truncates longer passwords at config time.)
 */
export function passwordAuthData(password: string): Uint8Array {
  const out = new Uint8Array(8);
  out.set(new TextEncoder().encode(password).subarray(0, 8));
  return out;
}
