/** RFC 1071 internet checksum over byte ranges, composable so pseudo-headers need no copying. */

/**
 * Add bytes [start, end) to a running 32-bit ones'-complement accumulator as big-endian 16-bit
 * words. An odd trailing byte is padded with zero, as RFC 1071 requires. Ranges after the first
 * must start on an even offset of the logical message (all our callers sum whole headers).
 */
export function sumBytes(bytes: Uint8Array, start: number, end: number, acc = 0): number {
  let sum = acc;
  let i = start;
  const evenEnd = end - ((end - start) & 1);
  for (; i < evenEnd; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  // Fold often enough that the accumulator never leaves the safe-integer range of bit ops.
  return foldCarries(sum);
}

/** Add one 16-bit word. */
export function sumWord(word: number, acc: number): number {
  return foldCarries(acc + (word & 0xffff));
}

function foldCarries(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

/** Final checksum value to place in a header: ones' complement of the folded sum. */
export function finishChecksum(acc: number): number {
  return ~foldCarries(acc) & 0xffff;
}

/** True when the range, checksum field included, sums to all ones (i.e. verifies). */
export function verifies(acc: number): boolean {
  return foldCarries(acc) === 0xffff;
}
