import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as UnixDgram from 'unix-dgram';
import { createSyslogSink } from '../../../src/io/logging/syslog.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FACILITY } from '../../../src/logging/facility.js';

const unixDgram = createRequire(import.meta.url)('unix-dgram') as typeof UnixDgram;

test('syslog datagrams reach a datagram socket in the classic form', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-syslog-'));
  const path = join(dir, 'log');
  const server = unixDgram.createSocket('unix_dgram');
  const received: string[] = [];
  const two = new Promise<void>((resolve) => {
    server.on('message', (msg: Buffer) => {
      received.push(msg.toString());
      if (received.length === 2) resolve();
    });
  });
  server.bind(path);
  const sink = createSyslogSink({ facility: FACILITY.local1, pid: 4242, path });
  try {
    const clock = () => Date.UTC(2026, 10, 22, 1, 2, 3);
    createLogger({ subsystem: 'vrrp', clock, sink }).child({ instance: 'VI_1' }).info('Entering MASTER STATE');
    createLogger({ subsystem: 'checker', clock, sink }).error('gone');
    await two;
    assert.match(received[0]!, /^<142>Nov 2\d \d\d:02:03 Keepalived_vrrp\[4242\]: \(VI_1\) Entering MASTER STATE$/);
    assert.match(received[1]!, /^<139>\w{3} [ \d]\d \d\d:\d\d:\d\d Keepalived_healthcheckers\[4242\]: gone$/);
  } finally {
    sink.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no syslog socket: lines are dropped silently', () => {
  const sink = createSyslogSink({ facility: FACILITY.daemon, pid: 1, path: '/nonexistent/dev/log' });
  const log = createLogger({ subsystem: 'parent', clock: () => 0, sink });
  assert.doesNotThrow(() => {
    log.info('one');
    log.info('two');
  });
  sink.close();
});
