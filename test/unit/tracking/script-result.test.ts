import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countResult, initialCounter, isUp, outcomeSucceeded, type ScriptCounter } from '../../../src/machines/tracking/script-result.js';

/** Feeds results ('+' success, '-' failure) and returns the reports keepalived would make. */
function run(counter: ScriptCounter, results: string): string {
  let c = counter;
  let out = '';
  for (const r of results) {
    const step = countResult(c, r === '+');
    c = step.counter;
    out += step.report === 'up' ? 'U' : step.report === 'down' ? 'D' : '.';
  }
  return out;
}

test('without init_fail one success is enough, and the first result is always reported', () => {
  assert.equal(run(initialCounter(3, 2, false), '+'), 'U');
  assert.equal(run(initialCounter(3, 2, false), '-'), 'D');
  assert.equal(isUp(initialCounter(3, 2, false)), false);
});

test('with init_fail the script is down and needs rise consecutive successes', () => {
  assert.equal(run(initialCounter(3, 2, true), '+++'), '..U');
  assert.equal(run(initialCounter(3, 2, true), '++-+++'), '.....U');
  // A failure while already down is not reported again.
  assert.equal(run(initialCounter(3, 2, true), '-'), '.');
});

test('fall consecutive failures take it down; a success in between restarts the count', () => {
  assert.equal(run(initialCounter(2, 3, false), '+---'), 'U..D');
  assert.equal(run(initialCounter(2, 3, false), '+--+---'), 'U.....D');
  assert.equal(run(initialCounter(1, 1, false), '+-+-'), 'UDUD');
});

test('rise consecutive successes bring it back', () => {
  assert.equal(run(initialCounter(2, 2, false), '+--++'), 'U.D.U');
  assert.equal(run(initialCounter(2, 2, false), '+--+-++'), 'U.D...U');
});

test('timeouts and signals are failures, exec failures successes (keepalived exit(0))', () => {
  assert.equal(outcomeSucceeded({ kind: 'timed-out', durationMs: 1 }), false);
  assert.equal(outcomeSucceeded({ kind: 'signalled', signal: 'SIGSEGV', durationMs: 1 }), false);
  assert.equal(outcomeSucceeded({ kind: 'exited', exitCode: 1, durationMs: 1 }), false);
  assert.equal(outcomeSucceeded({ kind: 'exited', exitCode: 0, durationMs: 1 }), true);
  assert.equal(outcomeSucceeded({ kind: 'failed-to-start', reason: 'ENOEXEC' }), true);
});
