/**
 * ChartModel → Mermaid `stateDiagram-v2`. Every node is declared as `state "label" as id`
 * (ids prefixed with the chart's id, so charts drawn together never share a state), clusters
 * and multi-chart bundles become composite states. Text is made safe for Mermaid's lexer:
 * a transition label ends at ':' ';' or a newline, a state label at '"', '#' starts a comment
 * and a line containing "direction LR" is taken as a direction statement wherever it appears.
 */
import type { ChartBundle, ChartModel } from './model.js';

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

function mermaidId(chart: ChartModel, id: string): string {
  return `${chart.id}__${id}`;
}

function chartLines(chart: ChartModel, pad: string): string[] {
  const lines: string[] = [];
  const initials = new Set(chart.nodes.filter((n) => n.kind === 'initial').map((n) => n.id));
  const ref = (id: string): string => (initials.has(id) ? '[*]' : mermaidId(chart, id));
  const declare = (cluster: string | undefined, indent: string): void => {
    for (const c of chart.clusters.filter((x) => x.parent === cluster)) {
      lines.push(`${indent}state "${mermaidText(c.label)}" as ${mermaidId(chart, c.id)} {`);
      declare(c.id, `${indent}  `);
      lines.push(`${indent}}`);
    }
    for (const n of chart.nodes.filter((x) => x.cluster === cluster && x.kind !== 'initial')) {
      const label = [n.label, ...(n.detail ?? [])].map(mermaidText).join('<br/>');
      lines.push(`${indent}state "${label}" as ${mermaidId(chart, n.id)}`);
    }
  };
  declare(undefined, pad);
  for (const e of chart.edges) {
    const label = e.label.map(mermaidText).filter((l) => l !== '').join('<br/>');
    lines.push(`${pad}${ref(e.from)} --> ${ref(e.to)}${label === '' ? '' : ` : ${label}`}`);
  }
  for (const n of chart.nodes.filter((x) => x.kind === 'final')) lines.push(`${pad}${mermaidId(chart, n.id)} --> [*]`);
  return lines;
}

export function renderMermaid(bundle: ChartBundle): string {
  const single = bundle.charts.length === 1 ? bundle.charts[0] : undefined;
  const lines = ['stateDiagram-v2'];
  if (single !== undefined) {
    lines.push(`  %% ${mermaidText(single.title)}`);
    if (single.kind === 'machine') lines.push('  direction LR');
    lines.push(...chartLines(single, '  '));
  } else {
    for (const chart of bundle.charts) {
      lines.push(`  state "${mermaidText(chart.title)}" as ${chart.id} {`);
      lines.push(...chartLines(chart, '    '));
      lines.push('  }');
    }
  }
  return `${lines.join('\n')}\n`;
}
