/**
 * Runs one scenario under one seed: nodes with real VRRP subsystems on a VirtualNetwork, faults
 * applied at their instants, everything on the SimLoop's virtual time. Returns the trace; the
 * checkers judge it afterwards.
 *
 * Every random choice comes from the seed: the network's from fork('net'), each daemon
 * incarnation's from fork('<node>#<n>'). Faults are armed first, so a fault and a protocol timer
 * due at the same instant run fault first.
 */
import { VirtualNetwork } from '../net/index.js';
import { SeededRandom } from '../virtual-time.js';
import { Recorder } from '../trace.js';
import type { TraceEvent } from '../trace.js';
import type { Fault, Scenario } from '../scenario/types.js';
import { livenessBounds } from '../check/bounds.js';
import { describeFault } from '../report/describe.js';
import { SimLoop } from './loop.js';
import { Fabric } from './fabric.js';
import type { PathState } from './fabric.js';
import { SimNode } from './sim-node.js';
import { instanceInfos, parseNodeConfig } from './config.js';

export interface RunResult {
  readonly events: readonly TraceEvent[];
  readonly endMs: number;
  /** Simulator errors (a refused configuration on reload, a bug surfacing as a rejection). */
  readonly errors: readonly string[];
}

/** The run lasts the scenario's duration, and long enough after the last fault to judge liveness. */
export function plannedEnd(scenario: Scenario): number {
  const infos = scenario.nodes.flatMap((node) => {
    const names = node.interfaces.map((i) => i.name);
    return [node.config, ...Object.values(node.variants)].flatMap((text) => instanceInfos(parseNodeConfig(node.name, text, names).config));
  });
  const bounds = [...livenessBounds(infos).values()];
  const longest = Math.max(0, ...bounds.map((b) => b.boundMs + b.advertIntMs));
  const lastFault = Math.max(0, ...scenario.faults.map((f) => f.atMs), ...scenario.nodes.map((n) => n.startAtMs));
  // Twice the bound: priority edits can lengthen Master_Down_Interval beyond the configured one.
  return Math.max(scenario.durationMs, lastFault + 2 * longest);
}

export async function simulate(scenario: Scenario, seed: number): Promise<RunResult> {
  const endMs = plannedEnd(scenario);
  const loop = new SimLoop();
  const root = new SeededRandom(seed);
  const recorder = new Recorder(() => loop.clock.nowMs());
  const errors: string[] = [];
  const fail = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    errors.push(message);
    recorder.record({ type: 'error', message });
  };
  const names = scenario.nodes.map((n) => n.name);
  recorder.record({ type: 'run', seed, scenario: scenario.name, endMs, nodes: names, format: 1 });

  loop.install();
  const nodes = new Map<string, SimNode>();
  try {
    const network = new VirtualNetwork(loop.clock);
    const fabric = new Fabric(names, root.fork('net'));
    fabric.install(network);
    for (const spec of scenario.nodes) nodes.set(spec.name, new SimNode(spec, network, loop.clock, root, recorder, fail));

    const paths = new Map<string, PathState>();
    const observePaths = (): void => {
      for (const from of names) {
        for (const to of names) {
          if (from === to) continue;
          const now = fabric.path(from, to);
          const before = paths.get(`${from}>${to}`) ?? { state: 'up', maxDelayMs: 0 };
          if (now.state !== before.state || now.maxDelayMs !== before.maxDelayMs) recorder.record({ type: 'path', from, to, ...now });
          paths.set(`${from}>${to}`, now);
        }
      }
    };
    const apply = (fault: Fault): void => {
      recorder.record({ type: 'fault', text: describeFault(fault), action: stripAt(fault) });
      try {
        if (fabric.apply(fault)) {
          observePaths();
          return;
        }
        applyToNode(fault, nodes.get((fault as { node: string }).node)!, scenario, loop);
      } catch (error) {
        fail(error);
      }
    };
    // Faults first: at equal instants they precede protocol timers and node starts.
    for (const fault of scenario.faults) loop.clock.setTimer(fault.atMs, () => apply(fault));
    for (const spec of scenario.nodes) {
      loop.clock.setTimer(spec.startAtMs, () => {
        try {
          nodes.get(spec.name)!.start('boot');
        } catch (error) {
          fail(error);
        }
      });
    }
    await loop.runUntil(endMs);
    recorder.record({ type: 'end' });
    recorder.close();
    const stopping = Promise.all([...nodes.values()].map((n) => n.shutdown()));
    await loop.runUntil(endMs + 1);
    await stopping;
  } finally {
    loop.uninstall();
  }
  return { events: recorder.events, endMs, errors };
}

function stripAt(fault: Fault): Fault {
  const { atMs: _at, note: _note, ...action } = fault;
  return action as Fault;
}

function applyToNode(fault: Fault, node: SimNode, scenario: Scenario, loop: SimLoop): void {
  switch (fault.kind) {
    case 'crash':
      return node.crash();
    case 'stop':
      return node.stop('SIGTERM');
    case 'restart':
      if (node.running) node.stop('restart');
      return node.start('restart');
    case 'kill':
      node.kill('VRRP child crashed');
      loop.clock.setTimer(fault.respawnAfterMs, () => {
        if (!node.running) node.start('respawned by the watchdog');
      });
      return;
    case 'linkDown':
    case 'linkUp':
      return node.setLinkUp(fault.interface, fault.kind === 'linkUp');
    case 'priority':
      return node.setPriority(fault.instance, fault.priority);
    case 'drift':
      return node.drift.setRate(fault.rate);
    case 'script':
      return node.setScriptResult(fault.name, fault.result);
    case 'reload': {
      const spec = scenario.nodes.find((n) => n.name === fault.node)!;
      return node.reload(fault.variant !== undefined ? spec.variants[fault.variant] : fault.config);
    }
    default:
      throw new Error(`fault ${fault.kind} is not a node fault`);
  }
}
