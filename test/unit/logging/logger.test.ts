import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, memorySink } from '../../../src/logging/logger.js';
import { createJsonSink } from '../../../src/logging/json.js';
import { createFileSink } from '../../../src/io/logging/file.js';
import { createHostLogging } from '../../../src/io/logging/setup.js';
import { commandLineLines } from '../../../src/cli/startup-lines.js';

test('levels, structured fields and child loggers', () => {
  const sink = memorySink();
  let now = 1000;
  const log = createLogger({ subsystem: 'vrrp', clock: () => now++, sink });
  log.debug('hidden');
  log.info('hello', { a: 1 });
  const vi = log.child({ instance: 'VI_1' });
  vi.warn('Entering MASTER STATE', { priority: 100 });
  assert.deepEqual(sink.records, [
    { timeMs: 1000, level: 'info', subsystem: 'vrrp', message: 'hello', fields: { a: 1 } },
    { timeMs: 1001, level: 'warn', subsystem: 'vrrp', message: 'Entering MASTER STATE', fields: { instance: 'VI_1', priority: 100 } },
  ]);
  const detailed = createLogger({ subsystem: 'parent', clock: () => 0, sink, level: 'debug' });
  detailed.debug('shown');
  assert.equal(sink.records.at(-1)?.message, 'shown');
});

test('JSON lines through pino with the injected time', () => {
  const lines: string[] = [];
  const log = createLogger({ subsystem: 'vrrp', clock: () => 1234, sink: createJsonSink({ write: (l) => void lines.push(l), base: { pid: 9 } }) });
  log.child({ instance: 'VI_1' }).error('boom', { code: 3 });
  assert.equal(lines.length, 1);
  assert.deepEqual(JSON.parse(lines[0]!), { level: 50, pid: 9, time: 1234, subsystem: 'vrrp', instance: 'VI_1', code: 3, msg: 'boom' });
});

test('-g writes one file per subsystem, flushed on demand or at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-log-'));
  try {
    const base = join(dir, 'keepalived.log');
    const buffered = createFileSink({ baseName: base, flushEachLine: false });
    const log = (subsystem: 'parent' | 'vrrp') => createLogger({ subsystem, clock: () => Date.UTC(2026, 0, 1), sink: buffered });
    log('parent').info('parent line');
    log('vrrp').info('vrrp line');
    buffered.close();
    assert.match(readFileSync(base, 'utf8'), /: parent line\n$/);
    assert.match(readFileSync(join(dir, 'keepalived_vrrp.log'), 'utf8'), /: vrrp line\n$/);
    const eager = createFileSink({ baseName: base, flushEachLine: true });
    createLogger({ subsystem: 'bfd', clock: () => 0, sink: eager }).info('at once');
    assert.match(readFileSync(join(dir, 'keepalived_bfd.log'), 'utf8'), /: at once\n$/);
    eager.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('destinations: console with -l -n, JSON on stderr when nothing else, nothing for -t', async () => {
  const base = {
    clock: () => 0, pid: 1, hostname: 'h', json: false, logDetail: 0, logFile: undefined, flushLogFile: false,
    facility: 3, configTest: false, syslogPath: '/nonexistent/dev-log',
  };
  const err: string[] = [];
  const writeStderr = (t: string) => void err.push(t);
  const consoleOnly = await createHostLogging({ ...base, logConsole: true, dontFork: true, noSyslog: true, writeStderr });
  assert.deepEqual(consoleOnly.destinations, ['console']);
  consoleOnly.loggerFor('vrrp', { instance: 'VI_1' }).info('Entering MASTER STATE');
  assert.match(err.pop()!, /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}: \(VI_1\) Entering MASTER STATE\n$/);
  const fallback = await createHostLogging({ ...base, logConsole: true, dontFork: false, noSyslog: false, writeStderr });
  assert.deepEqual(fallback.destinations, ['json-stderr']);
  fallback.loggerFor('parent').info('x');
  assert.equal((JSON.parse(err.pop()!) as { msg: string }).msg, 'x');
  const test = await createHostLogging({ ...base, logConsole: true, dontFork: true, noSyslog: false, configTest: true, writeStderr });
  assert.deepEqual(test.destinations, []);
});

test('Command line start-up line wraps at keepalived\'s width', () => {
  const argv = ['keepalived', '-n', '-l', '-D', '-G', '-f', '/tmp/kp/ok.conf', '-p', '/tmp/kp/k.pid', '-r', '/tmp/kp/v.pid', '-c', '/tmp/kp/c.pid', '-b', '/tmp/kp/b.pid'];
  assert.deepEqual(commandLineLines(argv), [
    "Command line: 'keepalived' '-n' '-l' '-D' '-G' '-f' '/tmp/kp/ok.conf' '-p' '/tmp/kp/k.pid' '-r'",
    "              '/tmp/kp/v.pid' '-c' '/tmp/kp/c.pid' '-b' '/tmp/kp/b.pid'",
  ]);
  assert.deepEqual(commandLineLines(['keepalived', '-n']), ["Command line: 'keepalived' '-n'"]);
});
