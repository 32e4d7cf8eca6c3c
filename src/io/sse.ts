/**
 * Server-sent events over node:http: the one-way feed of the live chart view (src/charts/live).
 * Bounded (a client cap, and a slow client that stops draining is dropped rather than buffered
 * without end), with a comment line every 15 s so proxies keep the stream open.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SseChannel {
  /** Serve one client: headers, then every event sent from now on. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  send(event: string, data: unknown): void;
  readonly clients: number;
  close(): void;
}

export interface SseOptions {
  readonly maxClients?: number;
  readonly heartbeatMs?: number;
  /** Sent to each client as it connects (e.g. the current snapshot). */
  readonly greeting?: () => { readonly event: string; readonly data: unknown } | undefined;
}

const MAX_BUFFERED = 1 << 20;

export function frame(event: string, data: unknown): string {
  // JSON never contains a raw newline, so one data: line is enough.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function createSseChannel(options: SseOptions = {}): SseChannel {
  const clients = new Set<ServerResponse>();
  const maxClients = options.maxClients ?? 16;
  const write = (res: ServerResponse, text: string): void => {
    if (res.writableLength > MAX_BUFFERED) {
      clients.delete(res);
      res.destroy();
      return;
    }
    res.write(text);
  };
  const heartbeat = setInterval(() => clients.forEach((res) => write(res, ': keep-alive\n\n')), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  return {
    handle(req, res) {
      if (clients.size >= maxClients) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' });
        res.end('too many live viewers\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 2000\n\n');
      clients.add(res);
      const greeting = options.greeting?.();
      if (greeting !== undefined) write(res, frame(greeting.event, greeting.data));
      const drop = (): void => void clients.delete(res);
      req.on('close', drop);
      res.on('close', drop);
    },
    send(event, data) {
      const text = frame(event, data);
      clients.forEach((res) => write(res, text));
    },
    get clients() {
      return clients.size;
    },
    close() {
      clearInterval(heartbeat);
      clients.forEach((res) => res.end());
      clients.clear();
    },
  };
}
