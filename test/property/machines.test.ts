/**
 * Property: for random configurations and random event sequences (timers as explicit events)
 * the instance machine never throws, is never Master under FAULT conditions, and its addresses,
 * priority and role stay consistent with its state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createActor } from 'xstate';
import { ownFault, vrrpInstanceMachine } from '../../src/machines/index.js';
import { modelEvents, modelInputs } from '../unit/machines/support/model.js';

const roleOf: Record<string, string> = {
  Initialize: 'INIT',
  Backup: 'BACKUP',
  Master: 'MASTER',
  Fault: 'FAULT',
  Stop: 'STOP',
  Deleted: 'DELETED',
};

test('instance machine invariants hold for random event sequences', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...modelInputs),
      fc.array(fc.constantFrom(...modelEvents), { maxLength: 60 }),
      (input, events) => {
        let vips = 0;
        const machine = vrrpInstanceMachine.provide({
          actions: {
            addVips: () => void vips++,
            removeVips: () => void vips--,
          },
        });
        const actor = createActor(machine, { input, clock: { setTimeout: () => 0, clearTimeout: () => {} } });
        actor.start();
        for (const event of events) {
          actor.send(event);
          const snapshot = actor.getSnapshot();
          assert.equal(snapshot.error, undefined);
          const state = String(snapshot.value);
          const { context } = snapshot;
          if (state === 'Master') assert.equal(ownFault(context), false, 'Master while in FAULT conditions');
          assert.equal(vips, state === 'Master' ? 1 : 0, `VIPs installed ${vips} times in ${state}`);
          assert.equal(context.role, roleOf[state]);
          assert.ok(context.effectivePriority >= 1 && context.effectivePriority <= 255);
          if (context.effectivePriority === 255) assert.equal(context.basePriority, 255);
          if (state === 'Master') assert.equal(context.wantMaster, true);
          if (snapshot.status === 'done') break;
        }
        actor.stop();
      },
    ),
    { numRuns: 400 },
  );
});
