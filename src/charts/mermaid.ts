/**
 * ChartModel → Mermaid `stateDiagram-v2`. Every node is declared as `state "label" as id`
 * (ids prefixed with the chart's id, so charts drawn together never share a state), clusters
 * and multi-chart bundles become composite states. Text is made safe for Mermaid's lexer:
 * a transition label ends at ':' ';' or a newline, a state label at '"', '#' starts a comment
 * and a line containing "direction LR" is taken as a direction statement wherever it appears.
 *
 * Where a transition is written matters: mermaid moves a state into whichever composite a
 * transition naming it is written in (a cluster whose states all move out is left empty, and
 * mermaid 11's renderer then fails with "No such shape: roundedWithTitle"), while a transition
 * at the top level of the diagram moves nothing. So a transition goes inside the composite that
 * declares both its ends, or to the top level when they are declared in different ones; one to
 * or from `[*]` goes beside its state, as `[*]` means the start or end of the composite it is in.
 *
 * Mermaid 11 draws one loop per state, dropping the other self-transitions silently
 * (mermaid-js/mermaid#6132), so a state's loops are written as one transition whose label has
 * a line per loop.
 */
import type { ChartBundle, ChartEdge, ChartModel } from './model.js';

/** Text as Mermaid's stateDiagram lexer accepts it inside labels. */
export function mermaidText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/:/g, ' -')
    .replace(/;/g, ',')
    .replace(/#/g, 'no.')
    .replace(/"/g, "'")
    .replace(/%%/g, '%')
    .replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
    .replace(/\bdirection(\s+)(TB|BT|RL|LR)\b/gi, 'direction-$2')
    .trim();
}

/** A transition's label lines on one line: "after X, event [guard]". */
function oneLine(e: ChartEdge): string {
  return e.label
    .map(mermaidText)
    .filter((l) => l !== '')
    .reduce((text, l) => (text === '' ? l : `${text}${l.startsWith('[') ? ' ' : ', '}${l}`), '');
}

function mermaidId(chart: ChartModel, id: string): string {
  return `${chart.id}__${id}`;
}

/** Where a line is written: a cluster (by its model id), the chart's own level, or the diagram's top level. */
const CHART = Symbol('chart');
const TOP = Symbol('top');
type Scope = string | typeof CHART | typeof TOP;

/**
 * A chart's lines: `inside` for the chart's own level (the diagram's top level for a chart drawn
 * alone, its composite in a bundle), `crossing` for the transitions between clusters, which
 * belong at the diagram's top level.
 */
function chartLines(chart: ChartModel, pad: string): { inside: string[]; crossing: string[] } {
  const initials = new Set(chart.nodes.filter((n) => n.kind === 'initial').map((n) => n.id));
  const ref = (id: string): string => (initials.has(id) ? '[*]' : mermaidId(chart, id));
  const declaredIn = new Map<string, Scope>();
  for (const c of chart.clusters) declaredIn.set(c.id, c.parent ?? CHART);
  for (const n of chart.nodes) declaredIn.set(n.id, n.cluster ?? CHART);
  const scopeOf = (id: string): Scope => declaredIn.get(id) ?? CHART;

  const loops = new Map<string, ChartEdge[]>();
  for (const e of chart.edges.filter((x) => x.from === x.to)) loops.set(e.from, [...(loops.get(e.from) ?? []), e]);
  const labelOf = (e: ChartEdge): string => {
    const several = loops.get(e.from) ?? [];
    if (e.from !== e.to || several.length < 2) return e.label.map(mermaidText).filter((l) => l !== '').join('<br/>');
    return several.map(oneLine).filter((l) => l !== '').join('<br/>');
  };

  const transitions = new Map<Scope, string[]>();
  const put = (scope: Scope, line: string): void => void transitions.set(scope, [...(transitions.get(scope) ?? []), line]);
  for (const e of chart.edges) {
    if (e.from === e.to && loops.get(e.from)?.[0] !== e) continue; // written with the state's first loop
    const label = labelOf(e);
    const line = `${ref(e.from)} --> ${ref(e.to)}${label === '' ? '' : ` : ${label}`}`;
    if (initials.has(e.from)) put(scopeOf(e.to), line);
    else if (initials.has(e.to)) put(scopeOf(e.from), line);
    else put(scopeOf(e.from) === scopeOf(e.to) ? scopeOf(e.from) : TOP, line);
  }
  for (const n of chart.nodes.filter((x) => x.kind === 'final')) put(scopeOf(n.id), `${mermaidId(chart, n.id)} --> [*]`);

  const body = (scope: typeof CHART | string, indent: string): string[] => {
    const cluster = scope === CHART ? undefined : scope;
    const lines: string[] = [];
    for (const c of chart.clusters.filter((x) => x.parent === cluster)) {
      lines.push(`${indent}state "${mermaidText(c.label)}" as ${mermaidId(chart, c.id)} {`);
      lines.push(...body(c.id, `${indent}  `));
      lines.push(`${indent}}`);
    }
    for (const n of chart.nodes.filter((x) => x.cluster === cluster && x.kind !== 'initial')) {
      const label = [n.label, ...(n.detail ?? [])].map(mermaidText).join('<br/>');
      lines.push(`${indent}state "${label}" as ${mermaidId(chart, n.id)}`);
    }
    for (const t of transitions.get(scope) ?? []) lines.push(`${indent}${t}`);
    return lines;
  };
  return { inside: body(CHART, pad), crossing: transitions.get(TOP) ?? [] };
}

export function renderMermaid(bundle: ChartBundle): string {
  const single = bundle.charts.length === 1 ? bundle.charts[0] : undefined;
  const lines = ['stateDiagram-v2'];
  if (single !== undefined) {
    lines.push(`  %% ${mermaidText(single.title)}`);
    if (single.kind === 'machine') lines.push('  direction LR');
    const { inside, crossing } = chartLines(single, '  ');
    lines.push(...inside, ...crossing.map((t) => `  ${t}`));
  } else {
    for (const chart of bundle.charts) {
      const { inside, crossing } = chartLines(chart, '    ');
      lines.push(`  state "${mermaidText(chart.title)}" as ${chart.id} {`, ...inside, '  }', ...crossing.map((t) => `  ${t}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
