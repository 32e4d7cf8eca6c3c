/** IP address words for LVS servers and checkers, parsed without the host's resolver. */
import type { AddressFamily } from '../model/lvs.js';

export interface ParsedAddress {
  readonly family: AddressFamily;
  /** Canonical text (IPv6 compressed, lower case). */
  readonly address: string;
  /** IPv4: 4 bytes; IPv6: 16 bytes. */
  readonly bytes: readonly number[];
}

function parseIpv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6Bytes(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4Bytes(p);
        if (!v4) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function formatIpv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  // Compress the longest run of two or more zero groups, as inet_ntop does.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** An IPv4 or IPv6 address (IPv6 optionally in brackets); undefined when it is neither. */
export function parseAddress(word: string): ParsedAddress | undefined {
  const v4 = parseIpv4Bytes(word);
  if (v4) return { family: 'inet', address: v4.join('.'), bytes: v4 };
  const inner = word.startsWith('[') && word.endsWith(']') ? word.slice(1, -1) : word;
  const v6 = parseIpv6Bytes(inner);
  if (v6) return { family: 'inet6', address: formatIpv6(v6), bytes: v6 };
  return undefined;
}

export function bytesToAddress(family: AddressFamily, bytes: readonly number[]): string {
  return family === 'inet' ? bytes.join('.') : formatIpv6(bytes);
}

/** A port word: decimal 0-65535. */
export function parsePort(word: string): number | undefined {
  if (!/^\d{1,5}$/.test(word)) return undefined;
  const n = Number(word);
  return n <= 65535 ? n : undefined;
}
