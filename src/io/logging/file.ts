/**
 * `-g/--log-file`: one append-only file per subsystem, lines in the console form. Lines are
 * buffered and written together shortly after (keepalived's stdio buffering); with
 * `--flush-log-file` every line is written at once. A file that cannot be opened or written
 * is skipped silently: logging never stops the daemon.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { formatConsoleLine, logFileName } from '../../logging/text.js';
import type { LogRecord, LogSink, Subsystem } from '../../logging/types.js';

export interface FileSinkOptions {
  readonly baseName: string;
  readonly flushEachLine: boolean;
  readonly namespace?: string;
  readonly instanceName?: string;
  /** How long buffered lines may wait. */
  readonly flushDelayMs?: number;
}

export interface FileSink extends LogSink {
  flush(): void;
  close(): void;
}

interface OpenFile {
  fd: number | undefined;
  pending: string[];
}

export function createFileSink(options: FileSinkOptions): FileSink {
  const files = new Map<Subsystem, OpenFile>();
  let timer: NodeJS.Timeout | undefined;

  const fileFor = (subsystem: Subsystem): OpenFile => {
    let file = files.get(subsystem);
    if (!file) {
      let fd: number | undefined;
      try {
        fd = openSync(logFileName(options.baseName, subsystem, options.namespace, options.instanceName), 'a', 0o644);
      } catch {
        fd = undefined;
      }
      file = { fd, pending: [] };
      files.set(subsystem, file);
    }
    return file;
  };

  const writeOut = (file: OpenFile): void => {
    if (file.pending.length === 0) return;
    const text = file.pending.join('');
    file.pending = [];
    if (file.fd === undefined) return;
    try {
      writeSync(file.fd, text);
    } catch {
      // a full disk must not stop VRRP
    }
  };

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const file of files.values()) writeOut(file);
  };

  return {
    write(record: LogRecord): void {
      const file = fileFor(record.subsystem);
      file.pending.push(`${formatConsoleLine(record)}\n`);
      if (options.flushEachLine) {
        writeOut(file);
      } else if (!timer) {
        timer = setTimeout(flush, options.flushDelayMs ?? 100);
        timer.unref();
      }
    },
    flush,
    close(): void {
      flush();
      for (const file of files.values()) {
        if (file.fd !== undefined) {
          try {
            closeSync(file.fd);
          } catch {
            // already closed
          }
        }
      }
      files.clear();
    },
  };
}
