import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportLinkChanges } from '../../../../src/actors/vrrp/link-reporter.js';
import { MemoryLinkMonitor } from '../../../../src/sim/net/link-table.js';
import type { Logger } from '../../../../src/ports/logger.js';

function recordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: (message) => void lines.push(message),
    warn: () => undefined,
    error: () => undefined,
    child: () => logger,
  };
  return logger;
}

test('a link in use going down or up is reported once per change, in keepalived\'s words, until unsubscribed', () => {
  const monitor = new MemoryLinkMonitor([
    { name: 'eth0', mac: '52:54:00:00:00:0a', addresses: [] },
    { name: 'eth1', mac: '52:54:00:00:00:0b', addresses: [], up: false },
    { name: 'peer0', mac: '52:54:00:00:00:0c', addresses: [] },
  ]);
  const lines: string[] = [];
  const stop = reportLinkChanges(monitor, recordingLogger(lines), (name) => name !== 'peer0');
  monitor.setUp('peer0', false);
  monitor.setUp('eth0', false);
  monitor.setUp('eth0', false);
  monitor.addAddress('eth0', { family: 'ipv4', address: '192.168.1.1', prefixLength: 24 });
  monitor.setUp('eth1', true);
  monitor.setUp('eth0', true);
  stop();
  monitor.setUp('eth0', false);
  assert.deepEqual(lines, ['Netlink reports eth0 down', 'Netlink reports eth1 up', 'Netlink reports eth0 up']);
});
