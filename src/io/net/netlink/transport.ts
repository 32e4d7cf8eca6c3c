/**
 * The byte pipe under the netlink code: one NETLINK_ROUTE socket of the `netlink` package, used
 * raw (its high-level layer drops NEW vs DEL and strips nested flags, so framing is ours).
 */
import { RawNetlinkSocket } from 'netlink';
import { NETLINK_ROUTE } from './constants.js';

export interface NetlinkTransport {
  /** Sends one datagram; `done` gets the errno name when the send itself failed. */
  send(datagram: Buffer, done: (error: string | undefined) => void): void;
  /** Every datagram received, and socket errors (ENOBUFS when the kernel dropped events). */
  onDatagram(listener: (datagram: Buffer) => void): void;
  onError(listener: (code: string) => void): void;
  /** Joins an RTNLGRP_* multicast group. */
  join(group: number): void;
  close(): void;
}

export interface SocketTransportOptions {
  /** SO_RCVBUF; event sockets want it large so bursts (many VMACs) are not dropped. */
  readonly receiveBufferBytes?: number;
}

/** A real socket in the calling process's network namespace. Unreferenced: it never keeps the loop alive. */
export function createSocketTransport(options: SocketTransportOptions = {}): NetlinkTransport {
  const socket = new RawNetlinkSocket(NETLINK_ROUTE, {
    recvBufferSize: options.receiveBufferBytes ?? 1 << 20,
    sendBufferSize: 1 << 18,
  });
  socket.unref();
  return {
    send(datagram, done) {
      try {
        socket.send(datagram, {}, (error) => done(error === undefined ? undefined : (error.code ?? 'EIO')));
      } catch (error) {
        done((error as { code?: string }).code ?? 'EIO');
      }
    },
    onDatagram(listener) {
      socket.on('message', (datagram) => listener(datagram));
    },
    onError(listener) {
      socket.on('error', (error) => listener(error.code ?? 'EIO'));
    },
    join(group) {
      socket.addMembership(group);
    },
    close() {
      socket.close();
    },
  };
}
