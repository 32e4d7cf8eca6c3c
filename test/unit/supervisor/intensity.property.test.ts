import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SupervisorCore } from '../../../src/supervisor/core.js';
import type { CoreChildSpec } from '../../../src/supervisor/core.js';
import type { SupervisionEvent } from '../../../src/supervisor/types.js';
import { VirtualClock } from '../../../src/sim/virtual-time.js';

const schedule = fc.record({
  maxRestarts: fc.integer({ min: 0, max: 5 }),
  periodMs: fc.integer({ min: 1, max: 5000 }),
  // Each crash: how long after the previous one, and which of three children crashes.
  crashes: fc.array(fc.record({ afterMs: fc.integer({ min: 0, max: 3000 }), child: fc.constantFrom('a', 'b', 'c') }), { maxLength: 60 }),
});

test('over random crash schedules, restarts within any window never exceed the limit and escalation comes exactly when due', () => {
  fc.assert(fc.property(schedule, ({ maxRestarts, periodMs, crashes }) => {
    const clock = new VirtualClock();
    const events: SupervisionEvent[] = [];
    const specs: CoreChildSpec[] = ['a', 'b', 'c'].map((id) => ({ id, restart: 'permanent' }));
    let generation = 0;
    const core = new SupervisorCore<CoreChildSpec, number>({
      name: 'sup', strategy: 'one_for_one', intensity: { maxRestarts, periodMs }, clock, children: specs,
      onEvent: (event) => events.push(event),
      ops: { start: () => ++generation, stop: () => undefined },
    });
    core.startAll();
    const modelRestarts: number[] = [];
    for (const crash of crashes) {
      clock.advanceBy(crash.afterMs);
      const now = clock.nowMs();
      const recent = modelRestarts.filter((at) => now - at < periodMs).length;
      const outcome = core.childExited(crash.child, core.handleOf(crash.child)!, { kind: 'crash', error: 'x' });
      if (recent >= maxRestarts) {
        assert.equal(outcome.kind, 'escalate', `crash at ${now} with ${recent} restarts in the window`);
        break;
      }
      assert.equal(outcome.kind, 'running', `crash at ${now} with ${recent} restarts in the window`);
      modelRestarts.push(now);
    }
    // Independently of the model: from the events, no window of periodMs holds more than maxRestarts.
    const restartTimes = events.filter((e) => e.kind === 'child-restarted').map((e) => e.atMs);
    assert.deepEqual(restartTimes, modelRestarts);
    for (const start of restartTimes) {
      assert.ok(restartTimes.filter((at) => at >= start && at < start + periodMs).length <= maxRestarts);
    }
    assert.equal(events.filter((e) => e.kind === 'escalated').length, core.terminated ? 1 : 0);
  }), { numRuns: 500 });
});
