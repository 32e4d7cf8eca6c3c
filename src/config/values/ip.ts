/**
 * IP address parsing with inet_pton(3)'s rules (glibc): IPv4 is exactly four dotted decimal
 * octets without leading zeros; IPv6 is the RFC 4291 text form, optionally ending in an IPv4 part.
 * Parsers return `undefined` for text inet_pton would reject; callers word the diagnostic.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
  readonly bytes: readonly number[];
  /** The canonical text form (dotted quad; RFC 5952 for IPv6). */
  readonly text: string;
}

/**
 * Four dotted decimal octets, 0-255, no leading zeros (inet_pton's IPv4). A character loop rather
 * than a regex with captures: it runs for every address of a config and allocates only the bytes.
 */
export function parseIPv4Bytes(s: string): number[] | undefined {
  const n = s.length;
  if (n < 7 || n > 15) return undefined;
  const out: number[] = [0, 0, 0, 0];
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part === 3) return undefined;
      out[part++] = value;
      value = 0;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57 || (digits > 0 && value === 0)) return undefined;
    value = value * 10 + (c - 48);
    if (++digits > 3 || value > 255) return undefined;
  }
  if (part !== 3 || digits === 0) return undefined;
  out[3] = value;
  return out;
}

export function parseIPv6Bytes(s: string): number[] | undefined {
  if (s.length === 0) return undefined;
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    // An embedded IPv4 tail stands for the last two groups.
    const v4 = parseIPv4Bytes(text.slice(lastColon + 1));
    if (!v4) return undefined;
    const hi = (((v4[0] as number) << 8) | (v4[1] as number)).toString(16);
    const lo = (((v4[2] as number) << 8) | (v4[3] as number)).toString(16);
    text = `${text.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0] as string);
  const rest = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return bytes;
}

export function formatIPv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  // The longest run of two or more zero groups becomes "::" (RFC 5952).
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
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

export function parseIpAddress(s: string): IpAddress | undefined {
  const v4 = parseIPv4Bytes(s);
  // A valid dotted quad is already in canonical form (no leading zeros, no sign, no spaces).
  if (v4) return { family: 4, bytes: v4, text: s };
  if (!s.includes(':')) return undefined;
  const v6 = parseIPv6Bytes(s);
  if (v6) return { family: 6, bytes: v6, text: formatIPv6(v6) };
  return undefined;
}

export function maxPrefixLength(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

export function isMulticast(a: IpAddress): boolean {
  return a.family === 4 ? ((a.bytes[0] as number) & 0xf0) === 0xe0 : a.bytes[0] === 0xff;
}

export function isLinkLocalV6(a: IpAddress): boolean {
  return a.family === 6 && a.bytes[0] === 0xfe && ((a.bytes[1] as number) & 0xc0) === 0x80;
}
