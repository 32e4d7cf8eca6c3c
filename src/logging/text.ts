/**
 * keepalived's text forms of a log line: the console and `-g` file form
 * (`Sun Nov 22 01:02:03 2026: (VI_1) Entering MASTER STATE`) and the syslog datagram glibc's
 * syslog(3) sends (`<30>Nov 22 01:02:03 Keepalived_vrrp[42]: …`). Local time is whatever time
 * zone the process has.
 */
import { SEVERITY } from './facility.js';
import type { LogRecord, Subsystem } from './types.js';
import { INSTANCE_COLON_FIELD, UNPREFIXED_FIELD } from '../ports/logger.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number): string => String(n).padStart(2, '0');
const clock = (d: Date): string => `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;

/** strftime's `%c` in the C locale: `Sun Nov  2 01:02:03 2026` (day padded with a space). */
export function formatCTime(timeMs: number): string {
  const d = new Date(timeMs); // port-ok: formats a given timestamp
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2)} ${clock(d)} ${d.getFullYear()}`;
}

/** syslog's `%h %e %T`: `Nov  2 01:02:03`. */
export function formatSyslogTime(timeMs: number): string {
  const d = new Date(timeMs); // port-ok: formats a given timestamp
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2)} ${clock(d)}`;
}

/**
 * The message as keepalived words it. A record from an instance's child logger carries
 * `instance` as a field; keepalived puts `(VI_1) ` in front of such messages, so callers
 * write the message without it.
 */
export function messageText(record: LogRecord): string {
  const instance = record.fields['instance'];
  if (typeof instance !== 'string' || record.fields[UNPREFIXED_FIELD] === true) return record.message;
  return record.fields[INSTANCE_COLON_FIELD] === true ? `(${instance}): ${record.message}` : `(${instance}) ${record.message}`;
}

export function formatConsoleLine(record: LogRecord): string {
  return `${formatCTime(record.timeMs)}: ${messageText(record)}`;
}

const IDENT_SUFFIX: Record<Subsystem, string> = { parent: '', vrrp: '_vrrp', checker: '_healthcheckers', bfd: '_bfd' };

/**
 * syslog ident per process, as keepalived: Keepalived, Keepalived_vrrp,
 * Keepalived_healthcheckers, Keepalived_bfd; `_namespace` and `_instance` follow when the
 * config sets net_namespace / instance.
 */
export function syslogIdent(subsystem: Subsystem, namespace?: string, instanceName?: string): string {
  return ['Keepalived' + IDENT_SUFFIX[subsystem], namespace, instanceName].filter((p) => p !== undefined && p !== '').join('_');
}

export function syslogPriority(facility: number, record: LogRecord): number {
  return facility * 8 + SEVERITY[record.level];
}

export function formatSyslogDatagram(record: LogRecord, facility: number, ident: string, pid: number): string {
  return `<${syslogPriority(facility, record)}>${formatSyslogTime(record.timeMs)} ${ident}[${pid}]: ${messageText(record)}`;
}

const FILE_PROG: Record<Subsystem, string | undefined> = { parent: undefined, vrrp: 'vrrp', checker: 'healthcheckers', bfd: 'bfd' };

/**
 * `-g FILE`: each process writes its own file, named by inserting `_vrrp`, `_healthcheckers`
 * or `_bfd` (then `_namespace`, `_instance` when set) before the extension of the last path
 * component: /tmp/keepalived.log → /tmp/keepalived_vrrp.log; /tmp/log → /tmp/log_vrrp.
 */
export function logFileName(base: string, subsystem: Subsystem, namespace?: string, instanceName?: string): string {
  const slash = base.lastIndexOf('/');
  const dot = base.lastIndexOf('.');
  const extStart = dot > slash ? dot : base.length;
  const parts = [FILE_PROG[subsystem], namespace, instanceName].filter((p) => p !== undefined && p !== '');
  return base.slice(0, extStart) + parts.map((p) => `_${p}`).join('') + base.slice(extStart);
}
