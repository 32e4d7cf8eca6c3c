/**
 * Requests over one netlink socket, one at a time: each gets the next sequence number and waits
 * for its ack, error or end of dump. A reply that never comes times out on the Clock port, so a
 * stuck kernel answer delays the queue by at most `timeoutMs` and never blocks callers forever;
 * late replies carry an old sequence number and are ignored.
 */
import { constants } from 'node:os';
import type { Clock } from '../../../ports/clock.js';
import { decodeMessages, encodeMessage, errorCode } from './codec.js';
import type { NetlinkMessage } from './codec.js';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR } from './constants.js';
import type { NetlinkTransport } from './transport.js';

export type Reply =
  | { readonly ok: true; readonly messages: readonly NetlinkMessage[] }
  /** `error` is an errno name (EEXIST, ENODEV…), or ETIMEDOUT when no answer came in time. */
  | { readonly ok: false; readonly error: string };

export const DEFAULT_TIMEOUT_MS = 2000;

const errnoNames = new Map<number, string>(Object.entries(constants.errno).map(([name, code]) => [code, name]));

export function errnoName(code: number): string {
  return errnoNames.get(code) ?? `errno ${code}`;
}

interface Pending {
  readonly type: number;
  readonly flags: number;
  readonly parts: readonly Buffer[];
  readonly resolve: (reply: Reply) => void;
}

export interface RequestChannel {
  /** A change (RTM_NEW… / RTM_DEL…) or a single GET: answered by its messages then the ack. */
  request(type: number, flags: number, parts: readonly Buffer[]): Promise<Reply>;
  /** A dump: answered by every message up to NLMSG_DONE. */
  dump(type: number, parts: readonly Buffer[]): Promise<Reply>;
}

export function createRequestChannel(transport: NetlinkTransport, clock: Clock, timeoutMs = DEFAULT_TIMEOUT_MS): RequestChannel {
  const queue: Pending[] = [];
  let seq = 0;
  let current: { readonly seq: number; readonly dump: boolean; readonly settle: (reply: Reply) => void; readonly messages: NetlinkMessage[] } | undefined;

  transport.onDatagram((datagram) => {
    for (const message of decodeMessages(datagram)) {
      if (current === undefined || message.seq !== current.seq) continue;
      if (message.type === NLMSG_ERROR) {
        const code = errorCode(message) ?? 0;
        current.settle(code === 0 ? { ok: true, messages: current.messages } : { ok: false, error: errnoName(code) });
      } else if (message.type === NLMSG_DONE && current.dump) {
        current.settle({ ok: true, messages: current.messages });
      } else {
        current.messages.push(message);
      }
    }
  });

  const next = (): void => {
    if (current !== undefined) return;
    const item = queue.shift();
    if (item === undefined) return;
    const mySeq = (seq = (seq % 0x7fffffff) + 1);
    let settled = false;
    const timer = clock.setTimer(timeoutMs, () => settle({ ok: false, error: 'ETIMEDOUT' }));
    function settle(reply: Reply): void {
      if (settled) return;
      settled = true;
      clock.clearTimer(timer);
      current = undefined;
      item!.resolve(reply);
      next();
    }
    current = { seq: mySeq, dump: (item.flags & NLM_F_DUMP) === NLM_F_DUMP, settle, messages: [] };
    const datagram = encodeMessage({ type: item.type, flags: item.flags, seq: mySeq, pid: 0 }, item.parts);
    transport.send(datagram, (error) => {
      if (error !== undefined) settle({ ok: false, error });
    });
  };

  const enqueue = (type: number, flags: number, parts: readonly Buffer[]): Promise<Reply> =>
    new Promise((resolve) => {
      queue.push({ type, flags, parts, resolve });
      next();
    });

  return {
    request: (type, flags, parts) => enqueue(type, flags | NLM_F_REQUEST | NLM_F_ACK, parts),
    dump: (type, parts) => enqueue(type, NLM_F_REQUEST | NLM_F_DUMP, parts),
  };
}
