/** createLogger: builds records with an injected clock and hands them to sinks. */
import type { LogFields, Logger, LogLevel, LogRecord, LogSink, Subsystem, WallClock } from './types.js';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  readonly subsystem: Subsystem;
  readonly clock: WallClock;
  readonly sink: LogSink;
  /** Lowest level written; keepalived's `-D` lowers it to debug. Default info. */
  readonly level?: LogLevel;
  readonly fields?: LogFields;
}

export function createLogger(options: LoggerOptions): Logger {
  const minimum = LEVEL_RANK[options.level ?? 'info'];
  const bound = options.fields ?? {};
  const emit = (level: LogLevel, message: string, fields: LogFields | undefined): void => {
    if (LEVEL_RANK[level] < minimum) return;
    const record: LogRecord = {
      timeMs: options.clock(),
      level,
      subsystem: options.subsystem,
      message,
      fields: fields === undefined ? bound : { ...bound, ...fields },
    };
    options.sink.write(record);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger({ ...options, fields: { ...bound, ...fields } }),
  };
}

/** Sends every record to each sink in turn. */
export function fanOut(sinks: readonly LogSink[]): LogSink {
  return { write: (record) => sinks.forEach((sink) => sink.write(record)) };
}

/** A sink that keeps records, for tests and for buffering before the real sinks exist. */
export function memorySink(): LogSink & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  return { records, write: (record) => void records.push(record) };
}
