/**
 * Checked-in XState chart JSON (src/machines/charts/*.json) → ChartModel. States become nodes
 * (compound states clusters), every `on`, `after` and `always` transition an edge labelled in
 * RFC words. Root-level transitions start from an "any state" node; transitions without a
 * target are internal and drawn as loops on their state.
 */
import type { ChartCluster, ChartEdge, ChartModel, ChartNode } from './model.js';
import { safeId } from './model.js';
import { delayWords, eventWords, guardNames, guardWords, TIMER_EVENTS, type GuardSpec } from './words.js';

/** The part of XState's JSON this reads. */
export interface XStateTransitionJson {
  readonly eventType?: string | null;
  readonly guard?: GuardSpec;
  readonly target?: readonly string[];
  readonly delay?: string | number;
  readonly actions?: readonly unknown[];
}

export interface XStateNodeJson {
  readonly id: string;
  readonly key: string;
  readonly type?: string;
  readonly description?: string;
  readonly initial?: { readonly target?: readonly string[] } | null;
  readonly on?: Readonly<Record<string, readonly XStateTransitionJson[]>>;
  readonly always?: readonly XStateTransitionJson[];
  readonly states?: Readonly<Record<string, XStateNodeJson>>;
}

const AFTER_PREFIX = 'xstate.after.';

function actionNames(actions: readonly unknown[] | undefined): string[] {
  return (actions ?? []).map((a) =>
    typeof a === 'string' ? a : a !== null && typeof a === 'object' && 'type' in a ? String((a as { type: unknown }).type) : 'inline',
  );
}

export function normaliseMachine(root: XStateNodeJson, title: string): ChartModel {
  const nodes: ChartNode[] = [];
  const clusters: ChartCluster[] = [];
  const edges: ChartEdge[] = [];
  const taken = new Set<string>();
  const idOf = new Map<string, string>(); // XState id → chart id
  const ANY = 'AnyState';
  let initialCount = 0;

  // First pass: ids, so transitions can point forward.
  const declare = (node: XStateNodeJson, cluster: string | undefined): void => {
    for (const child of Object.values(node.states ?? {})) {
      const id = safeId('', child.key, taken);
      idOf.set(child.id, id);
      const compound = Object.keys(child.states ?? {}).length > 0;
      if (compound) {
        clusters.push({ id, label: child.key, ...(cluster !== undefined ? { parent: cluster } : {}) });
      } else {
        nodes.push({
          id,
          label: child.key,
          kind: child.type === 'final' ? 'final' : 'state',
          ...(cluster !== undefined ? { cluster } : {}),
          ...(child.description !== undefined ? { description: child.description } : {}),
        });
      }
      if (compound) declare(child, id);
    }
  };
  declare(root, undefined);
  const resolve = (target: string): string => {
    const id = idOf.get(target.replace(/^#/, ''));
    if (id === undefined) throw new Error(`chart ${root.id}: unknown target ${target}`);
    return id;
  };

  const addInitial = (node: XStateNodeJson, cluster: string | undefined): void => {
    const target = node.initial?.target?.[0];
    if (target === undefined) return;
    const id = initialCount++ === 0 ? 'Initial' : safeId('Initial_', node.key, taken);
    nodes.push({ id, label: 'start', kind: 'initial', ...(cluster !== undefined ? { cluster } : {}) });
    edges.push({ id: `t${edges.length}`, from: id, to: resolve(target), kind: 'initial', label: [] });
  };

  const addTransitions = (node: XStateNodeJson, from: string): void => {
    for (const [eventType, list] of Object.entries(node.on ?? {})) {
      list.forEach((t, i) => {
        const after = eventType.startsWith(AFTER_PREFIX);
        const delays = after ? [String(t.delay ?? eventType.slice(AFTER_PREFIX.length).split('.')[0])] : TIMER_EVENTS[eventType];
        const label: string[] = [];
        if (delays !== undefined) label.push(`after ${delays.map(delayWords).join(' or ')}`);
        if (!after) label.push(eventWords(eventType));
        if (t.guard !== undefined) label.push(`[${guardWords(t.guard)}]`);
        else if (i > 0 && list.slice(0, i).some((p) => p.guard !== undefined)) label.push('[otherwise]');
        edges.push(edge(from, t, delays !== undefined ? 'timer' : 'event', label, after ? undefined : eventType, delays));
      });
    }
    for (const t of node.always ?? []) {
      const label = [t.guard !== undefined ? `[${guardWords(t.guard)}]` : 'at once'];
      edges.push(edge(from, t, 'always', label, undefined, undefined));
    }
  };

  const edge = (
    from: string,
    t: XStateTransitionJson,
    kind: ChartEdge['kind'],
    label: string[],
    event: string | undefined,
    delays: readonly string[] | undefined,
  ): ChartEdge => {
    const target = t.target?.[0];
    const actions = actionNames(t.actions);
    return {
      id: `t${edges.length}`,
      from,
      to: target === undefined ? from : resolve(target),
      kind,
      label,
      ...(target === undefined ? { internal: true } : {}),
      ...(event !== undefined ? { event } : {}),
      ...(t.guard !== undefined ? { guard: guardNames(t.guard).join(',') } : {}),
      ...(delays !== undefined ? { delays } : {}),
      ...(actions.length > 0 ? { actions } : {}),
    };
  };

  addInitial(root, undefined);
  if (Object.keys(root.on ?? {}).length > 0 || (root.always ?? []).length > 0) {
    nodes.push({ id: ANY, label: 'any state', kind: 'any' });
    addTransitions(root, ANY);
  }
  const walk = (node: XStateNodeJson): void => {
    for (const child of Object.values(node.states ?? {})) {
      const id = idOf.get(child.id)!;
      if (Object.keys(child.states ?? {}).length > 0) {
        addInitial(child, id);
        walk(child);
      }
      addTransitions(child, id);
    }
  };
  walk(root);
  return { id: root.id, title, kind: 'machine', nodes, clusters, edges };
}
