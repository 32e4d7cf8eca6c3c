/**
 * Every machine in every format, checked structurally: all states and transitions present;
 * the SVG is well-formed XML with a node group per state and an edge group per transition;
 * the DOT is read back by Graphviz's own parser; the Mermaid text passes a strict checker of
 * the stateDiagram-v2 subset (test/support/mermaid-state.ts; mermaid's own parser and renderer
 * read it in mermaid-parser.test.ts, where Chromium is installed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MACHINE_NAMES, machineChart } from '../../../src/charts/machines.js';
import { supervisionChart } from '../../../src/charts/supervision.js';
import { renderBundle, FORMATS } from '../../../src/charts/render.js';
import { renderDot, svgId } from '../../../src/charts/dot.js';
import { mermaidText } from '../../../src/charts/mermaid.js';
import { parseDot } from '../../../src/charts/svg.js';
import type { ChartBundle, ChartModel } from '../../../src/charts/model.js';
import { descendants, hasClass, parseXml } from '../../support/xml.js';
import { checkMermaidState } from '../../support/mermaid-state.js';

const CHARTS: ChartModel[] = [...MACHINE_NAMES.map(machineChart), supervisionChart()];
const EXPECTED_STATES: Record<string, string[]> = {
  vrrpInstance: ['Backup', 'Deleted', 'Fault', 'Initialize', 'Master', 'Stop'],
  vrrpSyncGroup: ['Backup', 'Fault', 'Initialize', 'Master', 'Yielded'],
  scriptCheck: ['active', 'stopped'],
};

test('the model has every state of the checked-in JSON and edges only between its nodes', () => {
  for (const chart of CHARTS) {
    const ids = new Set(chart.nodes.map((n) => n.id));
    const expected = EXPECTED_STATES[chart.id];
    if (expected !== undefined) {
      assert.deepEqual(chart.nodes.filter((n) => n.kind === 'state' || n.kind === 'final').map((n) => n.label).sort(), expected);
    }
    for (const e of chart.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${chart.id} ${e.id}: ${e.from} → ${e.to}`);
    assert.equal(new Set(chart.edges.map((e) => e.id)).size, chart.edges.length);
  }
});

test('the VRRP chart has RFC 5798 transitions with their timers and guards', () => {
  const vrrp = machineChart('vrrp');
  const find = (from: string, to: string, text: string) =>
    vrrp.edges.find((e) => e.from === from && e.to === to && e.label.some((l) => l.includes(text)));
  const takeover = find('Backup', 'Master', 'Master_Down_Timer fires');
  assert.ok(takeover);
  assert.equal(takeover.kind, 'timer');
  assert.equal(takeover.label[0], 'after Master_Down_Interval or Skew_Time');
  assert.ok(find('Master', 'Backup', 'priority > local priority (or equal and higher primary address)'));
  assert.equal(find('Master', 'Master', 'Adver_Timer fires')?.label[0], 'after Advertisement_Interval');
  assert.equal(find('Initialize', 'Fault', 'vrrp_startup_delay over and interface down')?.kind, 'always');
  assert.ok(find('AnyState', 'Stop', 'Shutdown event'));
  // Internal transitions (no state change) are loops marked as such.
  assert.ok(vrrp.edges.filter((e) => e.internal === true).every((e) => e.from === e.to));
  const script = machineChart('script-check');
  assert.deepEqual(script.edges.find((e) => e.kind === 'timer')?.label, ['after interval']);
});

test('json: the normalised model, as is', async () => {
  for (const chart of CHARTS) {
    const text = await renderBundle({ charts: [chart] }, 'json');
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify({ charts: [chart] })));
  }
});

test('dot: Graphviz parses it and finds every state and transition', async () => {
  for (const bundle of [...CHARTS.map((c) => ({ charts: [c] })), { charts: CHARTS }] as ChartBundle[]) {
    const parsed = (await parseDot(renderDot(bundle))) as {
      objects?: { name: string; nodes?: number[] }[];
      edges?: { tail: number; head: number; id?: string }[];
    };
    const names = new Set((parsed.objects ?? []).map((o) => o.name));
    for (const chart of bundle.charts) {
      for (const node of chart.nodes) assert.ok(names.has(svgId(chart, node.id)), `${chart.id}: node ${node.id}`);
    }
    const edgeCount = bundle.charts.reduce((sum, c) => sum + c.edges.length, 0);
    assert.equal(parsed.edges?.length, edgeCount);
  }
  await assert.rejects(parseDot('digraph { a -> }'), /syntax error/);
});

test('svg: well-formed XML with a node group per state and an edge group per transition', async () => {
  for (const chart of CHARTS) {
    const svg = await renderBundle({ charts: [chart] }, 'svg');
    const root = parseXml(svg);
    assert.equal(root.name, 'svg');
    const groups = [...descendants(root)].filter((e) => e.name === 'g');
    const nodes = groups.filter((g) => hasClass(g, 'node'));
    const edges = groups.filter((g) => hasClass(g, 'edge'));
    assert.deepEqual(nodes.map((g) => g.attrs['id']).sort(), chart.nodes.map((n) => svgId(chart, n.id)).sort());
    assert.deepEqual(edges.map((g) => g.attrs['id']).sort(), chart.edges.map((e) => svgId(chart, e.id)).sort());
    // Every state's label is drawn.
    const texts = [...descendants(root)].filter((e) => e.name === 'text').map((t) => t.text);
    for (const node of chart.nodes.filter((n) => n.kind !== 'initial')) assert.ok(texts.includes(node.label), `${chart.id}: ${node.label}`);
    // Edge labels reach the SVG too (first line of each).
    for (const edge of chart.edges.filter((e) => e.label.length > 0)) assert.ok(texts.includes(edge.label[0]!), `${chart.id}: ${edge.label[0]}`);
  }
});

test('mermaid: stateDiagram-v2 subset, every state declared and every transition present', async () => {
  for (const bundle of [...CHARTS.map((c) => ({ charts: [c] })), { charts: CHARTS }] as ChartBundle[]) {
    const doc = checkMermaidState(await renderBundle(bundle, 'mermaid'));
    for (const chart of bundle.charts) {
      for (const node of chart.nodes.filter((n) => n.kind !== 'initial')) assert.ok(doc.states.has(`${chart.id}__${node.id}`), `${chart.id}: ${node.id}`);
      // A chart's transitions name its states (its ids are prefixed); a state's self-transitions
      // are one transition with a line each (mermaid draws one loop per state).
      const finals = chart.nodes.filter((n) => n.kind === 'final').length;
      const loops = chart.edges.filter((e) => e.from === e.to);
      const inChart = doc.transitions.filter((t) => [t.from, t.to].some((end) => end.startsWith(`${chart.id}__`)));
      assert.equal(inChart.length, chart.edges.length - loops.length + new Set(loops.map((e) => e.from)).size + finals, chart.id);
      const labels = inChart.map((t) => t.label ?? '').join('\n');
      for (const e of chart.edges) for (const line of e.label) assert.ok(labels.includes(mermaidText(line)), `${chart.id} ${e.id}: ${line}`);
    }
    for (const t of doc.transitions) assert.ok(t.from === '[*]' || doc.states.has(t.from), `undeclared ${t.from}`);
  }
});

test('mermaid checker rejects what mermaid would misread', () => {
  assert.throws(() => checkMermaidState('stateDiagram-v2\n  a --> b : x: y\n'));
  assert.throws(() => checkMermaidState('stateDiagram-v2\n  a-b --> c\n'));
  assert.throws(() => checkMermaidState('stateDiagram-v2\n  state "x" as a {\n'));
  assert.throws(() => checkMermaidState('stateDiagram-v2\n  a --> b : turn direction LR now\n'));
  assert.throws(() => checkMermaidState('graph TD\n'));
  // Accepted by mermaid but drawn wrong: a state moved out of its composite, a loop dropped.
  assert.throws(() => checkMermaidState('stateDiagram-v2\n  state "S" as s {\n    state "C" as c {\n      state "x" as x\n    }\n    state "p" as p\n    p --> x\n  }\n'), /moves x/);
  assert.throws(() => checkMermaidState('stateDiagram-v2\n  state "a" as a\n  a --> a : one\n  a --> a : two\n'), /self-transition/);
});

test('every format renders every machine', async () => {
  for (const format of FORMATS) {
    for (const chart of CHARTS) assert.ok((await renderBundle({ charts: [chart] }, format)).length > 100, `${chart.id} ${format}`);
  }
});
