/**
 * The daemon's status interfaces — Unix socket and HTTP — over the aggregator's view. Loaded only
 * when one of them is configured. `configure` is called at start and after each reload: an
 * interface whose settings did not change keeps running (and keeps its clients).
 * A failure to open one is logged and leaves the daemon running without it.
 */
import type { StatusView } from '../../actors/aggregator/aggregator.js';
import type { Logger } from '../../ports/logger.js';
import { systemUserDatabase } from '../scripts/users.js';
import { openStatusHttp, type StatusHttpServer } from './http-server.js';
import { buildRoutes } from './routes.js';
import { openStatusSocket, type StatusSocket } from './socket-server.js';

export interface StatusSettings {
  readonly socket: { readonly path: string; readonly mode: number; readonly owner?: string | undefined; readonly group?: string | undefined } | undefined;
  readonly http: { readonly host: string; readonly port: number } | undefined;
}

export interface StatusInterfaces {
  configure(settings: StatusSettings): Promise<void>;
  close(): Promise<void>;
}

export function openStatusInterfaces(view: StatusView, log: Logger): StatusInterfaces {
  let socket: { key: string; server: StatusSocket | undefined } | undefined;
  let http: { key: string; server: StatusHttpServer | undefined } | undefined;

  const openSocket = async (s: NonNullable<StatusSettings['socket']>): Promise<StatusSocket | undefined> => {
    try {
      const db = systemUserDatabase();
      const user = s.owner === undefined ? undefined : db.user(s.owner);
      if (s.owner !== undefined && user === undefined) throw new Error(`unknown user ${s.owner}`);
      const gid = s.group === undefined ? undefined : db.group(s.group);
      if (s.group !== undefined && gid === undefined) throw new Error(`unknown group ${s.group}`);
      const server = await openStatusSocket({ path: s.path, mode: s.mode, uid: user?.uid, gid: gid ?? user?.gid, view });
      log.debug(`Status socket listening on ${s.path}`);
      return server;
    } catch (err) {
      log.warn(`Status socket ${s.path} not opened: ${describe(err)}`);
      return undefined;
    }
  };

  const openHttp = async (h: NonNullable<StatusSettings['http']>): Promise<StatusHttpServer | undefined> => {
    try {
      const server = await openStatusHttp({ host: h.host, port: h.port, routes: buildRoutes({ view, log }), log });
      log.info(`Status HTTP listening on ${h.host.includes(':') ? `[${h.host}]` : h.host}:${server.address.port}`);
      return server;
    } catch (err) {
      log.warn(`Status HTTP ${h.host}:${h.port} not opened: ${describe(err)}`);
      return undefined;
    }
  };

  return {
    async configure(settings) {
      const socketKey = JSON.stringify(settings.socket ?? null);
      if (socket?.key !== socketKey) {
        await socket?.server?.close();
        socket = { key: socketKey, server: settings.socket ? await openSocket(settings.socket) : undefined };
      }
      const httpKey = JSON.stringify(settings.http ?? null);
      if (http?.key !== httpKey) {
        await http?.server?.close();
        http = { key: httpKey, server: settings.http ? await openHttp(settings.http) : undefined };
      }
    },
    async close() {
      await Promise.all([socket?.server?.close(), http?.server?.close()]);
      socket = http = undefined;
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
