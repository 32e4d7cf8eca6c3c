import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childRef, dispatch, startSystem, stopSystem } from '../../../src/actors/runtime.js';
import type { ActorRef, ParentRef } from '../../../src/actors/runtime.js';
import { shutdownSupervisor, spawnSupervisor, supervisorChild } from '../../../src/supervisor/actor.js';
import type { ActorChildSpec } from '../../../src/supervisor/actor.js';
import type { ExitReason, SupervisionEvent } from '../../../src/supervisor/types.js';
import { installVirtualTime } from '../../../src/sim/virtual-time.js';
import type { VirtualWorld } from '../../../src/sim/virtual-time.js';

type Msg = { readonly kind: 'work'; readonly n: number } | { readonly kind: 'boom' };

/** A child that logs its work and throws on `boom`; each build from the spec is a new generation. */
function worker(id: string, log: string[], builds: Map<string, number>): ActorChildSpec {
  return {
    id,
    restart: 'permanent',
    start: (ctx) => {
      const generation = (builds.get(id) ?? 0) + 1;
      builds.set(id, generation);
      return ctx.spawn<number, Msg>({
        initialState: () => 0,
        handle: (done, msg) => {
          if (msg.kind === 'boom') throw new Error(`${id} bug`);
          log.push(`${id}#${generation} work ${msg.n}`);
          return done + 1;
        },
      });
    },
  };
}

async function inWorld<T>(run: (world: VirtualWorld) => Promise<T>): Promise<T> {
  const world = installVirtualTime({ seed: 7 });
  try {
    return await run(world);
  } finally {
    world.uninstall();
  }
}

/** Refs are paths: the address of a supervised child, whichever incarnation runs. */
const ref = (system: ParentRef, ...path: string[]): ActorRef<Msg> =>
  path.reduce<ParentRef>((parent, name) => childRef(parent, name), system) as ActorRef<Msg>;

test('one crashing sibling of three: the others keep working, it is rebuilt from its spec until the limit, then escalation', async () => {
  await inWorld(async (world) => {
    const system = startSystem('three-siblings');
    const log: string[] = [];
    const builds = new Map<string, number>();
    const events: SupervisionEvent[] = [];
    const exits: ExitReason[] = [];
    spawnSupervisor(system, {
      name: 'root',
      clock: world.clock,
      intensity: { maxRestarts: 3, periodMs: 10_000 },
      children: [worker('left', log, builds), worker('crasher', log, builds), worker('right', log, builds)],
      onEvent: (event) => events.push(event),
    }, (reason) => exits.push(reason));
    const [left, crasher, right] = ['left', 'crasher', 'right'].map((id) => ref(system, 'root', id));
    for (let round = 1; round <= 4; round += 1) {
      for (const child of [left, crasher, right]) dispatch(child!, { kind: 'work', n: round });
      dispatch(crasher!, { kind: 'boom' });
      await world.advanceBy(1000);
    }
    assert.deepEqual(log, [
      'left#1 work 1', 'crasher#1 work 1', 'right#1 work 1',
      'left#1 work 2', 'crasher#2 work 2', 'right#1 work 2',
      'left#1 work 3', 'crasher#3 work 3', 'right#1 work 3',
      'left#1 work 4', 'crasher#4 work 4', 'right#1 work 4',
    ]);
    assert.deepEqual(Object.fromEntries(builds), { left: 1, crasher: 4, right: 1 });
    assert.deepEqual(events.map((e) => `${e.atMs} ${e.kind} ${'childId' in e ? e.childId : e.reason}`), [
      '0 child-started left', '0 child-started crasher', '0 child-started right',
      '0 child-crashed crasher', '0 child-restarted crasher',
      '1000 child-crashed crasher', '1000 child-restarted crasher',
      '2000 child-crashed crasher', '2000 child-restarted crasher',
      '3000 child-crashed crasher', '3000 child-stopped right', '3000 child-stopped left',
      '3000 escalated more than 3 restarts within 10000 ms; last: child crasher: Error: crasher bug',
    ]);
    assert.equal(exits.length, 1);
    assert.equal(exits[0]?.kind, 'crash');
    // Everyone is gone: work sent now is dropped.
    dispatch(left!, { kind: 'work', n: 5 });
    await world.runUntilIdle();
    assert.equal(log.length, 12);
    stopSystem(system);
  });
});

test('a nested supervisor that gives up is restarted by its parent; its sibling is untouched', async () => {
  await inWorld(async (world) => {
    const system = startSystem('nested');
    const log: string[] = [];
    const builds = new Map<string, number>();
    const events: SupervisionEvent[] = [];
    const exits: ExitReason[] = [];
    spawnSupervisor(system, {
      name: 'root',
      clock: world.clock,
      intensity: { maxRestarts: 1, periodMs: 60_000 },
      children: [
        worker('steady', log, builds),
        supervisorChild({ id: 'inner', clock: world.clock, intensity: { maxRestarts: 0, periodMs: 1000 }, children: [worker('fragile', log, builds)], onEvent: (e) => events.push(e) }),
      ],
      onEvent: (event) => events.push(event),
    }, (reason) => exits.push(reason));
    const steady = ref(system, 'root', 'steady');
    const fragile = ref(system, 'root', 'inner', 'fragile');
    dispatch(fragile, { kind: 'boom' });
    await world.advanceBy(10);
    dispatch(fragile, { kind: 'work', n: 1 });
    dispatch(steady, { kind: 'work', n: 1 });
    await world.advanceBy(10);
    assert.deepEqual(log, ['fragile#2 work 1', 'steady#1 work 1']);
    assert.deepEqual(events.filter((e) => e.kind !== 'child-started').map((e) => `${e.supervisor} ${e.kind} ${'childId' in e ? e.childId : ''}`), [
      'nested/root/inner child-crashed fragile',
      'nested/root/inner escalated ',
      'nested/root child-crashed inner',
      'nested/root child-restarted inner',
    ]);
    assert.deepEqual(exits, []);
    // The root's own limit (1 restart a minute) is reached by the second escalation.
    dispatch(fragile, { kind: 'boom' });
    await world.advanceBy(10);
    const [exit, ...more] = exits as ExitReason[];
    assert.equal(more.length, 0);
    assert.match(String(exit?.kind === 'crash' && exit.error), /root gave up: more than 1 restarts .* child inner: supervisor inner gave up/);
    stopSystem(system);
  });
});

test('shutdown stops children last-started first, nested trees included', async () => {
  await inWorld(async (world) => {
    const system = startSystem('shutdown');
    const events: SupervisionEvent[] = [];
    const exits: ExitReason[] = [];
    const builds = new Map<string, number>();
    const root = spawnSupervisor(system, {
      name: 'root',
      clock: world.clock,
      children: [
        worker('a', [], builds),
        supervisorChild({ id: 'inner', clock: world.clock, children: [worker('x', [], builds), worker('y', [], builds)], onEvent: (e) => events.push(e) }),
        worker('b', [], builds),
      ],
      onEvent: (event) => events.push(event),
    }, (reason) => exits.push(reason));
    shutdownSupervisor(root);
    await world.runUntilIdle();
    assert.deepEqual(events.filter((e) => e.kind === 'child-stopped').map((e) => 'childId' in e && e.childId), ['b', 'y', 'x', 'inner', 'a']);
    assert.deepEqual(exits, [{ kind: 'shutdown' }]);
    stopSystem(system);
  });
});
