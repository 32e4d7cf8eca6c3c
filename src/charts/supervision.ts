/**
 * The supervision tree's shape (src/cli/daemon, src/actors/vrrp/subsystem-impl.ts): the parent
 * (keepalived's watchdog) respawns its VRRP child with backoff; in the child the VRRP subsystem
 * starts a supervisor per configuration generation (one_for_one, transient children) with an
 * actor per sync group and per instance; tracked-object watchers run beside it
 * (src/actors/tracking/trackers.ts). Without a config, placeholders stand for the actors.
 */
import type { ChartEdge, ChartModel, ChartNode } from './model.js';
import { safeId } from './model.js';

export interface SupervisionShape {
  readonly instances: readonly string[];
  readonly syncGroups: readonly string[];
  readonly trackers: readonly string[];
}

const GENERIC: SupervisionShape = { instances: ['‹vrrp_instance›'], syncGroups: ['‹vrrp_sync_group›'], trackers: ['‹tracked object›'] };

export function supervisionChart(shape: SupervisionShape = GENERIC, id = 'supervision'): ChartModel {
  const taken = new Set(['parent', 'vrrp_child', 'vrrp_subsystem', 'generation', 'trackers']);
  const nodes: ChartNode[] = [
    { id: 'parent', label: 'keepalived-ts (parent)', kind: 'os-process', detail: ['watchdog: pid file, signals, reload'] },
    { id: 'vrrp_child', label: 'VRRP child process', kind: 'os-process', cluster: 'child', detail: ['respawned with backoff (-R: never)'] },
    { id: 'vrrp_subsystem', label: 'VRRP subsystem', kind: 'supervisor', cluster: 'child', detail: ['reload: diff by name'] },
    { id: 'generation', label: 'generation-N supervisor', kind: 'supervisor', cluster: 'child', detail: ['one_for_one, transient', 'gives up: 5 restarts in 60 s'] },
  ];
  const edges: ChartEdge[] = [
    { id: 'e0', from: 'parent', to: 'vrrp_child', kind: 'supervises', label: ['Watchdog'] },
    { id: 'e1', from: 'vrrp_child', to: 'vrrp_subsystem', kind: 'supervises', label: [] },
    { id: 'e2', from: 'vrrp_subsystem', to: 'generation', kind: 'supervises', label: ['per config generation'] },
  ];
  const child = (label: string, prefix: string, from: string, edgeLabel: string[], detail: string[]): void => {
    const nodeId = safeId(prefix, label, taken);
    nodes.push({ id: nodeId, label, kind: 'actor', cluster: 'child', ...(detail.length > 0 ? { detail } : {}) });
    edges.push({ id: `e${edges.length}`, from, to: nodeId, kind: 'supervises', label: edgeLabel });
  };
  for (const g of shape.syncGroups) child(`sync-group.${g}`, 'a_sg_', 'generation', [], ['sync group machine']);
  for (const i of shape.instances) child(i, 'a_vi_', 'generation', [], ['instance machine']);
  for (const t of shape.trackers) child(t, 'a_tr_', 'vrrp_child', ['runs'], []);
  return {
    id,
    title: 'Supervision tree',
    kind: 'supervision',
    nodes,
    clusters: [{ id: 'child', label: 'VRRP child (its own process)' }],
    edges,
  };
}
