/** `[ADDR:]PORT` and `[V6ADDR]:PORT` (status_http, --status-http); a small module so the CLI parser stays light. */
import { parseIpAddress } from './ip.js';

/** Host and port; undefined when malformed. The host defaults to `defaultHost`. */
export function parseHostPort(text: string, defaultHost = '127.0.0.1'): { host: string; port: number } | undefined {
  let host = defaultHost;
  let portText = text;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracket) {
    host = bracket[1] as string;
    portText = bracket[2] as string;
    if (parseIpAddress(host)?.family !== 6) return undefined;
  } else if (text.includes(':')) {
    const colon = text.lastIndexOf(':');
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (parseIpAddress(host)?.family !== 4) return undefined;
  }
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  return port >= 1 && port <= 65535 ? { host, port } : undefined;
}
