/** The real FIFO writer on a temporary directory, and startup/shutdown scripts' timeouts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNotifyFifo } from '../../../src/io/notify/fifo.js';
import { runShutdownScript, runStartupScript } from '../../../src/io/lifecycle-scripts.js';
import { defaultGlobalDefs } from '../../../src/config/model/global.js';
import { RecordingRunner, collectingLogger } from './support/fakes.js';

test('creates a missing FIFO (0644), runs its reader with the name, writes lines, survives no reader, removes it at close', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kt-fifo-'));
  const name = join(dir, 'n.fifo');
  const runner = new RecordingRunner(false);
  try {
    const fifo = openNotifyFifo({ name, type: 'vrrp ', runner, logger: collectingLogger(), script: { argv: ['/r', name], commandLine: `/r ${name}`, uid: 0, gid: 0 } });
    assert.ok(fifo);
    assert.ok(statSync(name).isFIFO());
    assert.equal(statSync(name).mode & 0o777, 0o644);
    assert.deepEqual(runner.started[0]?.argv, ['/r', name]);
    fifo.writeLine('INSTANCE "VI_1" BACKUP 100');
    const reader = openSync(name, constants.O_RDONLY | constants.O_NONBLOCK);
    fifo.writeLine('INSTANCE "VI_1" MASTER 100');
    const buf = Buffer.alloc(4096);
    const n = readSync(reader, buf);
    assert.equal(buf.subarray(0, n).toString(), 'INSTANCE "VI_1" BACKUP 100\nINSTANCE "VI_1" MASTER 100\n');
    closeSync(reader);
    // The reader went away: writing neither throws nor blocks.
    fifo.writeLine('INSTANCE "VI_1" FAULT 100');
    fifo.close();
    assert.equal(existsSync(name), false);
    runner.finishAll();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a path that is not a FIFO is refused and left alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kt-fifo-'));
  const name = join(dir, 'plain');
  writeFileSync(name, 'x');
  const logger = collectingLogger();
  try {
    assert.equal(openNotifyFifo({ name, type: '', runner: new RecordingRunner(), logger }), undefined);
    assert.ok(logger.lines.some((l) => l.message === `notify fifo ${name} is not a fifo we own - not using`));
    assert.equal(existsSync(name), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('startup and shutdown scripts run with their timeouts (default 10 s)', async () => {
  const g = defaultGlobalDefs();
  const position = { file: 'k.conf', line: 1 };
  g.startupScript = { command: "/etc/ka/start 'a b'", position };
  g.shutdownScript = { command: '/etc/ka/stop', position };
  g.other.set('shutdown_script_timeout', ['3']);
  const runner = new RecordingRunner();
  const logger = collectingLogger();
  assert.deepEqual(await runStartupScript(g, { runner, logger }), { kind: 'exited', exitCode: 0, durationMs: 0 });
  await runShutdownScript(g, { runner, logger });
  assert.deepEqual(runner.started.map((s) => [s.argv, s.timeoutMs]), [[['/etc/ka/start', 'a b'], 10_000], [['/etc/ka/stop'], 3_000]]);
  assert.equal(await runStartupScript(defaultGlobalDefs(), { runner, logger }), undefined);
});
