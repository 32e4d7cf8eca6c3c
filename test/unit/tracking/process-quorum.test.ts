import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialQuorum, stepQuorum, type QuorumInput, type QuorumParams } from '../../../src/machines/tracking/process-quorum.js';

function run(params: QuorumParams, running: number, inputs: QuorumInput[]): string[] {
  let state = initialQuorum(params, running);
  return inputs.map((input) => {
    const step = stepQuorum(params, state, input);
    state = step.state;
    const timer = step.timer === undefined ? '' : step.timer === 'cancel' ? 'cancel' : `arm${step.timer.armMs}`;
    return `${step.report === undefined ? '-' : step.report ? 'up' : 'down'}${timer ? `/${timer}` : ''}`;
  });
}

const noDelay: QuorumParams = { quorum: 1, quorumMax: undefined, forkDelayMs: 0, terminateDelayMs: 0 };
const delays: QuorumParams = { quorum: 1, quorumMax: 1, forkDelayMs: 200, terminateDelayMs: 300 };

test('quorum without delays follows the count', () => {
  assert.deepEqual(run(noDelay, 0, [{ kind: 'added', cause: 'exec' }, { kind: 'added', cause: 'fork' }, { kind: 'removed' }, { kind: 'removed' }]), ['up', '-', '-', 'down']);
});

test('quorum_max: too many processes is down, immediately', () => {
  assert.deepEqual(run(delays, 1, [{ kind: 'added', cause: 'exec' }, { kind: 'removed' }]), ['down', 'up']);
});

test('fork and terminate delays, cancelled by crossing back', () => {
  assert.deepEqual(run(delays, 0, [{ kind: 'added', cause: 'fork' }, { kind: 'timer' }]), ['-/arm200', 'up']);
  assert.deepEqual(run(delays, 1, [{ kind: 'removed' }, { kind: 'added', cause: 'exec' }]), ['-/arm300', '-/cancel']);
  assert.deepEqual(run(delays, 1, [{ kind: 'removed' }, { kind: 'timer' }]), ['-/arm300', 'down']);
});
