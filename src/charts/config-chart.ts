/**
 * A keepalived.conf as charts: its VRRP instances with their sync groups and tracked objects
 * (scripts, interfaces, files, processes, BFDs, with the weight each applies), and the
 * supervision tree that would run them.
 */
import type { KeepalivedConfig } from '../config/model/index.js';
import type { TrackRef, VrrpInstance } from '../config/model/vrrp.js';
import type { ChartBundle, ChartEdge, ChartModel, ChartNode, NodeKind } from './model.js';
import { safeId } from './model.js';
import { supervisionChart } from './supervision.js';

/** What a tracked object does to priority: keepalived's weight rules in words. */
export function weightWords(weight: number, reverse: boolean): string {
  if (weight === 0) return 'failure → FAULT';
  const sign = weight > 0 ? `+${weight}` : String(weight);
  return reverse ? `weight ${sign} reverse` : `weight ${sign}`;
}

type TrackList = Pick<VrrpInstance, 'trackInterfaces' | 'trackScripts' | 'trackFiles' | 'trackProcesses' | 'trackBfds'>;

export function configChart(config: KeepalivedConfig, id = 'config'): ChartModel {
  const v = config.vrrp;
  const taken = new Set<string>();
  const nodes: ChartNode[] = [];
  const edges: ChartEdge[] = [];
  const objects = new Map<string, string>(); // kind:name → node id

  const objectNode = (kind: NodeKind, name: string, detail: string[]): string => {
    const key = `${kind}:${name}`;
    const existing = objects.get(key);
    if (existing !== undefined) return existing;
    const nodeId = safeId(`${kind.replace(/-/g, '_')}_`, name, taken);
    objects.set(key, nodeId);
    nodes.push({ id: nodeId, label: name, kind, ...(detail.length > 0 ? { detail } : {}) });
    return nodeId;
  };
  const track = (from: string, to: string, weight: number, reverse: boolean): void => {
    edges.push({ id: `e${edges.length}`, from, to, kind: 'tracks', label: [weightWords(weight, reverse)] });
  };

  const trackAll = (owner: string, refs: TrackList): void => {
    for (const ref of refs.trackScripts) {
      const script = v.scripts.find((s) => s.name === ref.name);
      const detail = script === undefined ? ['(not defined)'] : [`every ${script.intervalMs / 1000} s`, `rise ${script.rise} fall ${script.fall}`];
      track(objectNode('script', ref.name, detail), owner, weightOf(ref, script?.weight), ref.reverse || (script?.weightReverse ?? false));
    }
    for (const ref of refs.trackInterfaces) track(objectNode('interface', ref.name, []), owner, ref.weight ?? 0, ref.reverse);
    for (const ref of refs.trackFiles) {
      const file = v.trackFiles.find((f) => f.name === ref.name);
      track(objectNode('file', ref.name, file?.file !== undefined ? [file.file] : []), owner, weightOf(ref, file?.weight), ref.reverse || (file?.weightReverse ?? false));
    }
    for (const ref of refs.trackProcesses) {
      const proc = v.trackProcesses.find((p) => p.name === ref.name);
      const detail = proc === undefined ? [] : [`${proc.process ?? '?'}`, `quorum ${proc.quorum}${proc.quorumMax !== undefined ? `..${proc.quorumMax}` : ''}`];
      track(objectNode('process', ref.name, detail), owner, weightOf(ref, proc?.weight), ref.reverse || (proc?.weightReverse ?? false));
    }
    for (const ref of refs.trackBfds) track(objectNode('bfd', ref.name, []), owner, ref.weight ?? 0, ref.reverse);
  };

  const instanceIds = new Map<string, string>();
  for (const inst of v.instances) {
    const nodeId = safeId('vi_', inst.name, taken);
    instanceIds.set(inst.name, nodeId);
    const priority = inst.priority ?? (inst.state === 'MASTER' ? 255 : 100);
    const detail = [
      `VRID ${inst.virtualRouterId ?? '?'} on ${inst.interface ?? '?'}`,
      `priority ${priority}${inst.state !== undefined ? `, state ${inst.state}` : ''}${inst.nopreempt ? ', nopreempt' : ''}`,
    ];
    nodes.push({ id: nodeId, label: inst.name, kind: 'instance', detail });
    // keepalived tracks an instance's own interface unless dont_track_primary.
    if (inst.interface !== undefined && !inst.dontTrackPrimary) track(objectNode('interface', inst.interface, []), nodeId, 0, false);
    trackAll(nodeId, inst);
  }
  for (const group of v.syncGroups) {
    const nodeId = safeId('sg_', group.name, taken);
    nodes.push({ id: nodeId, label: group.name, kind: 'sync-group', detail: ['vrrp_sync_group'] });
    for (const m of group.members) {
      const member = instanceIds.get(m.name);
      if (member !== undefined) edges.push({ id: `e${edges.length}`, from: nodeId, to: member, kind: 'member', label: ['member'] });
    }
    trackAll(nodeId, group);
  }
  return { id, title: 'VRRP configuration: instances, sync groups, tracked objects', kind: 'config', nodes, clusters: [], edges };
}

function weightOf(ref: TrackRef, objectWeight: number | undefined): number {
  return ref.weight ?? objectWeight ?? 0;
}

/** `chart -f`: the configuration and its supervision tree. */
export function configBundle(config: KeepalivedConfig): ChartBundle {
  const v = config.vrrp;
  const tracked = [
    ...v.scripts.map((s) => `script ${s.name}`),
    ...v.trackFiles.map((f) => `file ${f.name}`),
    ...v.trackProcesses.map((p) => `process ${p.name}`),
  ];
  return {
    charts: [
      configChart(config),
      supervisionChart({
        instances: v.instances.map((i) => i.name),
        syncGroups: v.syncGroups.map((g) => g.name),
        trackers: tracked,
      }),
    ],
  };
}
