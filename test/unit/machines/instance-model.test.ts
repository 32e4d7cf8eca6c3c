/**
 * Model-based coverage of the instance machine with @xstate/graph: timers are modelled as
 * explicit events; every state node and every transition definition must be reachable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getAdjacencyMap } from '@xstate/graph';
import { createActor } from 'xstate';
import type { AnyTransitionDefinition, SnapshotFrom, StateNode } from 'xstate';
import { vrrpInstanceMachine } from '../../../src/machines/index.js';
import type { InstanceEvent } from '../../../src/machines/index.js';
import { modelEvents, modelInputs } from './support/model.js';

type Snapshot = SnapshotFrom<typeof vrrpInstanceMachine>;

function serialize(snapshot: Snapshot): string {
  const { params: _params, masterAddress: _a, masterPriority: _p, ...rest } = snapshot.context;
  return JSON.stringify([snapshot.value, snapshot.status, rest]);
}

function allTransitions(node: StateNode<never, never>): AnyTransitionDefinition[] {
  const own = [...node.transitions.values()].flat();
  const always = node.always ?? [];
  return [...own, ...always, ...Object.values(node.states).flatMap((child) => allTransitions(child as StateNode<never, never>))];
}

function allStateIds(node: StateNode<never, never>): string[] {
  return [node.id, ...Object.values(node.states).flatMap((child) => allStateIds(child as StateNode<never, never>))];
}

/** Replays one step on an actor restored from `snapshot`, collecting the transitions taken. */
function taken(snapshot: Snapshot | undefined, input: (typeof modelInputs)[number], event: InstanceEvent | undefined) {
  const seen: AnyTransitionDefinition[] = [];
  const inspect = (e: { type: string }) => {
    if (e.type === '@xstate.microstep') seen.push(...(e as unknown as { _transitions: AnyTransitionDefinition[] })._transitions);
  };
  const clock = { setTimeout: () => 0, clearTimeout: () => {} };
  const actor = createActor(vrrpInstanceMachine, {
    input,
    inspect,
    clock,
    ...(snapshot ? { snapshot: vrrpInstanceMachine.getPersistedSnapshot(snapshot) as Snapshot } : {}),
  });
  actor.start();
  if (event) actor.send(event);
  actor.stop();
  return seen;
}

test('every state and every transition of the instance machine is reachable', () => {
  const root = vrrpInstanceMachine.root as unknown as StateNode<never, never>;
  const wanted = new Set(allTransitions(root));
  const covered = new Set<AnyTransitionDefinition>();
  const statesSeen = new Set<string>();
  let vertices = 0;
  for (const input of modelInputs) {
    const map = getAdjacencyMap(vrrpInstanceMachine, {
      input,
      events: modelEvents,
      serializeState: (s) => serialize(s as Snapshot),
      limit: 5000,
    }) as unknown as Record<string, { state: Snapshot; transitions: Record<string, { event: InstanceEvent }> }>;
    for (const t of taken(undefined, input, undefined)) covered.add(t);
    for (const { state, transitions } of Object.values(map)) {
      vertices++;
      for (const id of (state as Snapshot)._nodes.map((n) => n.id)) statesSeen.add(id);
      if ((state as Snapshot).status !== 'active') continue;
      for (const { event } of Object.values(transitions)) for (const t of taken(state as Snapshot, input, event)) covered.add(t);
    }
  }
  assert.ok(vertices > 20, `only ${vertices} vertices explored`);
  assert.ok(wanted.size > 30 && covered.size >= wanted.size, `${covered.size}/${wanted.size} transitions`);
  assert.deepEqual(allStateIds(root).filter((id) => !statesSeen.has(id)), [], 'unreached states');
  const missing = [...wanted].filter((t) => !covered.has(t)).map((t) => `${t.source.id} --${t.eventType || 'always'}${t.guard ? `[${JSON.stringify(t.guard)}]` : ''}-->`);
  assert.deepEqual(missing, [], 'unreached transitions');
});
