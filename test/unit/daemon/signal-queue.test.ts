import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignalQueue } from '../../../src/cli/daemon/signal-queue.js';
import type { SignalFunction } from '../../../src/cli/signals.js';

function controlled(): { queue: SignalQueue; ran: SignalFunction[]; release: () => void; errors: string[] } {
  const ran: SignalFunction[] = [];
  const errors: string[] = [];
  let gate: (() => void) | undefined;
  const queue = new SignalQueue(
    (fn) => {
      ran.push(fn);
      if (fn === 'JSON') return Promise.reject(new Error('disk full'));
      return new Promise<void>((resolve) => (gate = resolve));
    },
    (fn, err) => errors.push(`${fn}: ${(err as Error).message}`),
  );
  return { queue, ran, errors, release: () => gate?.() };
}

const tick = () => new Promise((r) => setImmediate(r));

test('signals during start-up wait; duplicates coalesce', async () => {
  const { queue, ran, release } = controlled();
  queue.post('RELOAD');
  queue.post('STATS');
  queue.post('RELOAD');
  assert.deepEqual(ran, []);
  assert.deepEqual(queue.pending, ['RELOAD', 'STATS']);
  queue.open();
  assert.deepEqual(ran, ['RELOAD']);
  // Two more reloads during the reload: one more runs after it.
  queue.post('RELOAD');
  queue.post('RELOAD');
  release();
  await tick();
  release();
  await tick();
  release();
  await queue.idle();
  assert.deepEqual(ran, ['RELOAD', 'STATS', 'RELOAD']);
});

test('STOP drops what waits and ends the queue', async () => {
  const { queue, ran, release } = controlled();
  queue.open();
  queue.post('RELOAD');
  queue.post('DATA');
  queue.post('STOP');
  queue.post('RELOAD');
  assert.deepEqual(queue.pending, ['STOP']);
  assert.ok(queue.stopping);
  release();
  await tick();
  release();
  await queue.idle();
  assert.deepEqual(ran, ['RELOAD', 'STOP']);
});

test('a failing handler is reported and the queue goes on', async () => {
  const { queue, ran, errors, release } = controlled();
  queue.open();
  queue.post('JSON');
  queue.post('DATA');
  await tick();
  release();
  await queue.idle();
  assert.deepEqual(ran, ['JSON', 'DATA']);
  assert.deepEqual(errors, ['JSON: disk full']);
});
