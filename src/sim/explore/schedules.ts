/**
 * Random fault schedules over a scenario's nodes, as fast-check arbitraries (so failures shrink).
 * Swarm testing: the seed switches each kind of fault on or off, so one exploration digs deep
 * into a few kinds instead of spreading thin over all of them. Faults that need undoing come with
 * their undo (a crash with its restart, an interface down with its up); the schedule ends with
 * `heal all` at the horizon so liveness can be judged afterwards.
 */
import fc from 'fast-check';
import { SeededRandom } from '../virtual-time.js';
import type { Fault, Scenario } from '../scenario/types.js';
import { parseNodeConfig } from '../engine/config.js';

export const FAULT_KINDS = ['partition', 'isolate', 'cut', 'impair', 'crash', 'kill', 'linkDown', 'priority', 'drift', 'reload', 'script'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kinds this seed explores (at least one). */
export function swarmKinds(seed: number): FaultKind[] {
  const random = new SeededRandom(seed).fork('swarm');
  const on = FAULT_KINDS.filter(() => random.float() < 0.5);
  return on.length > 0 ? on : [FAULT_KINDS[random.intBetween(0, FAULT_KINDS.length - 1)]!];
}

const STEP_MS = 250;

export function scheduleArbitrary(scenario: Scenario, kinds: readonly FaultKind[], horizonMs: number, maxFaults = 6): fc.Arbitrary<Fault[]> {
  const names = scenario.nodes.map((n) => n.name);
  const node = fc.constantFrom(...names);
  const at = fc.integer({ min: 0, max: Math.floor(horizonMs / STEP_MS) }).map((s) => s * STEP_MS);
  const span = fc.integer({ min: 1, max: 40 }).map((s) => s * STEP_MS);
  const two = fc.tuple(node, node).filter(([a, b]) => a !== b);
  const cap = (ms: number): number => Math.min(ms, horizonMs);
  const firstInterface = (name: string): string => scenario.nodes.find((n) => n.name === name)!.interfaces[0]!.name;
  const variants = (name: string): string[] => Object.keys(scenario.nodes.find((n) => n.name === name)!.variants);
  const scripts = scriptsByNode(scenario);

  const arbitraries: Record<FaultKind, fc.Arbitrary<Fault[]>> = {
    partition: fc.tuple(at, fc.subarray(names, { minLength: 1, maxLength: Math.max(1, names.length - 1) }))
      .map(([atMs, group]) => [{ atMs, kind: 'partition', groups: [group, names.filter((n) => !group.includes(n))] }]),
    isolate: fc.tuple(at, node).map(([atMs, n]) => [{ atMs, kind: 'isolate', node: n }]),
    cut: fc.tuple(at, two).map(([atMs, [from, to]]) => [{ atMs, kind: 'cut', from, to }]),
    impair: fc.tuple(at, two, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
      .map(([atMs, [from, to], loss, delay, jitter, dup, reorder]) => [{
        atMs,
        kind: 'impair',
        directions: [{ from, to }],
        impairment: { loss: loss / 10, delayMs: delay * 10, jitterMs: jitter * 25, duplicate: dup / 10, reorder: reorder / 10, reorderByMs: 1500 },
      }]),
    crash: fc.tuple(at, node, span).map(([atMs, n, down]) => [{ atMs, kind: 'crash', node: n }, { atMs: cap(atMs + down), kind: 'restart', node: n }]),
    kill: fc.tuple(at, node, fc.integer({ min: 0, max: 8 })).map(([atMs, n, r]) => [{ atMs, kind: 'kill', node: n, respawnAfterMs: r * STEP_MS }]),
    linkDown: fc.tuple(at, node, span).map(([atMs, n, down]) => [
      { atMs, kind: 'linkDown', node: n, interface: firstInterface(n) },
      { atMs: cap(atMs + down), kind: 'linkUp', node: n, interface: firstInterface(n) },
    ]),
    priority: fc.tuple(at, node, fc.integer({ min: 1, max: 254 })).map(([atMs, n, priority]) => [{ atMs, kind: 'priority', node: n, instance: undefined, priority }]),
    // Within ±10 %: a clock slow enough to stretch an advert interval past Master_Down_Interval
    // breaks VRRP by design, and is not what the exploration looks for.
    drift: fc.tuple(at, node, fc.integer({ min: 90, max: 110 })).map(([atMs, n, rate]) => [{ atMs, kind: 'drift', node: n, rate: rate / 100 }]),
    reload: fc.tuple(at, node, fc.nat()).map(([atMs, n, pick]) => {
      const names = variants(n);
      return [{ atMs, kind: 'reload', node: n, variant: names.length === 0 ? undefined : names[pick % names.length], config: undefined }];
    }),
    // A check script fails for a while, then succeeds again (nothing when no node has one).
    script: scripts.length === 0
      ? fc.constant([])
      : fc.tuple(at, fc.constantFrom(...scripts), span).map(([atMs, [n, name], down]) => [
        { atMs, kind: 'script', node: n, name, result: 'down' },
        { atMs: cap(atMs + down), kind: 'script', node: n, name, result: 'up' },
      ]),
  };
  return fc.array(fc.oneof(...kinds.map((k) => arbitraries[k])), { maxLength: maxFaults }).map((groups) => groups.flat());
}

/** The scenario with the schedule instead of its own faults, healed at the horizon. */
export function withSchedule(scenario: Scenario, faults: readonly Fault[], horizonMs: number): Scenario {
  const all: Fault[] = [...faults, { atMs: horizonMs, kind: 'heal', directions: 'all' }];
  const ordered = all.map((f, i) => [f, i] as const).sort((a, b) => a[0].atMs - b[0].atMs || a[1] - b[1]).map(([f]) => f);
  return { ...scenario, faults: ordered, durationMs: Math.max(scenario.durationMs, horizonMs), expect: {} };
}

/** [node, vrrp_script name] for every script a node's configuration (or a variant) defines. */
function scriptsByNode(scenario: Scenario): [string, string][] {
  const pairs: [string, string][] = [];
  for (const node of scenario.nodes) {
    const names = new Set<string>();
    for (const text of [node.config, ...Object.values(node.variants)]) {
      try {
        for (const script of parseNodeConfig(node.name, text, node.interfaces.map((i) => i.name)).config.vrrp.scripts) names.add(script.name);
      } catch {
        // A refused configuration has no scripts to fail.
      }
    }
    for (const name of [...names].sort()) pairs.push([node.name, name]);
  }
  return pairs;
}
