/**
 * keepalived-ts's status-interface keywords in global_defs (keepalived has none of these; a
 * config using them is refused by keepalived itself as "Unknown keyword"):
 *
 *   status_socket PATH            Unix status socket path (default /run/keepalived-ts/status.sock)
 *   status_socket_owner USER      owner of the socket file (default: the daemon's user, root)
 *   status_socket_group GROUP     group of the socket file
 *   status_socket_mode MODE       octal permissions (default 0660)
 *   no_status_socket              no status socket at all
 *   status_http [ADDR:]PORT       HTTP /healthz /readyz /status /metrics (off unless given;
 *                                 ADDR defaults to 127.0.0.1, IPv6 as [::1]:PORT)
 */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { GlobalDefs } from '../../model/global.js';
import { leaf, type KeywordSpec, type LineContext } from '../../tree/spec.js';
import { parseHostPort } from '../../values/host-port.js';
import { withHiddenFile } from '../vrrp/context.js';

const E = ConfigErrorClass.GeneralError;

/** Octal permission bits as chmod takes them (`660`, `0660`). */
export function parseMode(text: string): number | undefined {
  return /^0?[0-7]{3}$/.test(text) ? parseInt(text, 8) : undefined;
}

function g(handle: (ctx: LineContext, gd: GlobalDefs) => void): KeywordSpec<GlobalDefs> {
  return leaf((ctx, state) => handle(withHiddenFile(ctx), state));
}

function word(ctx: LineContext, what: string): string | undefined {
  const value = ctx.words[1];
  if (value === undefined) ctx.report(E, `${ctx.words[0] as string} requires ${what}`);
  return value;
}

export const statusKeywords: Record<string, KeywordSpec<GlobalDefs>> = {
  status_socket: g((ctx, gd) => {
    const path = word(ctx, 'a path');
    if (path === undefined) return;
    if (!path.startsWith('/')) return ctx.report(E, `status_socket '${path}' must be an absolute path - ignoring`);
    gd.status.socketPath = path;
  }),
  status_socket_owner: g((ctx, gd) => {
    const user = word(ctx, 'a user name');
    if (user !== undefined) gd.status.socketOwner = user;
  }),
  status_socket_group: g((ctx, gd) => {
    const group = word(ctx, 'a group name');
    if (group !== undefined) gd.status.socketGroup = group;
  }),
  status_socket_mode: g((ctx, gd) => {
    const text = word(ctx, 'an octal mode');
    if (text === undefined) return;
    const mode = parseMode(text);
    if (mode === undefined) return ctx.report(E, `status_socket_mode '${text}' is not an octal mode - ignoring`);
    gd.status.socketMode = mode;
  }),
  no_status_socket: g((_ctx, gd) => {
    gd.status.socketDisabled = true;
  }),
  status_http: g((ctx, gd) => {
    const text = word(ctx, '[ADDR:]PORT');
    if (text === undefined) return;
    const http = parseHostPort(text);
    if (http === undefined) return ctx.report(E, `status_http '${text}' must be [ADDR:]PORT - ignoring`);
    gd.status.http = http;
  }),
};
