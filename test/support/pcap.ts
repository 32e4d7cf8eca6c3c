/** Reads classic pcap files (as tcpdump -w writes them) into frames with their capture times. */
export interface CapturedFrame {
  readonly timeUs: number;
  readonly data: Uint8Array;
}

export function readPcap(file: Uint8Array): CapturedFrame[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 24) return [];
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const frames: CapturedFrame[] = [];
  let at = 24;
  while (at + 16 <= file.byteLength) {
    const sec = view.getUint32(at, little);
    const frac = view.getUint32(at + 4, little);
    const length = view.getUint32(at + 8, little);
    if (at + 16 + length > file.byteLength) break; // truncated last record (capture killed mid-write)
    frames.push({ timeUs: sec * 1e6 + (nanos ? frac / 1000 : frac), data: file.subarray(at + 16, at + 16 + length) });
    at += 16 + length;
  }
  return frames;
}

/** Splits an Ethernet II frame into ethertype and payload. */
export function ethernetPayload(frame: Uint8Array): { etherType: number; payload: Uint8Array } {
  return { etherType: (frame[12]! << 8) | frame[13]!, payload: frame.subarray(14) };
}
