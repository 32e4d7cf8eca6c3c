/**
 * One seed, one virtual time: a supervised actor tree under a seeded chaos schedule, with an
 * XState machine ticking beside it, must produce the byte-identical trace on every run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createActor, createMachine } from 'xstate';
import { childRef, dispatch, startSystem, stopSystem } from '../../src/actors/runtime.js';
import type { ActorRef, ParentRef } from '../../src/actors/runtime.js';
import { spawnSupervisor, supervisorChild } from '../../src/supervisor/actor.js';
import type { ActorChildSpec } from '../../src/supervisor/actor.js';
import { installVirtualTime, SeededRandom, VirtualClock } from '../../src/sim/virtual-time.js';

type Msg = { readonly kind: 'work'; readonly n: number } | { readonly kind: 'boom' };

function worker(id: string, trace: string[], now: () => string): ActorChildSpec {
  return {
    id,
    restart: 'permanent',
    start: (ctx) => ctx.spawn<number, Msg>({
      initialState: () => 0,
      handle: (done, msg) => {
        if (msg.kind === 'boom') throw new Error(`${id} bug`);
        trace.push(`${now()} ${id} work ${msg.n} (done ${done})`);
        return done + 1;
      },
    }),
  };
}

const blinker = createMachine({
  id: 'blinker',
  initial: 'off',
  states: { off: { after: { 250: 'on' } }, on: { after: { 250: 'off' } } },
});

async function simulate(seed: number): Promise<string> {
  const world = installVirtualTime({ seed, epochMs: 1_700_000_000_000 });
  const trace: string[] = [];
  const now = (): string => `${world.clock.nowMs()}@${Date.now()}`;
  try {
    // The same name every run: it appears in the trace (nact frees it at stopSystem).
    const system = startSystem('determinism');
    spawnSupervisor(system, {
      name: 'root',
      clock: world.clock,
      intensity: { maxRestarts: 20, periodMs: 2000 },
      children: [
        worker('w1', trace, now),
        supervisorChild({
          id: 'group', clock: world.clock, strategy: 'rest_for_one', intensity: { maxRestarts: 2, periodMs: 1000 },
          children: [worker('g1', trace, now), worker('g2', trace, now)],
          onEvent: (event) => trace.push(JSON.stringify(event)),
        }),
        worker('w2', trace, now),
      ],
      onEvent: (event) => trace.push(JSON.stringify(event)),
    }, (reason) => trace.push(`${now()} root exit ${reason.kind}`));

    const targets: ActorRef<Msg>[] = [['root', 'w1'], ['root', 'group', 'g1'], ['root', 'group', 'g2'], ['root', 'w2']].map((path) =>
      path.reduce<ParentRef>((parent, name) => childRef(parent, name), system) as ActorRef<Msg>);
    const chaos = world.random.fork('chaos');
    const jitter = world.random.fork('jitter');
    let n = 0;
    const step = (): void => {
      const target = targets[chaos.intBetween(0, targets.length - 1)]!;
      dispatch(target, chaos.float() < 0.15 ? { kind: 'boom' } : { kind: 'work', n: ++n });
      if (n < 150) world.clock.setTimer(jitter.intBetween(1, 40) + jitter.float(), step);
    };
    world.clock.setTimer(0, step);

    const lamp = createActor(blinker);
    lamp.subscribe({ next: (snapshot) => trace.push(`${now()} lamp ${String(snapshot.value)}`), error: (error) => trace.push(`lamp error ${String(error)}`) });
    lamp.start();

    await world.advanceBy(5000);
    lamp.stop();
    stopSystem(system);
    await world.runUntilIdle();
  } finally {
    world.uninstall();
  }
  return trace.join('\n');
}

test('the same seed gives the byte-identical trace twice; another seed another trace', async () => {
  const first = await simulate(42);
  const second = await simulate(42);
  const other = await simulate(43);
  for (const needle of ['"child-crashed"', '"escalated"', 'lamp on', 'work 150']) assert.ok(first.includes(needle), `the scenario exercises ${needle}`);
  assert.equal(first, second);
  assert.notEqual(first, other);
});

test('a message hop costs no virtual time, and uninstalling restores the real timers', async () => {
  const realSetImmediate = setImmediate;
  const world = installVirtualTime({ seed: 1 });
  const seen: number[] = [];
  try {
    const system = startSystem('hops');
    const echo = (name: string, next: string): void => void spawnSupervisor(system, {
      name, clock: world.clock,
      children: [{ id: 'e', restart: 'permanent', start: (ctx) => ctx.spawn<null, number>({
        initialState: () => null,
        handle: (state, hops) => {
          seen.push(world.clock.nowMs());
          if (hops > 0) dispatch(childRef(childRef(system, next), 'e'), hops - 1);
          return state;
        },
      }) }],
    }, () => undefined);
    echo('ping', 'pong');
    echo('pong', 'ping');
    world.clock.setTimer(7, () => dispatch(childRef<number>(childRef(system, 'ping'), 'e'), 5));
    await world.advanceBy(20);
    assert.deepEqual(seen, [7, 7, 7, 7, 7, 7]);
    stopSystem(system);
  } finally {
    world.uninstall();
  }
  assert.equal(setImmediate, realSetImmediate);
});

test('SeededRandom: same seed same sequence; forks depend only on seed and label', () => {
  const draw = (random: SeededRandom): number[] => Array.from({ length: 8 }, () => random.nextUint32());
  assert.deepEqual(draw(new SeededRandom(7)), draw(new SeededRandom(7)));
  assert.notDeepEqual(draw(new SeededRandom(7)), draw(new SeededRandom(8)));
  assert.notDeepEqual(draw(new SeededRandom(2 ** 40)), draw(new SeededRandom(0)));
  const parent = new SeededRandom(7);
  const before = draw(parent.fork('vrrp'));
  draw(parent);
  assert.deepEqual(draw(parent.fork('vrrp')), before, 'drawing from the parent does not move a fork');
  assert.notDeepEqual(draw(parent.fork('checker')), before);
  assert.deepEqual(draw(parent.fork('a').fork('b')), draw(new SeededRandom(7).fork('a').fork('b')));
  const random = new SeededRandom(1);
  for (let i = 0; i < 2000; i += 1) {
    const x = random.intBetween(-3, 3);
    assert.ok(Number.isInteger(x) && x >= -3 && x <= 3);
    const f = random.float();
    assert.ok(f >= 0 && f < 1);
  }
  const big = random.intBetween(0, 2 ** 50);
  assert.ok(Number.isSafeInteger(big) && big >= 0 && big <= 2 ** 50);
  assert.equal(random.intBetween(5, 5), 5);
  assert.throws(() => random.intBetween(2, 1), RangeError);
});

test('VirtualClock: fractional due times, each timer fires at its own time, ties in arming order', () => {
  const clock = new VirtualClock({ epochMs: 1000 });
  const fired: string[] = [];
  const at = (label: string) => () => fired.push(`${label}@${clock.nowMs()}`);
  clock.setTimer(3609.375, at('master-down'));
  clock.setTimer(1000, at('advert-1'));
  clock.setTimer(1000, at('advert-2'));
  const cleared = clock.setTimer(500, at('cleared'));
  clock.setTimer(2000, () => {
    fired.push(`chain@${clock.nowMs()}`);
    clock.setTimer(0.5, at('chained'));
  });
  clock.clearTimer(cleared);
  clock.clearTimer(cleared);
  clock.advanceBy(5000);
  assert.deepEqual(fired, ['advert-1@1000', 'advert-2@1000', 'chain@2000', 'chained@2000.5', 'master-down@3609.375']);
  assert.equal(clock.nowMs(), 5000);
  assert.equal(clock.wallClockMs(), 6000);
  assert.equal(clock.pendingTimers(), 0);
  assert.throws(() => clock.advanceTo(10), RangeError);
});
