import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAEMON_V8_FLAGS, daemonExecArgv } from '../../../src/io/process/heap-flags.js';

test('daemon processes get the heap-sizing flags after the parent\'s own node flags', () => {
  assert.deepEqual(daemonExecArgv(['--import', 'tsx']), ['--import', 'tsx', ...DAEMON_V8_FLAGS]);
});

test('a heap flag the user gave node wins over ours', () => {
  const argv = daemonExecArgv(['--max-semi-space-size=16']);
  assert.deepEqual(argv.filter((a) => a.startsWith('--max-semi-space-size')), ['--max-semi-space-size=16']);
  assert.ok(argv.includes('--heap-growing-percent=20'));
});
