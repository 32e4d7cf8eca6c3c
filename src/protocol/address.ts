/**
 * IPv4/IPv6 and MAC text ↔ bytes. Parsers return null on bad input (callers decide whether that
 * is a typed rejection or a bug); formatters produce the canonical text (dotted quad, RFC 5952).
 */

export function parseIPv4(text: string): Uint8Array | null {
  const out = new Uint8Array(4);
  return parseIPv4Into(text, out, 0) ? out : null;
}

function parseIPv4Into(text: string, out: Uint8Array, offset: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    // Leading zeros are refused: inet_pton does, and they are octal to some tools.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return false;
    const v = Number(p);
    if (v > 255) return false;
    out[offset + i] = v;
  }
  return true;
}

export function parseIPv6(text: string): Uint8Array | null {
  if (text.length === 0 || text.length > 45 || text.includes('%')) return null;
  const out = new Uint8Array(16);
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1]!.split(':')) : [];
  const groups: number[] = [];
  const push = (list: string[], allowV4Last: boolean): boolean => {
    for (let i = 0; i < list.length; i++) {
      const g = list[i]!;
      if (allowV4Last && i === list.length - 1 && g.includes('.')) {
        const v4 = new Uint8Array(4);
        if (!parseIPv4Into(g, v4, 0)) return false;
        groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
      groups.push(parseInt(g, 16));
    }
    return true;
  };
  if (halves.length === 1) {
    if (!push(head, true) || groups.length !== 8) return null;
  } else {
    if (!push(head, false)) return null;
    const headCount = groups.length;
    if (!push(tail, true)) return null;
    const tailGroups = groups.splice(headCount);
    // "::" stands for at least one zero group.
    const missing = 8 - headCount - tailGroups.length;
    if (missing < 1) return null;
    for (let i = 0; i < missing; i++) groups.push(0);
    groups.push(...tailGroups);
  }
  for (let i = 0; i < 8; i++) {
    out[i * 2] = groups[i]! >> 8;
    out[i * 2 + 1] = groups[i]! & 0xff;
  }
  return out;
}

export function formatIPv4(bytes: Uint8Array, offset = 0): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

/** RFC 5952: lowercase, no leading zeros, longest run (≥ 2) of zero groups as "::", first on ties. */
export function formatIPv6(bytes: Uint8Array, offset = 0): string {
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i <= 8; i++) {
    const zero = i < 8 && bytes[offset + i * 2] === 0 && bytes[offset + i * 2 + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart > bestLen) {
        bestStart = runStart;
        bestLen = i - runStart;
      }
      runStart = -1;
    }
  }
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      text += '::';
      i += bestLen - 1;
      continue;
    }
    if (text.length > 0 && !text.endsWith(':')) text += ':';
    text += (((bytes[offset + i * 2]! << 8) | bytes[offset + i * 2 + 1]!)).toString(16);
  }
  return text;
}

/** Parse either family; the byte length (4 or 16) tells which. */
export function parseIP(text: string): Uint8Array | null {
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text);
}

export function formatIP(bytes: Uint8Array): string {
  return bytes.length === 4 ? formatIPv4(bytes) : formatIPv6(bytes);
}

/** "02:77:00:00:00:01" (also accepts "-" separators) → 6 bytes. */
/**
 * An address as the kernel reports it (inet_ntop), without an IPv6 zone (`%eth0`), so that text
 * comparison is exact; other text as is.
 */
export function canonicalAddressText(text: string): string {
  const bytes = parseIP(text.split('%')[0] as string);
  return bytes === null ? text : formatIP(bytes);
}

export function parseMac(text: string): Uint8Array | null {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6) return null;
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) {
    const p = parts[i]!;
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return null;
    out[i] = parseInt(p, 16);
  }
  return out;
}

export function formatMac(bytes: Uint8Array, offset = 0): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(bytes[offset + i]!.toString(16).padStart(2, '0'));
  return parts.join(':');
}

export function bytesEqual(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}

/** IPv4 class D (224.0.0.0/4), as IN_MULTICAST. */
export function isIPv4Multicast(bytes: Uint8Array, offset = 0): boolean {
  return (bytes[offset]! & 0xf0) === 0xe0;
}

export function isIPv6Multicast(bytes: Uint8Array, offset = 0): boolean {
  return bytes[offset] === 0xff;
}

/** fe80::/10, the scope an IPv6 instance's adverts leave from (RFC 5798 §5.1.2.1). */
export function isIpv6LinkLocal(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address);
}
