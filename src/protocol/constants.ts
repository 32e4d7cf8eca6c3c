/** Wire constants of VRRP (RFC 3768, RFC 5798), IPsec AH (RFC 2402) and the frames keepalived builds. */

export const IPPROTO_VRRP = 112;
export const IPPROTO_AH = 51;
export const IPPROTO_ICMPV6 = 58;

/** RFC 3768 §5.2.3 / RFC 5798 §5.1.1.3: adverts are sent with TTL / hop limit 255. */
export const VRRP_TTL = 255;
/** keepalived marks adverts "internetwork control" (DSCP CS6). */
export const VRRP_TOS = 0xc0;

export const VRRP_MULTICAST_GROUP4 = '224.0.0.18';
export const VRRP_MULTICAST_GROUP6 = 'ff02::12';

export const VRRP_TYPE_ADVERTISEMENT = 1;

/** Fixed VRRP header before the address list (both versions). */
export const VRRP_HEADER_LEN = 8;
/** VRRPv2 over IPv4 carries 8 bytes of authentication data after the addresses. */
export const VRRP_AUTH_DATA_LEN = 8;
export const IPV4_HEADER_LEN = 20;
export const IPV6_HEADER_LEN = 40;
export const ETHERNET_HEADER_LEN = 14;

/** keepalived's AH header: next header, payload len, reserved, SPI, sequence, 96-bit ICV. */
export const AH_HEADER_LEN = 24;
/** RFC 2402 §2.2: length in 32-bit words minus 2 → (24 / 4) - 2. */
export const AH_PAYLOAD_LEN_FIELD = 4;
/** HMAC-MD5-96: the ICV is the first 12 bytes of the HMAC. */
export const AH_ICV_LEN = 12;

/** VRRPv2 auth types (RFC 2338 §5.3.6; RFC 3768 keeps only 0 but keepalived still speaks 1 and 2). */
export const AUTH_TYPE_NONE = 0;
export const AUTH_TYPE_PASS = 1;
export const AUTH_TYPE_AH = 2;

/** VRRPv3 Max Advert Int is 12 bits of centiseconds. */
export const MAX_ADVERT_INTERVAL_CS = 0x0fff;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;
