/** The real host's Clock and Random (src/io), which the runtime uses outside the simulator. */
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRealClock } from '../../../src/io/clock.js';
import { createCryptoRandom } from '../../../src/io/random.js';
import { nativeUnavailable } from '../../../src/io/native/binding.js';

const WAKES = [
  { label: 'coarse', options: { wake: 'coarse' } },
  { label: 'sleep', options: { wake: 'sleep', spinMarginMs: 1 } },
  ...(nativeUnavailable() === undefined ? [{ label: 'timerfd', options: { wake: 'timerfd' } } as const] : []),
] as const;

test('real timers are never early, fire in due order, and can be cleared in either phase', async () => {
  for (const { label, options } of WAKES) {
    const clock = createRealClock(options);
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
      // Armed before the timer it clears: half a millisecond apart, the two must not depend on how
      // long arming takes (a loaded machine has taken over a millisecond between two calls).
      const later: { spinning?: ReturnType<typeof clock.setTimer> } = {};
      clock.setTimer(10, () => later.spinning !== undefined && clock.clearTimer(later.spinning)); // cleared while in its spin-down
      later.spinning = at('cleared-spinning', 10.5);
      at('c', 25);
      at('c2', 25);
      clock.clearTimer(coarse);
      at('last', 30);
    });
    assert.deepEqual(fired, ['a', 'b', 'c', 'c2', 'last'], label);
    assert.ok(lateness.every((late) => late >= 0), `never early (${label}): ${lateness.join(', ')}`);
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

test('the timerfd wake: a timer armed from its own callback, one cleared before it fires, and the loop left free when idle', async (t) => {
  if (nativeUnavailable() !== undefined) {
    if (process.env['CI'] === 'true') assert.fail(`native addon unavailable in CI: ${nativeUnavailable()?.message}`);
    t.skip(`native addon unavailable: ${nativeUnavailable()?.message}`);
    return;
  }
  const clock = createRealClock({ wake: 'timerfd' });
  const fired: number[] = [];
  await new Promise<void>((done) => {
    const step = (n: number): void => {
      fired.push(n);
      if (n === 3) done();
      else clock.setTimer(0.3, () => step(n + 1));
    };
    const never = clock.setTimer(0.2, () => fired.push(-1));
    clock.clearTimer(never);
    clock.setTimer(0, () => step(1));
  });
  assert.deepEqual(fired, [1, 2, 3]);
  // An armed timer keeps a process alive as setTimeout does; once nothing is armed, it may exit.
  const clockUrl = new URL('../../../src/io/clock.ts', import.meta.url).href;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
    const { createRealClock } = await import(${JSON.stringify(clockUrl)});
    const clock = createRealClock({ wake: 'timerfd' });
    clock.setTimer(50, () => console.log('fired'));`], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'fired');
});

const timerfdOnly = (t: { skip: (why: string) => void }): boolean => {
  if (nativeUnavailable() === undefined) return true;
  if (process.env['CI'] === 'true') assert.fail(`native addon unavailable in CI: ${nativeUnavailable()?.message}`);
  t.skip(`precise timers need the timerfd wake: ${nativeUnavailable()?.message}`);
  return false;
};

/** A hold only happens when the loop wakes within the lead: a loaded machine may miss it, so retry. */
const ATTEMPTS = 5;

test('precise timers: held for rather than slept through, in due order with the others, never early', async (t) => {
  if (!timerfdOnly(t)) return;
  let held = false;
  for (let attempt = 0; attempt < ATTEMPTS && !held; attempt++) {
    const clock = createRealClock({ wake: 'timerfd', inputPending: () => ((held = true), false) });
    const start = clock.nowMs();
    const fired: string[] = [];
    const lateness: number[] = [];
    await new Promise<void>((done) => {
      const at = (name: string, delayMs: number, precise: boolean) => clock.setTimer(delayMs, () => {
        lateness.push(clock.nowMs() - start - delayMs);
        fired.push(name);
        if (name === 'last') done();
      }, { precise });
      at('p1', 10, true);
      at('n1', 10.3, false);
      const cleared = at('cleared', 10.4, true);
      at('p2', 10.6, true);
      at('n2', 12, false);
      at('last', 14, true);
      clock.clearTimer(cleared);
    });
    assert.deepEqual(fired, ['p1', 'n1', 'p2', 'n2', 'last']);
    assert.ok(lateness.every((late) => late >= 0), `never early: ${lateness.join(', ')}`);
  }
  assert.ok(held, `no wake-up came within the lead in ${ATTEMPTS} attempts`);
});

test('precise timers: input that arrives during the hold is read first', async (t) => {
  if (!timerfdOnly(t)) return;
  let held = false;
  for (let attempt = 0; attempt < ATTEMPTS && !held; attempt++) {
    const order: string[] = [];
    let read = false;
    // A datagram "arrives" as the hold begins; the event loop reads it (in its check phase).
    const inputPending = (): boolean => {
      if (read) return false;
      if (!held) {
        held = true;
        setImmediate(() => {
          order.push('input read');
          read = true;
        });
      }
      return true;
    };
    const clock = createRealClock({ wake: 'timerfd', inputPending });
    await new Promise<void>((done) => {
      clock.setTimer(5, () => {
        order.push('timer');
        done();
      }, { precise: true });
    });
    if (held) assert.deepEqual(order, ['input read', 'timer']);
  }
  assert.ok(held, `no wake-up came within the lead in ${ATTEMPTS} attempts`);
});
