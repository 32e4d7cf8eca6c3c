/**
 * Address comparison for the VRRP election tie-break (RFC 5798 §6.4.3: on equal priority the
 * router with the higher primary IP address wins). Addresses compare as unsigned bytes in
 * network order, as keepalived does, so 10.0.0.9 < 10.0.0.10.
 */

/** An address as text ("192.0.2.1", "fe80::1") or as raw network-order bytes. */
export type AddressLike = string | Uint8Array;

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const bytes: number[] = [];
  const groups = text.split(':');
  for (const [index, group] of groups.entries()) {
    // An embedded IPv4 tail ("::ffff:192.0.2.1") fills the last 32 bits.
    if (index === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (v4 === undefined) return undefined;
      bytes.push(...v4);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

function parseIpv6(text: string): number[] | undefined {
  const zoneless = text.split('%')[0] ?? '';
  const halves = zoneless.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  if (head === undefined) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  const tail = parseGroups(halves[1] ?? '');
  if (tail === undefined) return undefined;
  const gap = 16 - head.length - tail.length;
  if (gap < 2) return undefined;
  return [...head, ...new Array<number>(gap).fill(0), ...tail];
}

/** Network-order bytes of an address; throws on text that is neither IPv4 nor IPv6. */
export function addressBytes(address: AddressLike): Uint8Array {
  if (typeof address !== 'string') return address;
  const bytes = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  if (bytes === undefined) throw new Error(`not an IP address: ${address}`);
  return Uint8Array.from(bytes);
}

/** -1, 0 or 1 as `a` is lower than, equal to or higher than `b`, bytewise unsigned. */
export function compareAddresses(a: AddressLike, b: AddressLike): -1 | 0 | 1 {
  const x = addressBytes(a);
  const y = addressBytes(b);
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    if (xi !== yi) return xi < yi ? -1 : 1;
  }
  if (x.length === y.length) return 0;
  return x.length < y.length ? -1 : 1;
}

/** Text form for logs and notifications (bytes are shown dotted or as hex groups). */
export function addressText(address: AddressLike): string {
  if (typeof address === 'string') return address;
  if (address.length === 4) return Array.from(address).join('.');
  const groups: string[] = [];
  for (let i = 0; i + 1 < address.length; i += 2) groups.push((((address[i] ?? 0) << 8) | (address[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
