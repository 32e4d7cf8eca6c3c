/** A Scenario back to a scenario document (YAML), e.g. a shrunk counterexample from --explore. */
import { stringify } from 'yaml';
import { formatDuration } from './duration.js';
import type { Direction, Fault, Scenario } from './types.js';

function direction(ds: readonly Direction[]): Record<string, unknown> {
  if (ds.length === 2 && ds[0]!.from === ds[1]!.to && ds[0]!.to === ds[1]!.from) return { between: [ds[0]!.from, ds[0]!.to] };
  return { from: ds[0]!.from, to: ds[0]!.to };
}

function faultDocs(f: Fault): Record<string, unknown>[] {
  const at = formatDuration(f.atMs);
  switch (f.kind) {
    case 'partition': return [{ at, partition: f.groups }];
    case 'isolate': return [{ at, isolate: f.node }];
    case 'cut': return [{ at, cut: { from: f.from, to: f.to } }];
    case 'heal': return f.directions === 'all' ? [{ at, heal: 'all' }] : [{ at, heal: direction(f.directions) }];
    case 'impair': {
      const i = f.impairment;
      // `between` covers two directions; anything else is written one direction per entry.
      const groups = Object.keys(direction(f.directions)).includes('between') ? [f.directions] : f.directions.map((d) => [d]);
      return groups.map((ds) => ({
        at,
        impair: {
          ...direction(ds),
          ...(i.loss > 0 ? { loss: i.loss } : {}),
          ...(i.delayMs > 0 ? { delay: formatDuration(i.delayMs) } : {}),
          ...(i.jitterMs > 0 ? { jitter: formatDuration(i.jitterMs) } : {}),
          ...(i.duplicate > 0 ? { duplicate: i.duplicate } : {}),
          ...(i.reorder > 0 ? { reorder: i.reorder, reorderBy: formatDuration(i.reorderByMs) } : {}),
        },
      }));
    }
    case 'crash': return [{ at, crash: f.node }];
    case 'stop': return [{ at, stop: f.node }];
    case 'restart': return [{ at, restart: f.node }];
    case 'kill': return [{ at, kill: { node: f.node, respawnAfter: formatDuration(f.respawnAfterMs) } }];
    case 'linkDown': return [{ at, linkDown: { node: f.node, interface: f.interface } }];
    case 'linkUp': return [{ at, linkUp: { node: f.node, interface: f.interface } }];
    case 'priority': return [{ at, priority: { node: f.node, ...(f.instance !== undefined ? { instance: f.instance } : {}), priority: f.priority } }];
    case 'drift': return [{ at, drift: { node: f.node, rate: f.rate } }];
    case 'script': return [{ at, script: { node: f.node, name: f.name, result: f.result } }];
    case 'reload':
      return [{ at, reload: f.variant !== undefined ? { node: f.node, variant: f.variant } : f.config !== undefined ? { node: f.node, config: f.config } : f.node }];
  }
}

export function scenarioToYaml(scenario: Scenario, comment?: string): string {
  const doc = {
    name: scenario.name,
    ...(scenario.description !== '' ? { description: scenario.description } : {}),
    duration: formatDuration(scenario.durationMs),
    links: scenario.links.map((name) => ({ name })),
    nodes: scenario.nodes.map((n) => ({
      name: n.name,
      interfaces: n.interfaces.map((i) => ({ name: i.name, address: `${i.address}/${i.prefixLength}`, link: i.link, mac: i.mac })),
      ...(n.startAtMs > 0 ? { startAt: formatDuration(n.startAtMs) } : {}),
      config: n.config,
      ...(Object.keys(n.variants).length > 0 ? { variants: n.variants } : {}),
    })),
    faults: scenario.faults.flatMap(faultDocs),
  };
  const header = comment === undefined ? '' : comment.split('\n').map((l) => `# ${l}`).join('\n') + '\n';
  return header + stringify(doc, { lineWidth: 0 });
}
