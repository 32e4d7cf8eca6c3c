/**
 * The status interfaces' effective settings: global_defs (status_socket…, status_http) with the
 * command line on top (`--status-socket=PATH`, `--status-http=[ADDR:]PORT`). The socket is on by
 * default; HTTP is off unless asked for.
 */
import type { StatusInterfaceDefs } from '../../config/model/global.js';

export const DEFAULT_STATUS_SOCKET = '/run/keepalived-ts/status.sock';
export const DEFAULT_STATUS_SOCKET_MODE = 0o660;

export interface StatusCliOptions {
  readonly statusSocket: string | undefined;
  readonly statusHttp: { readonly host: string; readonly port: number } | undefined;
}

export interface ResolvedStatusSettings {
  readonly socket: { readonly path: string; readonly mode: number; readonly owner: string | undefined; readonly group: string | undefined } | undefined;
  readonly http: { readonly host: string; readonly port: number } | undefined;
}

/** `defaultSocket` moves the default path (tests keep parallel daemons apart this way). */
export function resolveStatusSettings(defs: StatusInterfaceDefs, cli: StatusCliOptions, defaultSocket = DEFAULT_STATUS_SOCKET): ResolvedStatusSettings {
  const path = cli.statusSocket ?? (defs.socketDisabled ? undefined : (defs.socketPath ?? defaultSocket));
  return {
    socket: path === undefined ? undefined : { path, mode: defs.socketMode ?? DEFAULT_STATUS_SOCKET_MODE, owner: defs.socketOwner, group: defs.socketGroup },
    http: cli.statusHttp ?? defs.http,
  };
}
