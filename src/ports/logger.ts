/**
 * The logging seam: what the core may call to log. The implementation (levels, sinks, syslog,
 * JSON) lives in src/logging; its Logger satisfies this interface structurally.
 */

/** Structured values attached to a line (`{ instance: 'VI_1' }`). */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * A field for the one line keepalived 2.2.7 writes with a colon after the instance's name,
 * "(VI_1): entering FAULT state (interface eth1 down)", so that watchers of that line match ours.
 */
export const INSTANCE_COLON_FIELD = 'instanceColon';

/**
 * A field for lines an instance logs that keepalived writes without the instance's name
 * ("Sending gratuitous ARP on eth0 for 192.0.2.100"); the structured record keeps `instance`.
 */
export const UNPREFIXED_FIELD = 'unprefixed';

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines also carry `fields` (e.g. one per VRRP instance or per actor). */
  child(fields: LogFields): Logger;
}
