import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAEMON_V8_FLAGS, daemonEnv, daemonExecArgv, withoutDaemonEnv } from '../../../src/io/process/heap-flags.js';

test('daemon processes get the heap-sizing flags after the parent\'s own node flags', () => {
  assert.deepEqual(daemonExecArgv(['--import', 'tsx']), ['--import', 'tsx', ...DAEMON_V8_FLAGS]);
});

test('a heap flag the user gave node wins over ours', () => {
  const argv = daemonExecArgv(['--max-semi-space-size=16']);
  assert.deepEqual(argv.filter((a) => a.startsWith('--max-semi-space-size')), ['--max-semi-space-size=16']);
  assert.ok(argv.includes('--heap-growing-percent=20'));
});

test('a daemon process gets one malloc arena, and takes the setting out of its environment for its scripts', () => {
  const env = daemonEnv({ PATH: '/bin' });
  assert.equal(env['MALLOC_ARENA_MAX'], '1');
  assert.equal(env['PATH'], '/bin');
  withoutDaemonEnv(env);
  assert.deepEqual(env, { PATH: '/bin' });
});

test('a MALLOC_ARENA_MAX the user set is kept, for the daemon and its scripts', () => {
  const env = daemonEnv({ MALLOC_ARENA_MAX: '4' });
  assert.deepEqual(env, { MALLOC_ARENA_MAX: '4' });
  withoutDaemonEnv(env);
  assert.deepEqual(env, { MALLOC_ARENA_MAX: '4' });
});
