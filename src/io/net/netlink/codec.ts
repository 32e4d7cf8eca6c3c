/**
 * Netlink framing on bytes: message headers (nlmsghdr), attributes (rtattr) and error replies.
 * Netlink uses the host's byte order; the helpers below write it, so messages built here are
 * what the kernel of this machine expects (and unit tests compare bytes on little-endian hosts).
 */
import { endianness } from 'node:os';
import { formatIPv6, parseIpAddress } from '../../../config/values/ip.js';
import { NLMSG_ERROR } from './constants.js';

const HOST_LE = endianness() === 'LE';
export const NLMSG_HDRLEN = 16;
const NLA_HDRLEN = 4;
const NLA_TYPE_MASK = 0x3fff;

export function align4(n: number): number {
  return (n + 3) & ~3;
}

export function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  if (HOST_LE) b.writeUInt16LE(value);
  else b.writeUInt16BE(value);
  return b;
}

export function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  if (HOST_LE) b.writeUInt32LE(value >>> 0);
  else b.writeUInt32BE(value >>> 0);
  return b;
}

export function readU16(b: Buffer, offset: number): number {
  return HOST_LE ? b.readUInt16LE(offset) : b.readUInt16BE(offset);
}

export function readU32(b: Buffer, offset: number): number {
  return HOST_LE ? b.readUInt32LE(offset) : b.readUInt32BE(offset);
}

export function readI32(b: Buffer, offset: number): number {
  return HOST_LE ? b.readInt32LE(offset) : b.readInt32BE(offset);
}

/** One attribute: 4-byte header, payload, zero padding to 4 bytes. */
export function attr(type: number, data: Buffer): Buffer {
  const length = NLA_HDRLEN + data.length;
  const out = Buffer.alloc(align4(length));
  const header = Buffer.concat([u16(length), u16(type)]);
  header.copy(out, 0);
  data.copy(out, NLA_HDRLEN);
  return out;
}

export const u8Attr = (type: number, value: number): Buffer => attr(type, Buffer.from([value & 0xff]));
export const u32Attr = (type: number, value: number): Buffer => attr(type, u32(value));
/** A NUL-terminated string attribute (IFNAME, LABEL, INFO_KIND…). */
export const stringAttr = (type: number, value: string): Buffer => attr(type, Buffer.concat([Buffer.from(value), Buffer.alloc(1)]));
/** A nested attribute: the children's bytes as payload. */
export const nestedAttr = (type: number, children: readonly Buffer[]): Buffer => attr(type, Buffer.concat(children));

/** A parsed attribute (payload shares the message's memory). */
export interface Attribute {
  readonly type: number;
  readonly data: Buffer;
}

/** Attributes in `b` from `offset`; stops at the first malformed header rather than throwing. */
export function parseAttributes(b: Buffer, offset = 0): Attribute[] {
  const out: Attribute[] = [];
  let at = offset;
  while (at + NLA_HDRLEN <= b.length) {
    const length = readU16(b, at);
    if (length < NLA_HDRLEN || at + length > b.length) break;
    out.push({ type: readU16(b, at + 2) & NLA_TYPE_MASK, data: b.subarray(at + NLA_HDRLEN, at + length) });
    at += align4(length);
  }
  return out;
}

export function findAttribute(attrs: readonly Attribute[], type: number): Buffer | undefined {
  return attrs.find((a) => a.type === type)?.data;
}

/** A NUL-terminated string payload. */
export function attrString(data: Buffer): string {
  const end = data.indexOf(0);
  return data.subarray(0, end < 0 ? data.length : end).toString('utf8');
}

export interface NetlinkHeader {
  readonly type: number;
  readonly flags: number;
  readonly seq: number;
  readonly pid: number;
}

export interface NetlinkMessage extends NetlinkHeader {
  /** Bytes after the 16-byte header (family header then attributes). */
  readonly payload: Buffer;
}

/** A complete message: header with the right length, then the payload parts. */
export function encodeMessage(header: NetlinkHeader, parts: readonly Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  const length = NLMSG_HDRLEN + payload.length;
  return Buffer.concat([u32(length), u16(header.type), u16(header.flags), u32(header.seq), u32(header.pid), payload]);
}

/** The messages of one datagram; a truncated tail is dropped (the kernel never sends one). */
export function decodeMessages(datagram: Buffer): NetlinkMessage[] {
  const out: NetlinkMessage[] = [];
  let at = 0;
  while (at + NLMSG_HDRLEN <= datagram.length) {
    const length = readU32(datagram, at);
    if (length < NLMSG_HDRLEN || at + length > datagram.length) break;
    out.push({
      type: readU16(datagram, at + 4),
      flags: readU16(datagram, at + 6),
      seq: readU32(datagram, at + 8),
      pid: readU32(datagram, at + 12),
      payload: datagram.subarray(at + NLMSG_HDRLEN, at + length),
    });
    at += align4(length);
  }
  return out;
}

/** The positive errno of an NLMSG_ERROR message (0 is an ack); undefined for other messages. */
export function errorCode(message: NetlinkMessage): number | undefined {
  if (message.type !== NLMSG_ERROR || message.payload.length < 4) return undefined;
  return -readI32(message.payload, 0);
}

/** Network-order bytes of an IPv4/IPv6 address text; undefined when not an address. */
export function addressBytes(text: string): Buffer | undefined {
  const ip = parseIpAddress(text);
  return ip === undefined ? undefined : Buffer.from(ip.bytes);
}

/** Text of 4 or 16 address bytes (RFC 5952 for IPv6). */
export function formatAddress(bytes: Buffer): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  return formatIPv6(Array.from(bytes));
}

export function formatMac(bytes: Buffer): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(':');
}
