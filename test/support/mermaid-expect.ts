/**
 * What mermaid should make of a chart bundle's Mermaid text, from the bundle alone, and the
 * differences from what it did make (test/support/mermaid-browser.ts). States and composites
 * carry the ids src/charts/mermaid.ts gives them (chart id + "__" + node id; a bundle's charts
 * are composites named by their ids) and their label lines; each sits in its composite.
 * Transitions are the chart's edges plus one to `[*]` per final state, except that a state's
 * self-transitions are drawn as one loop carrying all their labels, as mermaid draws one loop
 * per state (mermaid-js/mermaid#6132).
 */
import { mermaidText } from '../../src/charts/mermaid.js';
import type { ChartBundle } from '../../src/charts/model.js';
import type { Box, MermaidReading } from './mermaid-browser.js';

interface Placed {
  readonly lines: readonly string[];
  /** The composite it is drawn in, or null at the top level. */
  readonly parent: string | null;
}

export interface MermaidExpectation {
  readonly states: ReadonlyMap<string, Placed>;
  readonly composites: ReadonlyMap<string, Placed>;
  /** "from --> to", one per drawn transition. */
  readonly transitions: readonly string[];
  /** Label lines of transitions between two different states, one entry per transition. */
  readonly labels: readonly (readonly string[])[];
  /** Label lines of self-transitions: each is somewhere in its state's one loop label. */
  readonly loopLines: readonly string[];
}

export function expectMermaid(bundle: ChartBundle): MermaidExpectation {
  const bundled = bundle.charts.length > 1;
  const states = new Map<string, Placed>();
  const composites = new Map<string, Placed>();
  const transitions: string[] = [];
  const labels: string[][] = [];
  const loopLines: string[] = [];
  for (const chart of bundle.charts) {
    const id = (local: string): string => `${chart.id}__${local}`;
    const top = bundled ? chart.id : null;
    if (bundled) composites.set(chart.id, { lines: [mermaidText(chart.title)], parent: null });
    for (const c of chart.clusters) composites.set(id(c.id), { lines: [mermaidText(c.label)], parent: c.parent !== undefined ? id(c.parent) : top });
    const initials = new Set(chart.nodes.filter((n) => n.kind === 'initial').map((n) => n.id));
    for (const n of chart.nodes.filter((x) => x.kind !== 'initial')) {
      states.set(id(n.id), { lines: [n.label, ...(n.detail ?? [])].map(mermaidText), parent: n.cluster !== undefined ? id(n.cluster) : top });
      if (n.kind === 'final') transitions.push(`${id(n.id)} --> [*]`);
    }
    const end = (local: string): string => (initials.has(local) ? '[*]' : id(local));
    const looped = new Set<string>();
    for (const e of chart.edges) {
      const lines = e.label.map(mermaidText).filter((l) => l !== '');
      if (e.from === e.to) {
        if (!looped.has(e.from)) transitions.push(`${end(e.from)} --> ${end(e.to)}`);
        looped.add(e.from);
        loopLines.push(...lines);
      } else {
        transitions.push(`${end(e.from)} --> ${end(e.to)}`);
        labels.push(lines);
      }
    }
  }
  return { states, composites, transitions, labels, loopLines };
}

/** Box `inner` lies within `outer` (to a pixel, for rounding). */
function inside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left - 1 && inner.top >= outer.top - 1 && inner.right <= outer.right + 1 && inner.bottom <= outer.bottom + 1;
}

const sorted = (list: readonly string[]): string[] => [...list].sort();
const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const show = (lines: readonly string[]): string => JSON.stringify(lines.join(' / '));

/** Everything mermaid's parser or renderer made differently from the expectation; empty when none. */
export function mermaidDifferences(want: MermaidExpectation, got: MermaidReading): string[] {
  const problems: string[] = [];
  const place = new Map([...want.states, ...want.composites]);

  // The parser: the same states in the same composites, the same transitions.
  const parsedIds = got.parsed.states.map((s) => s.id);
  if (!same(sorted(parsedIds), sorted([...place.keys()]))) problems.push(`parsed states ${sorted(parsedIds).join(' ')} ≠ ${sorted([...place.keys()]).join(' ')}`);
  for (const s of got.parsed.states) {
    const p = place.get(s.id);
    if (p !== undefined && p.parent !== s.parent) problems.push(`parser put ${s.id} in ${s.parent ?? 'the top level'}, not ${p.parent ?? 'the top level'}`);
  }
  const parsedTransitions = got.parsed.transitions.map((t) => `${t.from} --> ${t.to}`);
  if (!same(sorted(parsedTransitions), sorted(want.transitions)))
    problems.push(`parsed transitions differ: ${JSON.stringify(sorted(parsedTransitions))} ≠ ${JSON.stringify(sorted(want.transitions))}`);

  // The drawing: every state once, with its label, inside its composite's box.
  const boxOf = new Map(got.drawn.composites.map((c) => [c.id, c.box]));
  for (const [id, p] of want.composites) {
    const drawn = got.drawn.composites.filter((c) => c.id === id);
    if (drawn.length !== 1) problems.push(`composite ${id} drawn ${drawn.length} times`);
    else if (!same(drawn[0]!.lines, p.lines)) problems.push(`composite ${id} reads ${show(drawn[0]!.lines)}, not ${show(p.lines)}`);
  }
  for (const [id, p] of want.states) {
    const drawn = got.drawn.states.filter((s) => s.id === id);
    if (drawn.length !== 1) problems.push(`state ${id} drawn ${drawn.length} times`);
    else if (!same(drawn[0]!.lines, p.lines)) problems.push(`state ${id} reads ${show(drawn[0]!.lines)}, not ${show(p.lines)}`);
  }
  for (const [id, p] of place) {
    const box = got.drawn.states.find((s) => s.id === id)?.box ?? boxOf.get(id);
    const outer = p.parent === null ? undefined : boxOf.get(p.parent);
    if (box !== undefined && p.parent !== null && (outer === undefined || !inside(box, outer))) problems.push(`${id} is not drawn inside ${p.parent}`);
  }
  const extra = got.drawn.states.filter((s) => !want.states.has(s.id)).map((s) => s.id);
  if (extra.length > 0) problems.push(`states drawn that are not in the chart: ${extra.join(' ')}`);

  // The drawing: a path per transition, and every label.
  if (got.drawn.transitions.length !== want.transitions.length) problems.push(`${got.drawn.transitions.length} transitions drawn, not ${want.transitions.length}`);
  const unmatched = [...got.drawn.transitions];
  for (const lines of want.labels) {
    const i = unmatched.findIndex((t) => same(t.lines, lines));
    if (i < 0) problems.push(`no transition drawn with the label ${show(lines)}`);
    else unmatched.splice(i, 1);
  }
  const loopText = unmatched.map((t) => t.lines.join('\n')).join('\n');
  for (const line of want.loopLines) if (!loopText.includes(line)) problems.push(`no loop drawn with ${JSON.stringify(line)}`);
  return problems;
}
