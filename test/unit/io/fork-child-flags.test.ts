import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHILD_V8_FLAGS, childExecArgv } from '../../../src/io/process/fork-child.js';

test('children get the heap-sizing flags after the parent\'s own node flags', () => {
  assert.deepEqual(childExecArgv(['--import', 'tsx']), ['--import', 'tsx', ...CHILD_V8_FLAGS]);
});

test('a heap flag the user gave node wins over ours', () => {
  const argv = childExecArgv(['--max-semi-space-size=16']);
  assert.deepEqual(argv.filter((a) => a.startsWith('--max-semi-space-size')), ['--max-semi-space-size=16']);
  assert.ok(argv.includes('--heap-growing-percent=20'));
});
