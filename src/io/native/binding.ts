/**
 * Loads the project's N-API addon (build/Release/keepalived_ts_native.node, built from native/ by
 * `npm install` through binding.gyp) and describes its raw shape. Loading is lazy: importing this
 * module never fails, so the daemon can fall back or explain when the addon was not built.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Listener of a native packet socket: called (null, frame, ifindex, ethertype, packetType,
 * truncated) per frame, or (error) alone — the other parameters are then not passed.
 */
export type NativeFrameListener = (
  error: Error | null, frame: Buffer, ifindex: number, ethertype: number, packetType: number, truncated: boolean,
) => void;

/**
 * Listener of a native raw IP socket: called (null, data, source, destination, hopLimit, ifindex,
 * truncated, ageMs) per datagram, or (error) alone.
 */
export type NativeDatagramListener = (
  error: Error | null, data: Buffer, source: string, destination: string, hopLimit: number, ifindex: number,
  truncated: boolean, ageMs: number,
) => void;

/** The C++ Socket class (native/socket.h); the typed wrappers are PacketSocket and RawIpSocket. */
export interface NativeSocket {
  close(): void;
  isOpen(): boolean;
  start(listener: NativeFrameListener | NativeDatagramListener): void;
  stop(): void;
  setRef(referenced: boolean): void;
  setIntOption(level: number, name: number, value: number): void;
  bindToDevice(name: string): void;
  bindInterface(ifindex: number): void;
  bindAddress(address: string, scopeId?: number): void;
  membership(join: boolean, group: string, ifindex: number): void;
  multicastInterface(ifindex: number): void;
  /** Packet sockets: send(frame, ifindex). Raw sockets: send(payload, destination, ifindex, hopLimit, source). */
  send(...args: unknown[]): Error | undefined;
}

export type NativeConstantName =
  | 'SOL_SOCKET' | 'SOL_PACKET' | 'IPPROTO_IP' | 'IPPROTO_IPV6' | 'SO_RCVBUF' | 'SO_SNDBUF' | 'SO_PRIORITY' | 'SO_TIMESTAMPNS'
  | 'IP_TOS' | 'IP_TTL' | 'IP_HDRINCL' | 'IP_PKTINFO' | 'IP_MULTICAST_TTL' | 'IP_MULTICAST_LOOP' | 'IP_MULTICAST_ALL'
  | 'IPV6_RECVHOPLIMIT' | 'IPV6_RECVPKTINFO' | 'IPV6_CHECKSUM' | 'IPV6_UNICAST_HOPS' | 'IPV6_MULTICAST_HOPS'
  | 'IPV6_MULTICAST_LOOP' | 'IPV6_MULTICAST_ALL' | 'PACKET_IGNORE_OUTGOING' | 'PACKET_HOST' | 'PACKET_BROADCAST'
  | 'PACKET_MULTICAST' | 'PACKET_OTHERHOST' | 'PACKET_OUTGOING' | 'ETH_P_ALL' | 'ETH_P_ARP' | 'ETH_P_IP' | 'ETH_P_IPV6';

/** The C++ Timer class (native/timer.h): a timerfd whose expiry calls back on the event loop. */
export interface NativeTimer {
  /** Fires once, `delayMs` (fractional; <= 0: at once) from now; arming again replaces it. */
  arm(delayMs: number): void;
  disarm(): void;
  close(): void;
}

export interface NativeBinding {
  Socket: new (kind: 'packet' | 'raw4' | 'raw6', protocol: number, netnsPath?: string) => NativeSocket;
  Timer: new (onExpiry: () => void) => NativeTimer;
  interfaceIndex(name: string, netnsPath?: string): number;
  hardwareAddress(name: string, netnsPath?: string): { type: number; address: Buffer };
  constants: Readonly<Record<NativeConstantName, number>>;
  /**
   * Trims malloc's arenas and unmaps this process's clean, read-only file pages (native/memory.cc),
   * on a worker thread. Absent from an addon built before it existed.
   */
  releaseMemory?(): Promise<{ unmappedKb: number; trimmed: boolean }>;
  /**
   * Whether a listening raw IP socket has a datagram waiting (poll with no timeout; native/readable.cc).
   * Absent from an addon built before it existed.
   */
  anyReadable?(): boolean;
}

const ADDON_FILE = join('build', 'Release', 'keepalived_ts_native.node');

let cached: NativeBinding | Error | undefined;

/** The package root holding build/: searched upwards, as this file runs from src/ or dist/src/. */
function findAddon(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, ADDON_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function load(): NativeBinding | Error {
  if (process.platform !== 'linux') {
    return Object.assign(new Error('the native addon is Linux-only'), { code: 'ERR_NATIVE_UNAVAILABLE' });
  }
  const path = findAddon();
  if (path === undefined) {
    return Object.assign(
      new Error(`native addon not built (${ADDON_FILE} missing): run \`npm rebuild keepalived-ts\` or \`npx node-gyp rebuild\``),
      { code: 'ERR_NATIVE_UNAVAILABLE' },
    );
  }
  try {
    return createRequire(import.meta.url)(path) as NativeBinding;
  } catch (cause) {
    return Object.assign(new Error(`native addon failed to load from ${path}: ${String(cause)}`, { cause }), {
      code: 'ERR_NATIVE_UNAVAILABLE',
    });
  }
}

/** Why the addon cannot be used here, or undefined when it loads. */
export function nativeUnavailable(): Error | undefined {
  cached ??= load();
  return cached instanceof Error ? cached : undefined;
}

/** The loaded addon; throws the load error (code ERR_NATIVE_UNAVAILABLE) when it cannot load. */
export function nativeBinding(): NativeBinding {
  cached ??= load();
  if (cached instanceof Error) throw cached;
  return cached;
}
