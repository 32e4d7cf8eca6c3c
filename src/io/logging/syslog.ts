/**
 * syslog over the local datagram socket (/dev/log), in the form glibc's syslog(3) sends.
 * Logging must never take keepalived down: when the socket is absent or the daemon
 * disappears, lines are dropped silently and a reconnect is tried on a later line.
 */
import { createRequire } from 'node:module';
import type * as UnixDgramModule from 'unix-dgram';
import type { UnixDgramSocket } from 'unix-dgram';
import { formatSyslogDatagram, syslogIdent } from '../../logging/text.js';
import type { LogRecord, LogSink, Subsystem } from '../../logging/types.js';

export const DEV_LOG = '/dev/log';
/** Wait this long after a failure before trying the socket again. */
const RETRY_AFTER_MS = 10_000;

export interface SyslogSinkOptions {
  readonly facility: number;
  readonly pid: number;
  readonly path?: string;
  readonly namespace?: string;
  readonly instanceName?: string;
  /** For the retry delay; the record's own clock is not used so that retries follow real time. */
  readonly now?: () => number;
}

export interface SyslogSink extends LogSink {
  close(): void;
}

type UnixDgram = typeof UnixDgramModule;

function loadUnixDgram(): UnixDgram | undefined {
  try {
    return createRequire(import.meta.url)('unix-dgram') as UnixDgram;
  } catch {
    return undefined;
  }
}

export function createSyslogSink(options: SyslogSinkOptions): SyslogSink {
  const path = options.path ?? DEV_LOG;
  const now = options.now ?? Date.now;
  const idents = new Map<Subsystem, string>();
  let socket: UnixDgramSocket | undefined;
  let failedAtMs: number | undefined;

  const drop = (): void => {
    failedAtMs = now();
    const old = socket;
    socket = undefined;
    try {
      old?.close();
    } catch {
      // already closed
    }
  };

  const open = (): UnixDgramSocket | undefined => {
    if (socket) return socket;
    if (failedAtMs !== undefined && now() - failedAtMs < RETRY_AFTER_MS) return undefined;
    const lib = loadUnixDgram();
    if (!lib) {
      failedAtMs = now();
      return undefined;
    }
    try {
      const s = lib.createSocket('unix_dgram');
      let failed = false;
      s.on('error', () => {
        failed = true;
        if (socket === s) drop();
      });
      s.connect(path); // reports failure synchronously through 'error'
      if (failed) {
        drop();
        try {
          s.close();
        } catch {
          // nothing to close
        }
        return undefined;
      }
      socket = s;
      failedAtMs = undefined;
      return s;
    } catch {
      failedAtMs = now();
      return undefined;
    }
  };

  return {
    write(record: LogRecord): void {
      const s = open();
      if (!s) return;
      let ident = idents.get(record.subsystem);
      if (ident === undefined) {
        ident = syslogIdent(record.subsystem, options.namespace, options.instanceName);
        idents.set(record.subsystem, ident);
      }
      const datagram = Buffer.from(formatSyslogDatagram(record, options.facility, ident, options.pid));
      s.send(datagram, (err) => {
        // A congested socket loses this line only; any other error means the socket is gone.
        if (err && err.message !== 'congestion' && socket === s) drop();
      });
    },
    close(): void {
      const s = socket;
      socket = undefined;
      try {
        s?.close();
      } catch {
        // already closed
      }
    },
  };
}
