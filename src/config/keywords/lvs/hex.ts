/**
 * keepalived's free-format hex strings (UDP_CHECK payload/require_reply): each word is read in
 * pairs of digits from the left, a lone last digit being a byte of its own — `Ab12f 3` is
 * AB 12 0F 03. In reply patterns an X/x digit matches anything; the mask marks the bits that count.
 */
export interface HexBytes {
  readonly bytes: number[];
  readonly mask: number[];
}

function nibble(ch: string, wildcard: boolean): { value: number; mask: number } | undefined {
  if (wildcard && (ch === 'x' || ch === 'X')) return { value: 0, mask: 0 };
  if (!/^[0-9a-fA-F]$/.test(ch)) return undefined;
  return { value: parseInt(ch, 16), mask: 0xf };
}

export function parseHexString(words: readonly string[], allowWildcard: boolean): HexBytes | undefined {
  const bytes: number[] = [];
  const mask: number[] = [];
  for (const word of words) {
    for (let i = 0; i < word.length; i += 2) {
      const hi = nibble(word[i] as string, allowWildcard);
      const loChar = word[i + 1];
      const lo = loChar === undefined ? undefined : nibble(loChar, allowWildcard);
      if (!hi || (loChar !== undefined && !lo)) return undefined;
      if (lo) {
        bytes.push((hi.value << 4) | lo.value);
        mask.push((hi.mask << 4) | lo.mask);
      } else {
        bytes.push(hi.value);
        mask.push(hi.mask);
      }
    }
  }
  return bytes.length > 0 ? { bytes, mask } : undefined;
}
