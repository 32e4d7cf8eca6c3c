import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackFileValue } from '../../../src/machines/tracking/file-value.js';
import { matchesProcess } from '../../../src/machines/tracking/process-match.js';
import { trackedObjectFor, statusState, valueState } from '../../../src/machines/tracking/refs.js';
import { effectivePriority, anyTrackedFault } from '../../../src/machines/tracking.js';
import type { ProcessPattern } from '../../../src/ports/tracking.js';

test('track_file values read as strtol(…, 0) clamped to ±254, missing as 0', () => {
  const table: [string | undefined, number][] = [
    ['5', 5], ['  -7\n', -7], ['0x1f', 31], ['010', 8], ['09', 0], ['12abc', 12], ['abc', 0], ['', 0],
    ['1000', 254], ['-1000', -254], ['+3', 3], [undefined, 0],
  ];
  for (const [text, value] of table) assert.equal(trackFileValue(text), value, String(text));
});

const pattern = (overrides: Partial<ProcessPattern>): ProcessPattern => ({ name: 'p', process: 'nginx', params: undefined, paramMatch: 'exact', fullCommand: false, ...overrides });

test('process matching: comm, full command, parameter modes', () => {
  const proc = { comm: 'nginx', argv: ['/usr/sbin/nginx', '-g', 'daemon off;'] };
  assert.equal(matchesProcess(pattern({}), proc), true);
  assert.equal(matchesProcess(pattern({ process: 'ngin' }), proc), false);
  assert.equal(matchesProcess(pattern({ process: '/usr/sbin/nginx', fullCommand: true }), proc), true);
  assert.equal(matchesProcess(pattern({ process: '/usr/sbin/nginx', params: ['-g', 'daemon off;'] }), proc), true);
  assert.equal(matchesProcess(pattern({ process: '/usr/sbin/nginx', params: ['-g'] }), proc), false);
  assert.equal(matchesProcess(pattern({ process: '/usr/sbin/nginx', params: ['-g'], paramMatch: 'partial' }), proc), true);
  assert.equal(matchesProcess(pattern({ process: '/usr/sbin/nginx', params: ['-g', 'daemon'], paramMatch: 'partial' }), proc), false);
  assert.equal(matchesProcess(pattern({ process: '/usr/sbin/nginx', params: ['-g', 'daemon'], paramMatch: 'initial' }), proc), true);
  // param_match with no parameters: exact means none at all.
  assert.equal(matchesProcess(pattern({ process: '/usr/sbin/nginx', fullCommand: true, params: undefined, paramMatch: 'partial' }), proc), true);
});

test('weights and reverse: the ref overrides the weight, reverse comes from either', () => {
  const def = { weight: -20, weightReverse: true };
  assert.deepEqual(trackedObjectFor('script', { name: 'c', weight: undefined, reverse: false }, def), { name: 'script:c', weight: -20, reverse: true });
  assert.deepEqual(trackedObjectFor('script', { name: 'c', weight: 10, reverse: false }, { weight: 5, weightReverse: false }), { name: 'script:c', weight: 10, reverse: false });
  assert.deepEqual(trackedObjectFor('file', { name: 'f', weight: undefined, reverse: false }, { weight: 2, weightReverse: false }), { name: 'file:f', weight: 2, reverse: false, kind: 'value' });
});

test('tracked results move the priority as keepalived does', () => {
  const up = trackedObjectFor('script', { name: 'up', weight: 10, reverse: false }, undefined);
  const down = trackedObjectFor('script', { name: 'down', weight: -30, reverse: false }, undefined);
  const rev = trackedObjectFor('script', { name: 'rev', weight: 10, reverse: true }, undefined);
  const file = trackedObjectFor('file', { name: 'f', weight: 2, reverse: false }, undefined);
  const faulty = trackedObjectFor('process', { name: 'p', weight: 0, reverse: false }, undefined);
  const inputs = (states: Record<string, ReturnType<typeof statusState>>) => ({ basePriority: 100, tracked: [up, down, rev, file, faulty], states, weightsIgnored: false });
  assert.equal(effectivePriority(inputs({ 'script:up': statusState(true), 'script:down': statusState(true), 'script:rev': statusState(false), 'file:f': valueState(5) })), 100 + 10 + 10);
  assert.equal(effectivePriority(inputs({ 'script:up': statusState(false), 'script:down': statusState(false), 'script:rev': statusState(true), 'file:f': valueState(-3) })), 100 - 30 - 10 - 6);
  assert.equal(anyTrackedFault(inputs({ 'process:p': statusState(false) })), true);
  assert.equal(anyTrackedFault(inputs({ 'process:p': statusState(true) })), false);
});
