import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, spawnActor, startSystem, stopActor, stopSystem, actorPath } from '../../../src/actors/runtime.js';
import type { ActorRef, CrashDecision } from '../../../src/actors/runtime.js';
import { installVirtualTime } from '../../../src/sim/virtual-time.js';

type Ball = { readonly kind: 'ball'; readonly hits: number; readonly replyTo: ActorRef<Ball> };

/** Two players pass a ball back and forth; the trace records who hit it when. */
async function rally(runName: string): Promise<string[]> {
  const world = installVirtualTime({ seed: 1 });
  const trace: string[] = [];
  try {
    const system = startSystem(runName);
    const player = (name: string): ActorRef<Ball> => spawnActor<number, Ball>(system, name, {
      initialState: () => 0,
      handle: (count, msg, ctx) => {
        trace.push(`${world.clock.nowMs()} ${Date.now()} ${ctx.name} ${msg.hits}`);
        if (msg.hits < 20) dispatch(msg.replyTo, { kind: 'ball', hits: msg.hits + 1, replyTo: ctx.self });
        return count + 1;
      },
    });
    const ping = player('ping');
    const pong = player('pong');
    dispatch(ping, { kind: 'ball', hits: 0, replyTo: pong });
    await world.runUntilIdle();
    stopSystem(system);
    await world.runUntilIdle();
  } finally {
    world.uninstall();
  }
  return trace;
}

test('a run of message exchanges under virtual time gives the same trace twice', async () => {
  const first = await rally('rally-a');
  const second = await rally('rally-b');
  assert.equal(first.length, 21);
  assert.deepEqual(first, second);
});

type Cmd = { readonly kind: 'add'; readonly n: number } | { readonly kind: 'boom' } | { readonly kind: 'read'; readonly into: number[] };

async function afterCrash(systemName: string, decision: CrashDecision): Promise<{ reads: number[]; crashes: number }> {
  const world = installVirtualTime({ seed: 2 });
  try {
    const system = startSystem(systemName);
    const reads: number[] = [];
    let crashes = 0;
    const counter = spawnActor<number, Cmd>(system, 'counter', {
      initialState: () => 100,
      handle: (total, msg) => {
        if (msg.kind === 'boom') throw new Error('bug');
        if (msg.kind === 'read') msg.into.push(total);
        return msg.kind === 'add' ? total + msg.n : total;
      },
      onCrash: (crash) => {
        crashes += 1;
        assert.deepEqual(crash.message, { kind: 'boom' });
        assert.equal(actorPath(crash.self), `${systemName}/counter`);
        return decision;
      },
    });
    dispatch(counter, { kind: 'add', n: 5 });
    dispatch(counter, { kind: 'boom' });
    dispatch(counter, { kind: 'read', into: reads });
    await world.runUntilIdle();
    stopSystem(system);
    return { reads, crashes };
  } finally {
    world.uninstall();
  }
}

test('crash decisions: restart rebuilds the initial state, resume keeps it, stop drops later messages', async () => {
  assert.deepEqual(await afterCrash('crash-restart', 'restart'), { reads: [100], crashes: 1 });
  assert.deepEqual(await afterCrash('crash-resume', 'resume'), { reads: [105], crashes: 1 });
  assert.deepEqual(await afterCrash('crash-stop', 'stop'), { reads: [], crashes: 1 });
});

test('a stopped actor ignores messages and its name can be reused', async () => {
  const world = installVirtualTime({ seed: 3 });
  try {
    const system = startSystem('reuse');
    const seen: string[] = [];
    const make = (tag: string): ActorRef<string> => spawnActor<null, string>(system, 'worker', {
      initialState: () => null,
      handle: (state, msg) => { seen.push(`${tag}:${msg}`); return state; },
    });
    const first = make('one');
    dispatch(first, 'a');
    await world.runUntilIdle();
    stopActor(first);
    dispatch(first, 'dropped');
    await world.runUntilIdle();
    make('two');
    dispatch(first, 'b'); // the ref is a path: the new actor behind the same name gets it
    await world.runUntilIdle();
    assert.deepEqual(seen, ['one:a', 'two:b']);
    assert.throws(() => make('three'), /already exists/);
    assert.throws(() => spawnActor(system, '', { initialState: () => 0, handle: (s) => s }), /named/);
    stopSystem(system);
  } finally {
    world.uninstall();
  }
});
