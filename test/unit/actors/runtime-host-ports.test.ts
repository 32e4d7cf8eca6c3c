/** The real host's Clock and Random (src/io), which the runtime uses outside the simulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRealClock } from '../../../src/io/clock.js';
import { createCryptoRandom } from '../../../src/io/random.js';

test('real timers are never early, fire in due order, and can be cleared in either phase', async () => {
  for (const spinMarginMs of [0, 1]) {
    const clock = createRealClock({ spinMarginMs });
    const start = clock.nowMs();
    const fired: string[] = [];
    const lateness: number[] = [];
    await new Promise<void>((done) => {
      const at = (label: string, delayMs: number) => clock.setTimer(delayMs, () => {
        lateness.push(clock.nowMs() - start - delayMs);
        fired.push(label);
        if (label === 'last') done();
      });
      at('b', 20);
      at('a', 5);
      const coarse = at('cleared-coarse', 15);
      const spinning = at('cleared-spinning', 10.5);
      at('c', 25);
      at('c2', 25);
      clock.setTimer(10, () => clock.clearTimer(spinning)); // cleared while in its spin-down
      clock.clearTimer(coarse);
      at('last', 30);
    });
    assert.deepEqual(fired, ['a', 'b', 'c', 'c2', 'last'], `margin ${spinMarginMs}`);
    assert.ok(lateness.every((late) => late >= 0), `never early (margin ${spinMarginMs}): ${lateness.join(', ')}`);
    assert.ok(Math.abs(clock.wallClockMs() - Date.now()) < 1000);
  }
});

test('crypto random: ranges hold', () => {
  const random = createCryptoRandom();
  for (let i = 0; i < 3000; i += 1) {
    const x = random.intBetween(-2, 2);
    assert.ok(Number.isInteger(x) && x >= -2 && x <= 2);
    const f = random.float();
    assert.ok(f >= 0 && f < 1);
    const u = random.nextUint32();
    assert.ok(Number.isInteger(u) && u >= 0 && u < 2 ** 32);
  }
  assert.equal(random.intBetween(9, 9), 9);
  assert.ok(random.intBetween(0, 2 ** 52) <= 2 ** 52);
  assert.throws(() => random.intBetween(1, 0), RangeError);
});
