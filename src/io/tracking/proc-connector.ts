/**
 * The kernel's process events connector (NETLINK_CONNECTOR, CN_IDX_PROC), what keepalived's
 * track_process.c listens to, through the `netlink` package's raw socket: subscribe with
 * PROC_CN_MCAST_LISTEN, then decode fork/exec/comm/exit events of whole processes (threads are
 * ignored). Needs CAP_NET_ADMIN and the initial PID namespace; any failure is reported, never
 * thrown, so the caller can fall back to scanning /proc.
 */
import { RawNetlinkSocket } from 'netlink';

const NETLINK_CONNECTOR = 11;
const CN_IDX_PROC = 1;
const CN_VAL_PROC = 1;
const NLMSG_DONE = 3;
const PROC_CN_MCAST_LISTEN = 1;
const NLMSG_HDRLEN = 16;
const CN_MSG_LEN = 20;
const EVENT = NLMSG_HDRLEN + CN_MSG_LEN;
const DATA = EVENT + 16;

const PROC_EVENT_FORK = 0x1;
const PROC_EVENT_EXEC = 0x2;
const PROC_EVENT_COMM = 0x200;
const PROC_EVENT_EXIT = 0x80000000;

export type ProcConnectorEvent =
  | { readonly kind: 'fork'; readonly pid: number; readonly parentPid: number }
  | { readonly kind: 'exec'; readonly pid: number }
  | { readonly kind: 'comm'; readonly pid: number }
  | { readonly kind: 'exit'; readonly pid: number };

export type ProcConnector = { readonly ok: true; close(): void } | { readonly ok: false; readonly reason: string };

function listenMessage(): Buffer {
  const message = Buffer.alloc(NLMSG_HDRLEN + CN_MSG_LEN + 4);
  message.writeUInt32LE(message.length, 0);
  message.writeUInt16LE(NLMSG_DONE, 4);
  message.writeUInt32LE(process.pid, 12);
  message.writeUInt32LE(CN_IDX_PROC, 16);
  message.writeUInt32LE(CN_VAL_PROC, 20);
  message.writeUInt16LE(4, 32);
  message.writeUInt32LE(PROC_CN_MCAST_LISTEN, EVENT);
  return message;
}

/** Decodes one datagram; undefined for thread events and events we do not use. */
export function decodeProcEvent(datagram: Buffer): ProcConnectorEvent | undefined {
  if (datagram.length < DATA + 8) return undefined;
  const what = datagram.readUInt32LE(EVENT);
  const pid = datagram.readUInt32LE(DATA);
  const tgid = datagram.readUInt32LE(DATA + 4);
  switch (what) {
    case PROC_EVENT_FORK: {
      if (datagram.length < DATA + 16) return undefined;
      const childPid = datagram.readUInt32LE(DATA + 8);
      const childTgid = datagram.readUInt32LE(DATA + 12);
      return childPid === childTgid ? { kind: 'fork', pid: childPid, parentPid: tgid } : undefined;
    }
    case PROC_EVENT_EXEC: return pid === tgid ? { kind: 'exec', pid } : undefined;
    case PROC_EVENT_COMM: return pid === tgid ? { kind: 'comm', pid } : undefined;
    case PROC_EVENT_EXIT: return pid === tgid ? { kind: 'exit', pid } : undefined;
    default: return undefined;
  }
}

export function openProcConnector(onEvent: (event: ProcConnectorEvent) => void): ProcConnector {
  let socket: RawNetlinkSocket;
  try {
    socket = new RawNetlinkSocket(NETLINK_CONNECTOR, { localGroups: CN_IDX_PROC, recvBufferSize: 1 << 20, sendBufferSize: 1 << 16 });
  } catch (error) {
    return { ok: false, reason: `proc connector unavailable: ${(error as { code?: string }).code ?? String(error)}` };
  }
  socket.unref();
  socket.on('message', (datagram) => {
    const event = decodeProcEvent(datagram);
    if (event !== undefined) onEvent(event);
  });
  socket.on('error', () => undefined);
  try {
    socket.send(listenMessage(), {});
  } catch (error) {
    socket.close();
    return { ok: false, reason: `proc connector subscription failed: ${(error as { code?: string }).code ?? String(error)}` };
  }
  return { ok: true, close: () => socket.close() };
}
