/**
 * Chooses where the daemon's log lines go, from the command line, as keepalived does:
 *
 * - `-l` with `-n`: keepalived's console lines on stderr (JSON lines with `--json`). As in
 *   keepalived, `-l` alone writes nothing to the console, since the daemon forks away from it.
 * - `-g[FILE]`: per-subsystem files in the console form.
 * - syslog through /dev/log with the `-S` facility, unless `-G`.
 * - When neither the console nor syslog gets the lines (`-G`, or no /dev/log, e.g. in a
 *   container) they go to stderr as pino JSON lines, so they are never lost silently.
 * - `-t`: nothing; a config test reports only its diagnostics.
 *
 * `-D` lowers the level to debug.
 */
import { existsSync } from 'node:fs';
import { createLogger, fanOut } from '../../logging/logger.js';
import type { LogFields, Logger, LogSink, Subsystem, WallClock } from '../../logging/types.js';
import { createConsoleSink } from './console.js';
import { createFileSink, type FileSink } from './file.js';
import { createSyslogSink, DEV_LOG, type SyslogSink } from './syslog.js';

export interface HostLoggingSettings {
  readonly clock: WallClock;
  readonly pid: number;
  readonly hostname: string;
  readonly logConsole: boolean;
  readonly dontFork: boolean;
  readonly json: boolean;
  readonly logDetail: number;
  readonly logFile: string | undefined;
  readonly flushLogFile: boolean;
  readonly noSyslog: boolean;
  readonly facility: number;
  readonly configTest: boolean;
  readonly writeStderr: (text: string) => void;
  /** Defaults to /dev/log. */
  readonly syslogPath?: string;
}

export interface HostLogging {
  readonly destinations: readonly ('console' | 'file' | 'syslog' | 'json-stderr')[];
  loggerFor(subsystem: Subsystem, fields?: LogFields): Logger;
  close(): void;
}

export async function createHostLogging(settings: HostLoggingSettings): Promise<HostLogging> {
  const sinks: LogSink[] = [];
  const destinations: HostLogging['destinations'][number][] = [];
  let file: FileSink | undefined;
  let syslog: SyslogSink | undefined;
  if (!settings.configTest) {
    const consoleOn = settings.logConsole && settings.dontFork;
    if (consoleOn) {
      sinks.push(settings.json ? await jsonSink(settings) : createConsoleSink(settings.writeStderr));
      destinations.push('console');
    }
    if (settings.logFile !== undefined) {
      file = createFileSink({ baseName: settings.logFile, flushEachLine: settings.flushLogFile });
      sinks.push(file);
      destinations.push('file');
    }
    const syslogPath = settings.syslogPath ?? DEV_LOG;
    const syslogOn = !settings.noSyslog && existsSync(syslogPath);
    if (syslogOn) {
      syslog = createSyslogSink({ facility: settings.facility, pid: settings.pid, path: syslogPath });
      sinks.push(syslog);
      destinations.push('syslog');
    }
    if (!consoleOn && !syslogOn) {
      sinks.push(await jsonSink(settings));
      destinations.push('json-stderr');
    }
  }
  const sink = fanOut(sinks);
  const level = settings.logDetail > 0 ? 'debug' : 'info';
  return {
    destinations,
    loggerFor: (subsystem, fields) => createLogger({ subsystem, clock: settings.clock, sink, level, fields }),
    close(): void {
      file?.close();
      syslog?.close();
    },
  };
}

async function jsonSink(settings: HostLoggingSettings): Promise<LogSink> {
  const { createJsonSink } = await import('../../logging/json.js');
  return createJsonSink({ write: settings.writeStderr, base: { pid: settings.pid, hostname: settings.hostname } });
}
