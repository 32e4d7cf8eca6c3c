import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anyTrackedFault, effectivePriority } from '../../../src/machines/index.js';
import type { TrackedObject, TrackedState } from '../../../src/machines/index.js';

function prio(base: number, tracked: TrackedObject[], states: Record<string, TrackedState>, weightsIgnored = false) {
  return effectivePriority({ basePriority: base, tracked, states, weightsIgnored });
}

test('positive weight adds while up, negative subtracts while down', () => {
  const t: TrackedObject[] = [
    { name: 'plus', weight: 20, reverse: false },
    { name: 'minus', weight: -30, reverse: false },
  ];
  assert.equal(prio(100, t, { plus: { up: true }, minus: { up: true } }), 120);
  assert.equal(prio(100, t, { plus: { up: false }, minus: { up: false } }), 70);
});

test('reverse flips the direction of the adjustment', () => {
  const t: TrackedObject[] = [{ name: 'r', weight: 10, reverse: true }];
  assert.equal(prio(100, t, { r: { up: true } }), 90);
  assert.equal(prio(100, t, { r: { up: false } }), 100);
  const n: TrackedObject[] = [{ name: 'r', weight: -10, reverse: true }];
  assert.equal(prio(100, n, { r: { up: false } }), 110);
});

test('effective priority is clamped to 1..254; the owner stays 255', () => {
  const t: TrackedObject[] = [{ name: 'big', weight: 50, reverse: false }, { name: 'bad', weight: -253, reverse: false }];
  assert.equal(prio(250, t, { big: { up: true }, bad: { up: true } }), 254);
  assert.equal(prio(5, t, { big: { up: false }, bad: { up: false } }), 1);
  assert.equal(prio(255, t, { big: { up: false }, bad: { up: false } }), 255);
});

test('weight 0 failing (or succeeding with reverse) is a fault; ignored weights act as 0', () => {
  const t: TrackedObject[] = [{ name: 's', weight: 0, reverse: false }];
  assert.equal(anyTrackedFault({ basePriority: 100, tracked: t, states: { s: { up: false } }, weightsIgnored: false }), true);
  assert.equal(anyTrackedFault({ basePriority: 100, tracked: t, states: { s: { up: true } }, weightsIgnored: false }), false);
  const r: TrackedObject[] = [{ name: 's', weight: 0, reverse: true }];
  assert.equal(anyTrackedFault({ basePriority: 100, tracked: r, states: { s: { up: true } }, weightsIgnored: false }), true);
  const w: TrackedObject[] = [{ name: 's', weight: -20, reverse: false }];
  assert.equal(anyTrackedFault({ basePriority: 100, tracked: w, states: { s: { up: false } }, weightsIgnored: true }), true);
});

test('track_file values multiply the weight; below -253 is a fault', () => {
  const f: TrackedObject[] = [{ name: 'f', weight: 2, reverse: false, kind: 'value' }];
  assert.equal(prio(100, f, { f: { value: 10 } }), 120);
  assert.equal(anyTrackedFault({ basePriority: 100, tracked: f, states: { f: { value: -127 } }, weightsIgnored: false }), true);
  const z: TrackedObject[] = [{ name: 'f', weight: 0, reverse: false, kind: 'value' }];
  assert.equal(anyTrackedFault({ basePriority: 100, tracked: z, states: { f: { value: 3 } }, weightsIgnored: false }), true);
});
