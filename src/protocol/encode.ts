/**
 * Advertisement encoders. IPv4 produces the whole datagram exactly as keepalived hands it to the
 * kernel with IP_HDRINCL (plus the header checksum the kernel adds); IPv6 produces the VRRP
 * payload with its checksum (the kernel would fill it via IPV6_CHECKSUM; pre-filling is harmless).
 *
 * Invalid arguments here are caller bugs (the daemon encodes from validated config), so they throw.
 */
import { ahSpiForSource, computeAhIcv, writeAhHeader, AH_ICV } from './ah.js';
import type { Advertisement } from './advertisement.js';
import { parseIPv4, parseIPv6 } from './address.js';
import { finishChecksum, sumBytes } from './checksum.js';
import {
  AH_HEADER_LEN, AUTH_TYPE_AH, AUTH_TYPE_NONE, AUTH_TYPE_PASS, IPPROTO_AH, IPPROTO_VRRP, IPV4_HEADER_LEN,
  MAX_ADVERT_INTERVAL_CS, VRRP_AUTH_DATA_LEN, VRRP_HEADER_LEN, VRRP_MULTICAST_GROUP4, VRRP_TOS, VRRP_TTL,
  VRRP_TYPE_ADVERTISEMENT,
} from './constants.js';
import type { HmacMd5 } from './crypto.js';
import { writeIPv4Header } from './ipv4.js';
import { ipv4PseudoHeaderSum, ipv6PseudoHeaderSum } from './pseudo-header.js';

export interface EncodeOptions {
  /** auth_type AH: the 8-byte zero-padded auth_pass (passwordAuthData) keys the HMAC. */
  readonly authKey?: Uint8Array;
  readonly hmacMd5?: HmacMd5;
  /** The instance has unicast peers: keepalived then zeroes the TTL in the AH ICV. */
  readonly unicast?: boolean;
  /**
   * VRRPv3/IPv4 `old_unicast_checksum` (or its auto-detected form): the checksum pseudo-header
   * uses the multicast group as destination even when the advert is unicast, as keepalived
   * before 1.3.6 did.
   */
  readonly oldUnicastChecksum?: boolean;
  /** global_defs vrrp_mcast_group4 (default 224.0.0.18), used by oldUnicastChecksum. */
  readonly multicastGroup4?: string;
}

/** IPv4 envelope for encoding; omitted fields take keepalived's values. */
export interface Ipv4EnvelopeInput {
  readonly source: string;
  readonly destination?: string;
  readonly ttl?: number;
  readonly tos?: number;
  readonly id?: number;
  readonly dontFragment?: boolean;
}

export interface Ipv6EnvelopeInput {
  readonly source: string;
  readonly destination: string;
}

export function encodeAdvertIPv4(advert: Advertisement, ip: Ipv4EnvelopeInput, options: EncodeOptions = {}): Uint8Array {
  return new Ipv4AdvertEncoder(advert, ip, options).encode(advert.priority, ip.id ?? 0, ahSequenceOf(advert));
}

export function encodeAdvertIPv6(advert: Advertisement, ip: Ipv6EnvelopeInput): Uint8Array {
  return new Ipv6AdvertEncoder(advert, ip).encode(advert.priority);
}

function ahSequenceOf(advert: Advertisement): number {
  return advert.version === 2 && advert.auth.type === 'ah' ? advert.auth.sequence : 0;
}

/**
 * Per-instance IPv4 advert builder for the send path: everything is laid out once; each
 * `encode` rewrites priority, IP id and AH sequence and recomputes the checksums and ICV in a
 * reused buffer (the returned bytes are only valid until the next call).
 */
export class Ipv4AdvertEncoder {
  readonly length: number;
  private readonly buf: Uint8Array;
  private readonly vrrpOffset: number;
  private readonly vrrpLength: number;
  private readonly ahOffset: number;
  private readonly pseudoDestination: Uint8Array;
  private readonly authKey: Uint8Array | undefined;
  private readonly hmacMd5: HmacMd5 | undefined;
  private readonly zeroTtlInIcv: boolean;

  constructor(advert: Advertisement, ip: Ipv4EnvelopeInput, options: EncodeOptions = {}) {
    assertAdvert(advert, 'ipv4');
    const source = mustParse4(ip.source);
    const destination = mustParse4(ip.destination ?? VRRP_MULTICAST_GROUP4);
    const isAh = advert.version === 2 && advert.auth.type === 'ah';
    if (isAh && (options.authKey === undefined || options.hmacMd5 === undefined)) {
      throw new Error('auth_type AH needs authKey and hmacMd5');
    }
    this.authKey = options.authKey;
    this.hmacMd5 = options.hmacMd5;
    this.zeroTtlInIcv = options.unicast === true;
    this.ahOffset = isAh ? IPV4_HEADER_LEN : -1;
    this.vrrpOffset = IPV4_HEADER_LEN + (isAh ? AH_HEADER_LEN : 0);
    this.vrrpLength = vrrpLength(advert, 'ipv4');
    this.length = this.vrrpOffset + this.vrrpLength;
    this.pseudoDestination = options.oldUnicastChecksum === true
      ? mustParse4(options.multicastGroup4 ?? VRRP_MULTICAST_GROUP4)
      : destination;
    this.buf = new Uint8Array(this.length);
    writeIPv4Header(this.buf, 0, {
      tos: ip.tos ?? VRRP_TOS,
      totalLength: this.length,
      id: 0,
      dontFragment: ip.dontFragment ?? false,
      ttl: ip.ttl ?? VRRP_TTL,
      protocol: isAh ? IPPROTO_AH : IPPROTO_VRRP,
      source,
      destination,
    });
    if (isAh && advert.version === 2 && advert.auth.type === 'ah') {
      writeAhHeader(this.buf, this.ahOffset, advert.auth.spi, advert.auth.sequence);
    }
    writeVrrpBody(this.buf, this.vrrpOffset, advert, 4);
  }

  encode(priority: number, ipId: number, ahSequence = 0): Uint8Array {
    assertByte(priority, 'priority');
    if (!Number.isInteger(ipId) || ipId < 0 || ipId > 0xffff) throw new Error(`IP id ${ipId} out of range`);
    const b = this.buf;
    const v = this.vrrpOffset;
    b[v + 2] = priority;
    b[v + 6] = 0;
    b[v + 7] = 0;
    let acc: number;
    if (b[v]! >> 4 === 3) {
      acc = ipv4PseudoHeaderSum(b, 12, this.pseudoDestination, 0, IPPROTO_VRRP, this.vrrpLength);
      acc = sumBytes(b, v, v + this.vrrpLength, acc);
    } else {
      acc = sumBytes(b, v, v + this.vrrpLength);
    }
    const sum = finishChecksum(acc);
    b[v + 6] = sum >> 8;
    b[v + 7] = sum & 0xff;
    // IP id changes the header checksum.
    b[4] = ipId >> 8;
    b[5] = ipId & 0xff;
    b[10] = 0;
    b[11] = 0;
    const ipSum = finishChecksum(sumBytes(b, 0, IPV4_HEADER_LEN));
    b[10] = ipSum >> 8;
    b[11] = ipSum & 0xff;
    if (this.ahOffset >= 0) {
      const a = this.ahOffset;
      b[a + 8] = (ahSequence >>> 24) & 0xff;
      b[a + 9] = (ahSequence >>> 16) & 0xff;
      b[a + 10] = (ahSequence >>> 8) & 0xff;
      b[a + 11] = ahSequence & 0xff;
      const icv = computeAhIcv(b, this.length, a, this.authKey!, this.hmacMd5!, this.zeroTtlInIcv);
      b.set(icv, a + AH_ICV);
    }
    return b;
  }
}

/** Per-instance IPv6 VRRP payload builder (see Ipv4AdvertEncoder). */
export class Ipv6AdvertEncoder {
  readonly length: number;
  private readonly buf: Uint8Array;
  private readonly pseudoSum: number;

  constructor(advert: Advertisement, ip: Ipv6EnvelopeInput) {
    assertAdvert(advert, 'ipv6');
    if (advert.version === 2 && advert.auth.type !== 'none') {
      throw new Error('VRRPv2 over IPv6 carries no authentication');
    }
    this.length = vrrpLength(advert, 'ipv6');
    this.buf = new Uint8Array(this.length);
    writeVrrpBody(this.buf, 0, advert, 16);
    this.pseudoSum = ipv6PseudoHeaderSum(mustParse6(ip.source), mustParse6(ip.destination), this.length, IPPROTO_VRRP);
  }

  encode(priority: number): Uint8Array {
    assertByte(priority, 'priority');
    const b = this.buf;
    b[2] = priority;
    b[6] = 0;
    b[7] = 0;
    const sum = finishChecksum(sumBytes(b, 0, this.length, this.pseudoSum));
    b[6] = sum >> 8;
    b[7] = sum & 0xff;
    return b;
  }
}

/** VRRP message length: header, addresses and (v2 over IPv4 only) the 8 auth bytes. */
export function vrrpLength(advert: Advertisement, family: 'ipv4' | 'ipv6'): number {
  const addrLen = family === 'ipv4' ? 4 : 16;
  const auth = advert.version === 2 && family === 'ipv4' ? VRRP_AUTH_DATA_LEN : 0;
  return VRRP_HEADER_LEN + advert.addresses.length * addrLen + auth;
}

/** Header (checksum left zero), addresses and v2 auth data. */
function writeVrrpBody(out: Uint8Array, offset: number, advert: Advertisement, addrLen: 4 | 16): void {
  out[offset] = (advert.version << 4) | VRRP_TYPE_ADVERTISEMENT;
  out[offset + 1] = advert.vrid;
  out[offset + 2] = advert.priority;
  out[offset + 3] = advert.addresses.length;
  if (advert.version === 2) {
    out[offset + 4] = advert.auth.type === 'pass' ? AUTH_TYPE_PASS : advert.auth.type === 'ah' ? AUTH_TYPE_AH : AUTH_TYPE_NONE;
    out[offset + 5] = advert.advertIntervalS;
  } else {
    out[offset + 4] = (advert.maxAdvertIntervalCs >> 8) & 0x0f;
    out[offset + 5] = advert.maxAdvertIntervalCs & 0xff;
  }
  out[offset + 6] = 0;
  out[offset + 7] = 0;
  let p = offset + VRRP_HEADER_LEN;
  for (const text of advert.addresses) {
    out.set(addrLen === 4 ? mustParse4(text) : mustParse6(text), p);
    p += addrLen;
  }
  if (advert.version === 2 && addrLen === 4) {
    // keepalived copies the password only for PASS; NONE and AH leave the 8 bytes zero.
    if (advert.auth.type === 'pass') out.set(advert.auth.authData, p);
    else out.fill(0, p, p + VRRP_AUTH_DATA_LEN);
  }
}

function assertAdvert(advert: Advertisement, family: 'ipv4' | 'ipv6'): void {
  if (advert.family !== family) throw new Error(`advert family ${advert.family} encoded as ${family}`);
  assertByte(advert.vrid, 'vrid');
  assertByte(advert.priority, 'priority');
  if (advert.addresses.length > 255) throw new Error('more than 255 addresses');
  if (advert.version === 2) {
    assertByte(advert.advertIntervalS, 'advertIntervalS');
    if (advert.auth.type === 'pass' && advert.auth.authData.length !== VRRP_AUTH_DATA_LEN) {
      throw new Error('PASS auth data must be exactly 8 bytes (see passwordAuthData)');
    }
    if (advert.auth.type === 'ah') {
      const { spi, sequence } = advert.auth;
      if (!isU32(spi) || !isU32(sequence)) throw new Error('AH spi/sequence must be 32-bit unsigned');
    }
  } else if (!Number.isInteger(advert.maxAdvertIntervalCs) || advert.maxAdvertIntervalCs < 0 || advert.maxAdvertIntervalCs > MAX_ADVERT_INTERVAL_CS) {
    throw new Error(`maxAdvertIntervalCs ${advert.maxAdvertIntervalCs} out of range`);
  }
}

const isU32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

function assertByte(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`${what} ${v} out of range`);
}

function mustParse4(text: string): Uint8Array {
  const b = parseIPv4(text);
  if (b === null) throw new Error(`not an IPv4 address: ${text}`);
  return b;
}

function mustParse6(text: string): Uint8Array {
  const b = parseIPv6(text);
  if (b === null) throw new Error(`not an IPv6 address: ${text}`);
  return b;
}

/** keepalived's AH SPI for a source address given as text. */
export function ahSpiFor(source: string): number {
  return ahSpiForSource(mustParse4(source));
}
