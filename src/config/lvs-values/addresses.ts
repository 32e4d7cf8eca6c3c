/** IP address words for LVS servers and checkers, in the model's family terms (inet/inet6). */
import type { AddressFamily } from '../model/lvs.js';
import { formatIPv6, parseIpAddress } from '../values/index.js';

export interface ParsedAddress {
  readonly family: AddressFamily;
  /** Canonical text (IPv6 compressed, lower case). */
  readonly address: string;
  /** IPv4: 4 bytes; IPv6: 16 bytes. */
  readonly bytes: readonly number[];
}

/** An IPv4 or IPv6 address (IPv6 optionally in brackets); undefined when it is neither. */
export function parseAddress(word: string): ParsedAddress | undefined {
  const inner = word.startsWith('[') && word.endsWith(']') ? word.slice(1, -1) : word;
  const parsed = parseIpAddress(inner);
  if (!parsed) return undefined;
  return { family: parsed.family === 4 ? 'inet' : 'inet6', address: parsed.text, bytes: parsed.bytes };
}

export function bytesToAddress(family: AddressFamily, bytes: readonly number[]): string {
  return family === 'inet' ? bytes.join('.') : formatIPv6(bytes);
}

/** A port word: decimal 0-65535. */
export function parsePort(word: string): number | undefined {
  if (!/^\d{1,5}$/.test(word)) return undefined;
  const n = Number(word);
  return n <= 65535 ? n : undefined;
}
