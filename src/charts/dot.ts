/**
 * ChartModel → Graphviz DOT. Several charts become clusters of one graph, so one SVG holds
 * them all. Node and edge `id`s are prefixed with the chart's id and survive into the SVG
 * (Graphviz copies `id` and `class`), which is what the live view highlights.
 */
import type { ChartBundle, ChartEdge, ChartModel, ChartNode, EdgeKind, NodeKind } from './model.js';

const FONT = 'Helvetica';

/** DOT double-quoted string; `\n` separates lines. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** The SVG element id of a node or edge of a chart (also used by the live page). */
export function svgId(chart: ChartModel, id: string): string {
  return `${chart.id}__${id}`;
}

function attrs(values: Record<string, string | number | undefined>): string {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? String(v) : dotString(v as string)}`);
  return parts.length === 0 ? '' : ` [${parts.join(', ')}]`;
}

const NODE_STYLE: Record<NodeKind, Record<string, string | number>> = {
  initial: { shape: 'circle', style: 'filled', fillcolor: 'black', width: 0.18, fixedsize: 'true', label: '' },
  state: { shape: 'box', style: 'rounded,filled', fillcolor: '#eef3fb' },
  final: { shape: 'box', style: 'rounded,filled,bold', peripheries: 2, fillcolor: '#f1f1f1' },
  any: { shape: 'box', style: 'rounded,dashed', fillcolor: 'white' },
  instance: { shape: 'box', style: 'rounded,filled', fillcolor: '#eef3fb' },
  'sync-group': { shape: 'box3d', style: 'filled', fillcolor: '#fdf3dc' },
  script: { shape: 'note', style: 'filled', fillcolor: '#eaf6ea' },
  interface: { shape: 'cds', style: 'filled', fillcolor: '#f3eefb' },
  file: { shape: 'folder', style: 'filled', fillcolor: '#f6f1e7' },
  process: { shape: 'component', style: 'filled', fillcolor: '#fbeeee' },
  bfd: { shape: 'hexagon', style: 'filled', fillcolor: '#eef9fb' },
  'os-process': { shape: 'box', style: 'bold,filled', fillcolor: '#ffffff' },
  supervisor: { shape: 'invhouse', style: 'filled', fillcolor: '#fdf3dc' },
  actor: { shape: 'ellipse', style: 'filled', fillcolor: '#eef3fb' },
};

const EDGE_STYLE: Record<EdgeKind, Record<string, string>> = {
  initial: {},
  event: {},
  timer: { color: '#b35900', fontcolor: '#b35900', style: 'bold' },
  always: { style: 'dashed' },
  tracks: { color: '#2f6f2f', fontcolor: '#2f6f2f' },
  member: { style: 'dashed', arrowhead: 'none' },
  supervises: { arrowhead: 'odiamond' },
};

function nodeLine(chart: ChartModel, node: ChartNode, prefix: string): string {
  const label = [node.label, ...(node.detail ?? [])].join('\n');
  const style = NODE_STYLE[node.kind];
  return `${prefix}${dotString(svgId(chart, node.id))}${attrs({
    label,
    ...style,
    id: svgId(chart, node.id),
    class: `chart_node kind_${node.kind}`,
    tooltip: node.description ?? node.label,
  })};`;
}

function edgeLine(chart: ChartModel, edge: ChartEdge, prefix: string): string {
  const style = { ...EDGE_STYLE[edge.kind], ...(edge.internal === true ? { style: 'dotted' } : {}) };
  const tooltip = [edge.label.join(' '), edge.actions !== undefined ? `actions: ${edge.actions.join(', ')}` : undefined]
    .filter((t) => t !== undefined && t !== '')
    .join(' — ');
  return `${prefix}${dotString(svgId(chart, edge.from))} -> ${dotString(svgId(chart, edge.to))}${attrs({
    label: edge.label.length > 0 ? edge.label.join('\n') : undefined,
    ...style,
    id: svgId(chart, edge.id),
    class: `chart_edge kind_${edge.kind}${edge.internal === true ? ' internal' : ''}`,
    tooltip: tooltip === '' ? undefined : tooltip,
  })};`;
}

function chartBody(chart: ChartModel, indent: string): string[] {
  const lines: string[] = [];
  const inCluster = (cluster: string | undefined, pad: string): void => {
    for (const c of chart.clusters.filter((x) => x.parent === cluster)) {
      lines.push(`${pad}subgraph ${dotString(`cluster_${svgId(chart, c.id)}`)} {`);
      lines.push(`${pad}  label=${dotString(c.label)}; id=${dotString(svgId(chart, c.id))}; class="chart_cluster"; style="rounded";`);
      inCluster(c.id, `${pad}  `);
      lines.push(`${pad}}`);
    }
    for (const n of chart.nodes.filter((x) => x.cluster === cluster)) lines.push(nodeLine(chart, n, pad));
  };
  inCluster(undefined, indent);
  for (const e of chart.edges) lines.push(edgeLine(chart, e, indent));
  return lines;
}

/** One chart, or several as clusters of one graph. */
export function renderDot(bundle: ChartBundle): string {
  const single = bundle.charts.length === 1 ? bundle.charts[0] : undefined;
  const lines = [
    `digraph ${dotString(single?.id ?? 'charts')} {`,
    `  graph [fontname=${dotString(FONT)}, fontsize=14, labelloc="t", rankdir=${single?.kind === 'machine' ? 'LR' : 'TB'}, nodesep=0.4, ranksep=0.6${single !== undefined ? `, label=${dotString(single.title)}` : ''}];`,
    `  node [fontname=${dotString(FONT)}, fontsize=11];`,
    `  edge [fontname=${dotString(FONT)}, fontsize=9];`,
  ];
  if (single !== undefined) lines.push(...chartBody(single, '  '));
  else {
    for (const chart of bundle.charts) {
      lines.push(`  subgraph ${dotString(`cluster_${chart.id}`)} {`);
      lines.push(`    label=${dotString(chart.title)}; id=${dotString(chart.id)}; class="chart"; style="rounded";`);
      lines.push(...chartBody(chart, '    '));
      lines.push('  }');
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
