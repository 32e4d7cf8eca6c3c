import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartIntensity } from '../../../src/supervisor/intensity.js';
import { VirtualClock } from '../../../src/sim/virtual-time.js';

test('exactly maxRestarts restarts are allowed within the period; one more is refused', () => {
  const clock = new VirtualClock();
  const intensity = new RestartIntensity(clock, { maxRestarts: 3, periodMs: 1000 });
  for (let i = 0; i < 3; i += 1) {
    assert.equal(intensity.tryRecord(), true, `restart ${i + 1}`);
    clock.advanceBy(100);
  }
  assert.equal(intensity.inWindow(), 3);
  assert.equal(intensity.tryRecord(), false);
  assert.equal(intensity.inWindow(), 3, 'a refused restart is not recorded');
});

test('old restarts fall out of the sliding window', () => {
  const clock = new VirtualClock();
  const intensity = new RestartIntensity(clock, { maxRestarts: 2, periodMs: 1000 });
  assert.equal(intensity.tryRecord(), true); // t=0
  clock.advanceTo(600);
  assert.equal(intensity.tryRecord(), true); // t=600
  clock.advanceTo(999.5);
  assert.equal(intensity.tryRecord(), false, 't=0 still counts just before the period ends');
  clock.advanceTo(1000);
  assert.equal(intensity.inWindow(), 1, 't=0 leaves the window exactly periodMs later');
  assert.equal(intensity.tryRecord(), true); // t=1000
  assert.equal(intensity.tryRecord(), false);
  clock.advanceTo(1600);
  assert.equal(intensity.tryRecord(), true, 't=600 has left');
});

test('maxRestarts 0 refuses the first restart; bad limits are bugs', () => {
  const clock = new VirtualClock();
  assert.equal(new RestartIntensity(clock, { maxRestarts: 0, periodMs: 10 }).tryRecord(), false);
  assert.throws(() => new RestartIntensity(clock, { maxRestarts: -1, periodMs: 10 }), RangeError);
  assert.throws(() => new RestartIntensity(clock, { maxRestarts: 1, periodMs: 0 }), RangeError);
});
