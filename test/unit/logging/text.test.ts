import { test } from 'node:test';
import assert from 'node:assert/strict';
// Local-time formatting is checked in UTC.
process.env['TZ'] = 'UTC';
import {
  formatConsoleLine,
  formatCTime,
  formatSyslogDatagram,
  logFileName,
  syslogIdent,
} from '../../../src/logging/text.js';
import { FACILITY, parseFacility } from '../../../src/logging/facility.js';
import type { LogRecord } from '../../../src/logging/types.js';
import { INSTANCE_COLON_FIELD, UNPREFIXED_FIELD } from '../../../src/ports/logger.js';

const NOV_22 = Date.UTC(2026, 10, 22, 1, 2, 3);
const NOV_2 = Date.UTC(2026, 10, 2, 1, 2, 3);
const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  timeMs: NOV_22,
  level: 'info',
  subsystem: 'vrrp',
  message: 'Entering MASTER STATE',
  fields: { instance: 'VI_1' },
  ...over,
});

test('console line: strftime %c then the message, instance in brackets', () => {
  assert.equal(formatConsoleLine(record()), 'Sun Nov 22 01:02:03 2026: (VI_1) Entering MASTER STATE');
  assert.equal(formatCTime(NOV_2), 'Mon Nov  2 01:02:03 2026');
  assert.equal(formatConsoleLine(record({ fields: {}, message: 'Starting' })), 'Sun Nov 22 01:02:03 2026: Starting');
  // The one line keepalived 2.2.7 writes with a colon after the instance.
  const colon = record({ message: 'entering FAULT state (interface eth1 down)', fields: { instance: 'VI_2', [INSTANCE_COLON_FIELD]: true } });
  assert.equal(formatConsoleLine(colon), 'Sun Nov 22 01:02:03 2026: (VI_2): entering FAULT state (interface eth1 down)');
  // An instance's line that keepalived writes without the instance's name.
  const frame = record({ level: 'debug', message: 'Sending gratuitous ARP on eth0 for 192.0.2.100', fields: { instance: 'VI_1', [UNPREFIXED_FIELD]: true } });
  assert.equal(formatConsoleLine(frame), 'Sun Nov 22 01:02:03 2026: Sending gratuitous ARP on eth0 for 192.0.2.100');
});

test('syslog datagram: <PRI>Mmm dd hh:mm:ss ident[pid]: msg', () => {
  assert.equal(formatSyslogDatagram(record(), FACILITY.daemon, 'Keepalived_vrrp', 42), '<30>Nov 22 01:02:03 Keepalived_vrrp[42]: (VI_1) Entering MASTER STATE');
  assert.equal(formatSyslogDatagram(record({ timeMs: NOV_2, level: 'error' }), FACILITY.local7, 'Keepalived', 7), '<187>Nov  2 01:02:03 Keepalived[7]: (VI_1) Entering MASTER STATE');
  assert.match(formatSyslogDatagram(record({ level: 'warn' }), FACILITY.user, 'K', 1), /^<12>/);
  assert.match(formatSyslogDatagram(record({ level: 'debug' }), FACILITY.local0, 'K', 1), /^<135>/);
});

test('syslog idents per subsystem', () => {
  assert.equal(syslogIdent('parent'), 'Keepalived');
  assert.equal(syslogIdent('vrrp'), 'Keepalived_vrrp');
  assert.equal(syslogIdent('checker'), 'Keepalived_healthcheckers');
  assert.equal(syslogIdent('bfd'), 'Keepalived_bfd');
  assert.equal(syslogIdent('vrrp', 'ns1', 'inst'), 'Keepalived_vrrp_ns1_inst');
});

test('-g file names: subsystem inserted before the extension of the last component', () => {
  assert.equal(logFileName('/tmp/keepalived.log', 'parent'), '/tmp/keepalived.log');
  assert.equal(logFileName('/tmp/keepalived.log', 'vrrp'), '/tmp/keepalived_vrrp.log');
  assert.equal(logFileName('/tmp/keepalived.log', 'checker'), '/tmp/keepalived_healthcheckers.log');
  assert.equal(logFileName('/tmp/keepalived.log', 'bfd'), '/tmp/keepalived_bfd.log');
  assert.equal(logFileName('/var/log.d/keepalived', 'vrrp'), '/var/log.d/keepalived_vrrp');
  assert.equal(logFileName('/tmp/k.a.log', 'vrrp'), '/tmp/k.a_vrrp.log');
  assert.equal(logFileName('k.log', 'vrrp', 'ns', 'i'), 'k_vrrp_ns_i.log');
});

test('facility names', () => {
  assert.equal(parseFacility('3'), FACILITY.local3);
  assert.equal(parseFacility('local5'), FACILITY.local5);
  assert.equal(parseFacility('daemon'), 3);
  assert.equal(parseFacility('user'), 1);
  assert.equal(parseFacility('local8'), undefined);
  assert.equal(parseFacility(' 3'), undefined);
});
