/**
 * A simulator run as the live view's replay page (`keepalived-ts sim SCENARIO --html FILE`): the
 * same instance charts as `/charts` on a running daemon, one per node and instance, stepped
 * through the run's transitions (slider, buttons) with a cursor on the simulator's timeline,
 * then the verdict and the event list. Self-contained and offline like the live page; without
 * JavaScript it shows the end of the run and the whole log.
 */
import type { Analysis } from '../../sim/check/analyze.js';
import type { TraceEvent } from '../../sim/trace.js';
import { SIM_LEGEND_HTML, simSections, simTimeline } from '../../sim/report/html/sim-report.js';
import type { LiveInstance, LiveSnapshot, LiveTransition } from './model.js';
import { buildLivePage } from './page.js';

/** How a node's instance is named on the page. */
export const replayName = (node: string, instance: string): string => `${node}: ${instance}`;

/** The run's instances (all ever configured, Initialize) and its transitions, in order. */
export function replayModel(events: readonly TraceEvent[]): { snapshot: LiveSnapshot; transitions: LiveTransition[] } {
  const instances = new Map<string, LiveInstance>();
  const state = new Map<string, string>();
  const byNode = new Map<string, Set<string>>();
  const transitions: LiveTransition[] = [];
  const move = (at: number, name: string, to: string, cause: string | null): void => {
    const from = state.get(name) ?? 'INIT';
    if (from === to) return;
    state.set(name, to);
    transitions.push({ at, instance: name, from, to, cause });
  };
  for (const e of events) {
    switch (e.type) {
      case 'config':
        for (const i of e.instances) {
          const name = replayName(e.node, i.name);
          (byNode.get(e.node) ?? byNode.set(e.node, new Set()).get(e.node)!).add(name);
          if (!instances.has(name)) {
            instances.set(name, { name, state: 'INIT', basePriority: i.priority, effectivePriority: i.priority, syncGroup: null, masterAddress: null });
          }
        }
        break;
      case 'state':
        move(e.t, replayName(e.node, e.instance), e.to, e.reason);
        break;
      case 'daemon':
        // The trace has no state change for a daemon that stops or comes back: show it as one.
        for (const name of byNode.get(e.node) ?? []) {
          if (!e.running) move(e.t, name, 'STOP', `daemon stopped (${e.why})`);
          else if (state.get(name) === 'STOP') move(e.t, name, 'INIT', `daemon started (${e.why})`);
        }
        break;
      default:
        break;
    }
  }
  return { snapshot: { instances: [...instances.values()], tracked: [], log: [] }, transitions };
}

export async function renderSimReplay(title: string, events: readonly TraceEvent[], analysis: Analysis): Promise<string> {
  const { snapshot, transitions } = replayModel(events);
  return buildLivePage({
    title,
    snapshot,
    replay: { transitions, timeline: simTimeline(events, analysis), legendHtml: SIM_LEGEND_HTML },
    sections: simSections(events, analysis),
  });
}
