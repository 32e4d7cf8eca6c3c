/**
 * The normalised chart model every format renders from (and `--format json` prints): plain
 * nodes, clusters and edges with their labels already in RFC words, so the DOT, Mermaid and
 * live-view renderers stay dumb and agree with each other.
 */

export type ChartKind = 'machine' | 'config' | 'supervision';

export type NodeKind =
  // State charts.
  | 'initial'
  | 'state'
  | 'final'
  /** Stands for "whichever state": the source of root-level transitions. */
  | 'any'
  // Configuration and supervision.
  | 'instance'
  | 'sync-group'
  | 'script'
  | 'interface'
  | 'file'
  | 'process'
  | 'bfd'
  | 'os-process'
  | 'supervisor'
  | 'actor';

export type EdgeKind =
  | 'initial'
  /** An event that changes state. */
  | 'event'
  /** A timer firing (a named delay). */
  | 'timer'
  /** Eventless: taken as soon as the guard holds. */
  | 'always'
  | 'tracks'
  | 'member'
  | 'supervises';

export interface ChartNode {
  /** Safe in DOT, Mermaid and HTML ids: [A-Za-z_][A-Za-z0-9_]*. */
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  /** Enclosing cluster's id, if any. */
  readonly cluster?: string;
  readonly description?: string;
  /** Extra lines under the label (priority, weights, intervals). */
  readonly detail?: readonly string[];
}

export interface ChartCluster {
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
}

export interface ChartEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Lines of the label, in RFC words. */
  readonly label: readonly string[];
  /** Internal transition: actions only, the state is not left (drawn as a dashed loop). */
  readonly internal?: boolean;
  /** The machine's names, for matching live transitions and for tooltips. */
  readonly event?: string;
  readonly guard?: string;
  readonly delays?: readonly string[];
  readonly actions?: readonly string[];
}

export interface ChartModel {
  readonly id: string;
  readonly title: string;
  readonly kind: ChartKind;
  readonly nodes: readonly ChartNode[];
  readonly clusters: readonly ChartCluster[];
  readonly edges: readonly ChartEdge[];
}

/** Several charts drawn together (a config: its instances' machines, tracked objects, tree). */
export interface ChartBundle {
  readonly charts: readonly ChartModel[];
}

/** Makes a label into an id the three formats accept; `taken` keeps ids unique. */
export function safeId(prefix: string, name: string, taken?: Set<string>): string {
  const base = `${prefix}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  let id = /^[A-Za-z_]/.test(base) ? base : `_${base}`;
  if (taken !== undefined) {
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
  }
  return id;
}
