/**
 * The HTTP status endpoint: a small router over node:http, with limits so slow or abusive clients
 * cannot pin the daemon (header/request timeouts, header size, connection cap, GET/HEAD only).
 * Routes are registered by providers (routes.ts), so other features add pages without touching
 * this file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../ports/logger.js';

export interface HttpRoute {
  /** Exact path (`/metrics`), or a prefix ending in `/` (`/charts/`). */
  readonly path: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
  /** Called once when the server closes (a route holding subscriptions or timers lets go). */
  close?(): void;
}

export interface StatusHttpOptions {
  readonly host: string;
  readonly port: number;
  readonly routes: readonly HttpRoute[];
  readonly log: Logger;
  readonly maxConnections?: number;
}

export interface StatusHttpServer {
  /** Where it listens (the real port when asked for port 0). */
  readonly address: { readonly host: string; readonly port: number };
  close(): Promise<void>;
}

export function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function findRoute(routes: readonly HttpRoute[], pathname: string): HttpRoute | undefined {
  return routes.find((r) => r.path === pathname) ?? routes.find((r) => r.path.endsWith('/') && pathname.startsWith(r.path));
}

export function openStatusHttp(options: StatusHttpOptions): Promise<StatusHttpServer> {
  const server: Server = createServer({ maxHeaderSize: 8 * 1024, requestTimeout: 10_000, headersTimeout: 5_000, keepAliveTimeout: 5_000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://status.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendText(res, 405, 'method not allowed\n');
    }
    const route = findRoute(options.routes, url.pathname);
    if (!route) return sendText(res, 404, 'not found\n');
    Promise.resolve()
      .then(() => route.handle(req, res, url))
      .catch((err: unknown) => {
        options.log.error(`status HTTP ${url.pathname} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) sendText(res, 500, 'internal error\n');
        else res.destroy();
      });
  });
  server.maxConnections = options.maxConnections ?? 64;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        address: { host: address.address, port: address.port },
        close: () =>
          new Promise((done) => {
            for (const route of options.routes) route.close?.();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
