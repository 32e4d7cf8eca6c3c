/** The logging API the rest of keepalived-ts uses, independent of where lines end up. */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Which keepalived process a line belongs to; decides syslog ident and `-g` file. */
export type Subsystem = 'parent' | 'vrrp' | 'checker' | 'bfd';

/** Milliseconds since the epoch; injected so that the core never reads a real clock. */
export type WallClock = () => number;

/** Structured values attached to a line (`{ instance: 'VI_1' }`). */
export type LogFields = Readonly<Record<string, unknown>>;

export interface LogRecord {
  readonly timeMs: number;
  readonly level: LogLevel;
  readonly subsystem: Subsystem;
  readonly message: string;
  readonly fields: LogFields;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `fields` too (e.g. one per VRRP instance). */
  child(fields: LogFields): Logger;
}

/** Where records go: console, files, syslog, a test array. */
export interface LogSink {
  write(record: LogRecord): void;
}
