/**
 * AF_PACKET socket on one interface: sends whole Ethernet frames (gratuitous ARP and unsolicited
 * NA from the real or virtual MAC) and, optionally, receives frames of one ethertype.
 */
import { nativeBinding, type NativeFrameListener, type NativeSocket } from './binding.js';
import type { NativeError } from './errors.js';
import { NativeSocketHandle } from './socket-handle.js';

export interface PacketSocketOptions {
  /** The interface frames are sent on (and received from). */
  readonly ifindex: number;
  /**
   * Ethertype to receive (0x0806 ARP, 0x86dd IPv6, 3 = every frame). Omit for a send-only
   * socket, which then queues nothing in the kernel.
   */
  readonly receiveEthertype?: number;
  /** Do not receive frames this host sends (PACKET_IGNORE_OUTGOING, Linux ≥ 4.20). */
  readonly ignoreOutgoing?: boolean;
  /** A network namespace file (e.g. /run/netns/blue) to open the socket in; default: the process's. */
  readonly netns?: string;
}

export type PacketType = 'host' | 'broadcast' | 'multicast' | 'otherhost' | 'outgoing' | 'other';

export interface ReceivedFrame {
  /** The frame from the destination MAC on (no FCS). */
  readonly frame: Buffer;
  readonly ifindex: number;
  readonly ethertype: number;
  readonly packetType: PacketType;
  /** The frame was longer than the 64 KiB receive buffer and was cut. */
  readonly truncated: boolean;
}

const PACKET_TYPES: readonly PacketType[] = ['host', 'broadcast', 'multicast', 'otherhost', 'outgoing'];

export class PacketSocket extends NativeSocketHandle {
  readonly ifindex: number;

  private constructor(native: NativeSocket, ifindex: number) {
    super(native);
    this.ifindex = ifindex;
  }

  /** Opens and binds the socket. Throws a NativeError (EPERM without CAP_NET_RAW, ENODEV…). */
  static open(options: PacketSocketOptions): PacketSocket {
    const binding = nativeBinding();
    const native = new binding.Socket('packet', options.receiveEthertype ?? 0, options.netns);
    try {
      native.bindInterface(options.ifindex);
      if (options.ignoreOutgoing === true) {
        native.setIntOption(binding.constants.SOL_PACKET, binding.constants.PACKET_IGNORE_OUTGOING, 1);
      }
    } catch (error) {
      native.close();
      throw error;
    }
    return new PacketSocket(native, options.ifindex);
  }

  /** Sends one whole Ethernet frame; returns the error instead of throwing when the kernel refuses. */
  send(frame: Uint8Array, ifindex = this.ifindex): NativeError | undefined {
    return this.native.send(frame, ifindex) as NativeError | undefined;
  }

  /**
   * Starts delivering frames (replacing any previous listener). While receiving, the socket keeps
   * the process alive unless `unref()` was called.
   */
  receive(onFrame: (frame: ReceivedFrame) => void, onError: (error: NativeError) => void): void {
    const listener: NativeFrameListener = (error, frame, ifindex, ethertype, packetType, truncated) => {
      if (error) {
        onError(error as NativeError);
        return;
      }
      onFrame({ frame, ifindex, ethertype, packetType: PACKET_TYPES[packetType] ?? 'other', truncated });
    };
    this.native.start(listener);
  }
}
