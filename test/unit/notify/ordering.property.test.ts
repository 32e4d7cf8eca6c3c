/**
 * For any burst of events and any script run times: FIFO lines appear in event order, and each
 * instance's scripts start in event order, one at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { VrrpEvent } from '../../../src/actors/vrrp/subsystem.js';
import { fifoLine } from '../../../src/actors/notify/format.js';
import { RecordingRunner } from './support/fakes.js';
import { instance, setup } from './support/setup.js';

const NAMES = ['VI_1', 'VI_2', 'VI_3'] as const;
const STATES = ['MASTER', 'BACKUP', 'FAULT'] as const;

const eventArb = fc.record({
  instance: fc.constantFrom(...NAMES),
  to: fc.constantFrom(...STATES),
  priority: fc.integer({ min: 1, max: 254 }),
});

test('FIFO lines in event order; one instance\'s scripts start in event order, never overlapping', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 200 }), async (events, picks) => {
      const runner = new RecordingRunner(false);
      const s = setup(NAMES.map((n, i) => instance(n, i + 1)).join(''), { runner });
      for (const e of events) {
        const ev: VrrpEvent = { type: 'instance-state', instance: e.instance, from: 'INIT', to: e.to, priority: e.priority, reason: 'p', atMs: 0 };
        s.notifier.handle(ev);
      }
      // FIFO written synchronously, in event order, before any script ran.
      assert.deepEqual(s.fifo.lines, events.map((e) => fifoLine({ kind: 'INSTANCE', name: e.instance }, e.to, e.priority)));
      // Finish running scripts in an arbitrary order until everything has run.
      let pick = 0;
      for (let guard = 0; guard < 1000; guard++) {
        await new Promise((r) => setImmediate(r));
        const running = runner.pending.filter((p) => !p.done);
        if (running.length === 0) break;
        running[(picks[pick++ % Math.max(1, picks.length)] ?? 0) % running.length]?.finish();
      }
      await s.notifier.idle();
      for (const name of NAMES) {
        const expected = events.filter((e) => e.instance === name).flatMap((e) => [
          `/s/${e.to.toLowerCase()} ${name}`,
          `/s/any x y INSTANCE ${name} ${e.to} ${e.priority}`,
        ]);
        const mine = (l: string): boolean => l.endsWith(` ${name}`) || l.includes(` ${name} `);
        const log = runner.log.filter(mine);
        assert.deepEqual(log.filter((l) => l.startsWith('start ')).map((l) => l.slice(6)), expected);
        // Never two of an instance's scripts at once: starts and ends alternate.
        log.forEach((l, i) => assert.ok(l.startsWith(i % 2 === 0 ? 'start ' : 'end '), `${name}: ${log.join(', ')}`));
      }
    }),
    { numRuns: 150 },
  );
});
