/**
 * Structured JSON lines through pino, so pino's tools (pino-pretty, transports) read them.
 * The record's own time is written (the injected clock), never pino's.
 * Only the daemon imports this file: `-t` and `-v` never load pino.
 */
import { pino } from 'pino';
import type { LogFields, LogRecord, LogSink } from './types.js';

export interface JsonSinkOptions {
  /** Receives one complete JSON line (with its newline). */
  readonly write: (line: string) => void;
  /** Fields on every line (e.g. pid and hostname, which the composition root knows). */
  readonly base?: LogFields;
}

export function createJsonSink(options: JsonSinkOptions): LogSink {
  const logger = pino(
    { base: options.base ?? null, timestamp: false, level: 'trace' },
    { write: (line: string) => options.write(line) },
  );
  return {
    write(record: LogRecord): void {
      logger[record.level]({ time: record.timeMs, subsystem: record.subsystem, ...record.fields }, record.message);
    },
  };
}
