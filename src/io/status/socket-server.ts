/**
 * The Unix status socket. Answers come from the aggregator's cached document, so a request never
 * reaches a subsystem child, and the loop never waits on a client:
 *
 * - at most `maxConnections` clients at once (further ones are refused by the kernel accept path),
 * - a client idle for `idleTimeoutMs` is dropped,
 * - a request line longer than `maxLineBytes` gets an error and the connection closes,
 * - a client that does not read its answers (more than `maxPendingBytes` queued) is dropped,
 * - answering is rate-limited (RequestBudget): a flood costs the daemon a bounded share of a CPU
 *   (on a small host the VRRP child sending adverts competes for it), while a client's first
 *   request in each window is always answered at once, so probes stay responsive during a flood.
 *
 * A socket file left by a daemon that died is replaced; one a live daemon still answers on, or a
 * path that is not a socket at all, is left alone (the status socket is then off, with a log line).
 * On close the file is removed only if it is still ours (same inode).
 */
import { chmodSync, chownSync, lstatSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { StatusView } from '../../actors/aggregator/aggregator.js';
import { answerRequest } from './requests.js';

export interface SocketLimits {
  readonly maxConnections: number;
  readonly idleTimeoutMs: number;
  readonly maxLineBytes: number;
  readonly maxPendingBytes: number;
  /** Rate limit: per window, at most `windowRequests` answers overall and `windowRequestsPerClient` per client. */
  readonly windowMs: number;
  readonly windowRequests: number;
  readonly windowRequestsPerClient: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxConnections: 64,
  idleTimeoutMs: 5_000,
  maxLineBytes: 1024,
  maxPendingBytes: 4 * 1024 * 1024,
  // 2,000 answers a second at most (each is a cached string write: a few % of a CPU).
  windowMs: 100,
  windowRequests: 200,
  windowRequestsPerClient: 20,
};

interface ClientBudget {
  window: number;
  used: number;
}

/** Counts answers per fixed window; wakes waiting clients when the next window opens. */
class RequestBudget {
  readonly #limits: SocketLimits;
  #window = 0;
  #windowEnd = 0;
  #used = 0;
  readonly #waiting = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;

  constructor(limits: SocketLimits) {
    this.#limits = limits;
  }

  take(client: ClientBudget): boolean {
    const now = performance.now();
    if (now >= this.#windowEnd) {
      this.#window++;
      this.#windowEnd = now + this.#limits.windowMs;
      this.#used = 0;
    }
    if (client.window !== this.#window) Object.assign(client, { window: this.#window, used: 0 });
    // The first request of a client in a window always passes: the flood cannot starve a probe.
    if (client.used > 0 && (this.#used >= this.#limits.windowRequests || client.used >= this.#limits.windowRequestsPerClient)) return false;
    this.#used++;
    client.used++;
    return true;
  }

  wait(wake: () => void): void {
    this.#waiting.add(wake);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      const waiting = [...this.#waiting];
      this.#waiting.clear();
      waiting.forEach((w) => w());
    }, Math.max(0, this.#windowEnd - performance.now()));
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#waiting.clear();
  }
}

export interface StatusSocketOptions {
  readonly path: string;
  readonly mode: number;
  readonly uid?: number | undefined;
  readonly gid?: number | undefined;
  readonly view: StatusView;
  readonly limits?: Partial<SocketLimits>;
}

export interface StatusSocket {
  readonly path: string;
  close(): Promise<void>;
}

export async function openStatusSocket(options: StatusSocketOptions): Promise<StatusSocket> {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  const { path } = options;
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  await removeStale(path);
  const clients = new Set<Socket>();
  const budget = new RequestBudget(limits);
  const server = createServer({ allowHalfOpen: true }, (socket) => serve(socket, options.view, limits, budget, clients));
  server.maxConnections = limits.maxConnections;
  await listen(server, path);
  let ino: number;
  try {
    chmodSync(path, options.mode);
    if (options.uid !== undefined || options.gid !== undefined) chownSync(path, options.uid ?? -1, options.gid ?? -1);
    ino = statSync(path).ino;
  } catch (err) {
    server.close();
    throw err;
  }
  return {
    path,
    close: () =>
      new Promise((resolve) => {
        budget.close();
        for (const client of clients) client.destroy();
        server.close(() => resolve());
        try {
          if (statSync(path).ino === ino) unlinkSync(path);
        } catch {
          // already gone
        }
      }),
  };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

/** Removes a dead daemon's socket file; throws when the path is in use or not a socket. */
async function removeStale(path: string): Promise<void> {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return;
  }
  if (!stats.isSocket()) throw new Error(`${path} exists and is not a socket; not replacing it`);
  const alive = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    const done = (answer: boolean): void => {
      probe.destroy();
      resolve(answer);
    };
    probe.setTimeout(1000, () => done(true));
    probe.once('connect', () => done(true));
    probe.once('error', () => done(false));
  });
  if (alive) throw new Error(`${path} is in use by another running process`);
  unlinkSync(path);
}

function serve(socket: Socket, view: StatusView, limits: SocketLimits, budget: RequestBudget, clients: Set<Socket>): void {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('error', () => socket.destroy());
  socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy());
  const mine: ClientBudget = { window: 0, used: 0 };
  let buffer = '';
  let ended = false;
  let waiting = false;

  /** The request at the head was already waited for (answered even if the refresh gave up). */
  let refreshed = false;
  const mustRefresh = (line: string): boolean =>
    !refreshed && wantsCounters(line) && view.refresh !== undefined && view.isFresh?.() === false;

  /** Answers stay in request order: read nothing more until the counters are in. */
  const refreshThenPump = (): void => {
    waiting = true;
    socket.pause();
    void view.refresh?.().then(() => {
      waiting = false;
      refreshed = true;
      if (socket.destroyed) return;
      socket.resume();
      pump();
    });
  };

  const reply = (line: string): boolean => {
    if (socket.writableLength > limits.maxPendingBytes) {
      socket.destroy();
      return false;
    }
    socket.write(`${answerRequest(line, view)}\n`);
    return true;
  };
  const pump = (): void => {
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      if (newline > limits.maxLineBytes) return tooLong(socket);
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      if (mustRefresh(line)) return refreshThenPump();
      if (!budget.take(mine)) {
        // Over budget: stop reading (the kernel buffer then pushes back on the client).
        waiting = true;
        socket.pause();
        budget.wait(() => {
          waiting = false;
          if (socket.destroyed) return;
          socket.resume();
          pump();
        });
        return;
      }
      refreshed = false;
      buffer = buffer.slice(newline + 1);
      if (!reply(line)) return;
    }
    if (buffer.length > limits.maxLineBytes) return tooLong(socket);
    if (ended) {
      // A last request without its newline is still answered.
      if (mustRefresh(buffer)) return refreshThenPump();
      if (buffer.trim() !== '' && !socket.destroyed) reply(buffer);
      buffer = '';
      socket.end();
    }
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    if (!waiting) pump();
  });
  socket.on('end', () => {
    ended = true;
    if (!waiting) pump();
  });
}

/** STATUS carries the counters, which the view may have to fetch first (see StatusView.refresh). */
function wantsCounters(line: string): boolean {
  return /^\s*status\s*$/i.test(line);
}

function tooLong(socket: Socket): void {
  socket.removeAllListeners('data');
  socket.removeAllListeners('end');
  socket.end('ERROR request too long\n');
}
