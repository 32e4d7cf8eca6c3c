import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SupervisorCore } from '../../../src/supervisor/core.js';
import type { CoreChildSpec } from '../../../src/supervisor/core.js';
import type { ExitReason, Intensity, RestartType, Strategy, SupervisionEvent } from '../../../src/supervisor/types.js';
import { VirtualClock } from '../../../src/sim/virtual-time.js';

interface Spec extends CoreChildSpec {
  /** Start attempts that throw, counted down. */
  failStarts?: number;
}

interface Handle {
  readonly id: string;
  readonly generation: number;
}

const CRASH: ExitReason = { kind: 'crash', error: new Error('bug') };
const NORMAL: ExitReason = { kind: 'normal' };

function harness(specs: Spec[], strategy: Strategy = 'one_for_one', intensity: Intensity = { maxRestarts: 3, periodMs: 1000 }) {
  const clock = new VirtualClock();
  const ops: string[] = [];
  const events: SupervisionEvent[] = [];
  let generation = 0;
  const core = new SupervisorCore<Spec, Handle>({
    name: 'sup',
    strategy,
    intensity,
    clock,
    children: specs,
    onEvent: (event) => events.push(event),
    ops: {
      start(spec) {
        if ((spec.failStarts ?? 0) > 0) {
          spec.failStarts! -= 1;
          ops.push(`start-failed ${spec.id}`);
          throw new Error('cannot start');
        }
        ops.push(`start ${spec.id}`);
        return { id: spec.id, generation: ++generation };
      },
      stop(spec) {
        ops.push(`stop ${spec.id}`);
      },
    },
  });
  const exit = (id: string, reason: ExitReason = CRASH) => core.childExited(id, core.handleOf(id)!, reason);
  return { clock, core, ops, events, exit };
}

const three = (restart: RestartType = 'permanent'): Spec[] => ['a', 'b', 'c'].map((id) => ({ id, restart }));

test('children start in order and stop in reverse', () => {
  const h = harness(three());
  assert.deepEqual(h.core.startAll(), { kind: 'running' });
  h.core.stopAll();
  assert.deepEqual(h.ops, ['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
  assert.deepEqual(h.events.map((e) => `${e.kind} ${'childId' in e ? e.childId : ''}`), [
    'child-started a', 'child-started b', 'child-started c', 'child-stopped c', 'child-stopped b', 'child-stopped a',
  ]);
  assert.equal(h.core.terminated, true);
});

test('a child failing to start stops the started ones in reverse and escalates', () => {
  const h = harness([{ id: 'a', restart: 'permanent' }, { id: 'b', restart: 'permanent', failStarts: 1 }, { id: 'c', restart: 'permanent' }]);
  const outcome = h.core.startAll();
  assert.equal(outcome.kind, 'escalate');
  assert.deepEqual(h.ops, ['start a', 'start-failed b', 'stop a']);
  assert.equal(h.events.at(-1)?.kind, 'escalated');
});

test('one_for_one restarts only the crashed child', () => {
  const h = harness(three());
  h.core.startAll();
  h.ops.length = 0;
  assert.deepEqual(h.exit('b'), { kind: 'running' });
  assert.deepEqual(h.ops, ['start b']);
  assert.deepEqual(h.core.running(), ['a', 'b', 'c']);
  const restarted = h.events.find((e) => e.kind === 'child-restarted');
  assert.deepEqual(restarted, { kind: 'child-restarted', supervisor: 'sup', childId: 'b', restartsInWindow: 1, atMs: 0 });
});

test('one_for_all stops the others in reverse and restarts all in order', () => {
  const h = harness(three(), 'one_for_all');
  h.core.startAll();
  h.ops.length = 0;
  h.exit('b');
  assert.deepEqual(h.ops, ['stop c', 'stop a', 'start a', 'start b', 'start c']);
});

test('rest_for_one restarts the crashed child and those started after it', () => {
  const h = harness([...three(), { id: 'd', restart: 'permanent' }], 'rest_for_one');
  h.core.startAll();
  h.ops.length = 0;
  h.exit('b');
  assert.deepEqual(h.ops, ['stop d', 'stop c', 'start b', 'start c', 'start d']);
});

test('transient: restarted after a crash, not after a normal exit; temporary: never, and removed', () => {
  const h = harness([{ id: 't', restart: 'transient' }, { id: 'tmp', restart: 'temporary' }, { id: 'p', restart: 'permanent' }]);
  h.core.startAll();
  h.ops.length = 0;
  h.exit('t', CRASH);
  assert.deepEqual(h.ops, ['start t']);
  h.exit('t', NORMAL);
  h.exit('tmp', CRASH);
  assert.deepEqual(h.ops, ['start t']);
  assert.deepEqual(h.core.running(), ['p']);
  h.exit('p', NORMAL);
  assert.deepEqual(h.ops, ['start t', 'start p'], 'a permanent child is restarted even after a normal exit');
  assert.deepEqual(h.events.filter((e) => e.kind === 'child-exited').map((e) => 'childId' in e && e.childId), ['t', 'p']);
});

test('one_for_all drops a temporary sibling instead of restarting it', () => {
  const h = harness([{ id: 'a', restart: 'permanent' }, { id: 'tmp', restart: 'temporary' }], 'one_for_all');
  h.core.startAll();
  h.ops.length = 0;
  h.exit('a');
  assert.deepEqual(h.ops, ['stop tmp', 'start a']);
  assert.deepEqual(h.core.running(), ['a']);
});

test('the restart after maxRestarts within the period escalates, stopping everyone in reverse', () => {
  const h = harness(three(), 'one_for_one', { maxRestarts: 2, periodMs: 1000 });
  h.core.startAll();
  assert.equal(h.exit('a').kind, 'running');
  h.clock.advanceBy(500);
  assert.equal(h.exit('c').kind, 'running');
  h.clock.advanceBy(499);
  h.ops.length = 0;
  const outcome = h.exit('a');
  assert.equal(outcome.kind, 'escalate');
  assert.match(outcome.kind === 'escalate' ? outcome.reason : '', /more than 2 restarts within 1000 ms; last: child a: Error: bug/);
  assert.deepEqual(h.ops, ['stop c', 'stop b']);
  assert.equal(h.core.terminated, true);
  assert.deepEqual(h.exit('b' as string), { kind: 'running' }, 'after terminating, exits are ignored');
});

test('restarts spaced wider than the period never escalate', () => {
  const h = harness(three(), 'one_for_one', { maxRestarts: 1, periodMs: 1000 });
  h.core.startAll();
  for (let i = 0; i < 10; i += 1) {
    assert.equal(h.exit('a').kind, 'running');
    h.clock.advanceBy(1000);
  }
});

test('an exit reported by a replaced incarnation is ignored', () => {
  const h = harness(three());
  h.core.startAll();
  const old = h.core.handleOf('a')!;
  h.exit('a');
  h.ops.length = 0;
  assert.deepEqual(h.core.childExited('a', old, CRASH), { kind: 'running' });
  assert.deepEqual(h.ops, []);
});

test('a child that cannot be rebuilt is retried, each attempt counted, until escalation', () => {
  const flaky: Spec = { id: 'f', restart: 'permanent' };
  const h = harness([flaky], 'one_for_one', { maxRestarts: 3, periodMs: 1000 });
  h.core.startAll();
  flaky.failStarts = 2;
  assert.equal(h.exit('f').kind, 'running');
  assert.deepEqual(h.ops, ['start f', 'start-failed f', 'start-failed f', 'start f']);
  flaky.failStarts = 100;
  assert.equal(h.exit('f').kind, 'escalate');
});

test('duplicate child ids are a bug', () => {
  assert.throws(() => harness([{ id: 'a', restart: 'permanent' }, { id: 'a', restart: 'temporary' }]), /duplicate/);
});
