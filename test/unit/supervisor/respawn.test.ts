import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RespawnBackoff } from '../../../src/supervisor/respawn.js';
import { VirtualClock } from '../../../src/sim/virtual-time.js';

/** Starts the child, lets it live `upMs`, kills it and returns the delay (advancing through it). */
function lifeAndDeath(clock: VirtualClock, backoff: RespawnBackoff, upMs: number): number | 'stop' {
  backoff.childStarted();
  clock.advanceBy(upMs);
  const decision = backoff.childExited();
  if (!decision.respawn) return 'stop';
  clock.advanceBy(decision.delayMs);
  return decision.delayMs / 1000;
}

test('a child that keeps dying young waits 1, 2, 4 … s, capped at 60 s', () => {
  const clock = new VirtualClock();
  const backoff = new RespawnBackoff(clock, { respawn: true });
  const delays = Array.from({ length: 9 }, () => lifeAndDeath(clock, backoff, 5000));
  assert.deepEqual(delays, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
});

test('a stable minute up resets the delay to 1 s; 59.9 s does not', () => {
  const clock = new VirtualClock();
  const backoff = new RespawnBackoff(clock, { respawn: true });
  assert.deepEqual([1, 2, 3].map(() => lifeAndDeath(clock, backoff, 100)), [1, 2, 4]);
  assert.equal(lifeAndDeath(clock, backoff, 59_900), 8);
  assert.equal(lifeAndDeath(clock, backoff, 60_000), 1);
  assert.equal(lifeAndDeath(clock, backoff, 10), 2);
});

test('-R: a dead child is not respawned', () => {
  const clock = new VirtualClock();
  const backoff = new RespawnBackoff(clock, { respawn: false });
  assert.equal(lifeAndDeath(clock, backoff, 100_000), 'stop');
});
