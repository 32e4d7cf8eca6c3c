/**
 * The seam between the networking code in src/io/net and the kernel: raw IP and AF_PACKET
 * sockets and interface lookups, by default from the project's addon. Unit tests pass a fake.
 */
import {
  interfaceIndex, isNativeError, PacketSocket, RawIpSocket,
  type NativeError, type RawIpSocketOptions, type ReceivedDatagram, type SendOptions,
} from '../native/index.js';

export interface RawSocketLike {
  joinGroup(group: string, ifindex: number): void;
  leaveGroup(group: string, ifindex: number): void;
  send(payload: Uint8Array, destination: string, options?: SendOptions): NativeError | undefined;
  receive(onDatagram: (datagram: ReceivedDatagram) => void, onError: (error: NativeError) => void): void;
  close(): void;
}

export interface FrameSocketLike {
  send(frame: Uint8Array): NativeError | undefined;
  close(): void;
}

/** Every call may throw a NativeError (EPERM, ENODEV…): callers turn those into returned errors. */
export interface NetHost {
  openRawSocket(options: Omit<RawIpSocketOptions, 'netns'>): RawSocketLike;
  openFrameSocket(ifindex: number): FrameSocketLike;
  interfaceIndex(name: string): number;
}

/** The addon, in the process's network namespace or in `netns` (a file such as /run/netns/blue). */
export function nativeNetHost(netns?: string): NetHost {
  const inNs = netns === undefined ? {} : { netns };
  return {
    openRawSocket: (options) => RawIpSocket.open({ ...options, ...inNs }),
    openFrameSocket: (ifindex) => PacketSocket.open({ ifindex, ...inNs }),
    interfaceIndex: (name) => interfaceIndex(name, netns),
  };
}

/**
 * Text for an expected failure (a system error from the kernel, or the addon missing). Anything
 * else — a TypeError from bad arguments — is a bug and is rethrown.
 */
export function describeFailure(error: unknown): string {
  if (isNativeError(error)) return error.message; // "setsockopt IP_ADD_MEMBERSHIP …: ENODEV (No such device)"
  const unavailable = error instanceof Error && (error as { code?: unknown }).code === 'ERR_NATIVE_UNAVAILABLE';
  if (unavailable) return error.message;
  throw error;
}
