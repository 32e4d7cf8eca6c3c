/**
 * The live view page: each instance's state chart (the Graphviz SVG, inline) with its current
 * state highlighted, the instances' priorities, the tracked objects, and a log of transitions
 * with their causes. One self-contained HTML document (inline CSS, JS and SVG, no external
 * asset), so it works offline and from a daemon with no internet access.
 *
 * - Live: given `eventsUrl`, a small inline script follows the server-sent events
 *   (`snapshot`: a LiveSnapshot; `transition`: a LiveTransition) and updates in place.
 * - Replay: given `replay`, the same charts step through a simulator scenario's transitions
 *   (slider and buttons), with the simulator's timeline (src/sim/report/html/timeline.ts).
 * - Without JavaScript it is still complete: the server renders the highlight (a <style>
 *   block) and the tables; the log is the full list.
 */
import { escapeHtml, renderTimelineSvg, timelineX, TIMELINE_CSS, type TimelineModel } from '../../sim/report/html/timeline.js';
import { renderDot } from '../dot.js';
import { machineChart } from '../machines.js';
import { safeId, type ChartModel } from '../model.js';
import { dotToSvg } from '../svg.js';
import { CHART_STATE, type LiveSnapshot, type LiveTransition } from './model.js';

export interface InstanceChart {
  readonly instance: string;
  /** Prefix of the SVG's element ids (`${chartId}__Backup`). */
  readonly chartId: string;
  /** Inline SVG (no XML prolog). */
  readonly svg: string;
  /**
   * [edge id, from state id, to state id, sync group condition] of every transition, to light up
   * the one taken ('sync': only in a sync group, 'solo': only outside one).
   */
  readonly edges: readonly (readonly [string, string, string, ('sync' | 'solo')?])[];
}

export interface LivePageInput {
  readonly title: string;
  readonly snapshot: LiveSnapshot;
  readonly charts: readonly InstanceChart[];
  /** Server-sent events URL (live mode). */
  readonly eventsUrl?: string;
  /**
   * A scenario to step through; `snapshot` is then its initial state and each transition's `at`
   * its time in ms. The timeline gets a cursor that follows the steps; `legendHtml` (trusted)
   * goes above it.
   */
  readonly replay?: { readonly transitions: readonly LiveTransition[]; readonly timeline?: TimelineModel; readonly legendHtml?: string };
  /** More sections after the log (trusted HTML: the simulator's verdict and events). */
  readonly sections?: readonly { readonly heading: string; readonly html: string }[];
}

const MAX_LOG = 500;

function syncCondition(label: readonly string[]): ['sync' | 'solo'] | [] {
  const text = label.join(' ');
  return /not in a sync group/.test(text) ? ['solo'] : /member of a sync group/.test(text) ? ['sync'] : [];
}

/** Draws the instance chart once per instance (ids must be unique on the page). */
export async function instanceCharts(names: readonly string[]): Promise<InstanceChart[]> {
  const base = machineChart('vrrp');
  const taken = new Set<string>();
  const result: InstanceChart[] = [];
  for (const name of names) {
    const chart: ChartModel = { ...base, id: safeId('vi_', name, taken), title: name };
    const svg = await dotToSvg(renderDot({ charts: [chart] }));
    result.push({
      instance: name,
      chartId: chart.id,
      svg: svg.slice(svg.indexOf('<svg')),
      edges: chart.edges.filter((e) => e.internal !== true).map((e) => [e.id, e.from, e.to, ...syncCondition(e.label)] as const),
    });
  }
  return result;
}

/** The <style> that highlights each instance's current state (server-side and script alike). */
export function highlightCss(snapshot: LiveSnapshot, charts: readonly InstanceChart[]): string {
  return snapshot.instances
    .map((i) => {
      const chart = charts.find((c) => c.instance === i.name);
      const state = CHART_STATE[i.state];
      if (chart === undefined || state === undefined) return '';
      const sel = `#${chart.chartId}__${state}`;
      return `${sel} path, ${sel} polygon { fill: #ffd54f; stroke: #e65100; stroke-width: 2px; }`;
    })
    .join('\n');
}

function cell(value: string | number | boolean | null): string {
  return `<td>${value === null ? '–' : escapeHtml(String(value))}</td>`;
}

function instanceRows(snapshot: LiveSnapshot): string {
  return snapshot.instances
    .map((i) => `<tr>${cell(i.name)}${cell(i.state)}${cell(i.basePriority)}${cell(i.effectivePriority)}${cell(i.syncGroup)}${cell(i.masterAddress)}</tr>`)
    .join('\n');
}

function trackedRows(snapshot: LiveSnapshot): string {
  return snapshot.tracked.map((t) => `<tr>${cell(t.key)}${cell(t.up === null ? null : t.up ? 'up' : 'down')}${cell(t.value)}</tr>`).join('\n');
}

function logRows(log: readonly LiveTransition[]): string {
  return [...log]
    .slice(-MAX_LOG)
    .reverse()
    .map((t) => `<tr>${cell(typeof t.at === 'number' ? `${t.at} ms` : t.at)}${cell(t.instance)}${cell(`${t.from} → ${t.to}`)}${cell(t.cause)}</tr>`)
    .join('\n');
}

/** JSON inside <script>: no "</script>" or "<!--" can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const CSS = `
body { font: 14px system-ui, sans-serif; margin: 20px; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; }
table { border-collapse: collapse; margin: 6px 0; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
figure { margin: 10px 0 24px; border: 1px solid #ddd; padding: 6px; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
.chart_edge.taken path { stroke: #e65100; stroke-width: 3px; }
.chart_edge.taken polygon { fill: #e65100; stroke: #e65100; }
#live-status { color: #666; font-size: 12px; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border-radius: 3px; }
#replay-controls { margin: 8px 0; } #replay-controls input[type=range] { width: 420px; vertical-align: middle; }
`;

// The page's script: plain ES2017, no framework, no fetch beyond EventSource.
const SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('live-data').textContent);
  var snap = data.snapshot;
  var hl = document.getElementById('live-highlight');
  var status = document.getElementById('live-status');
  function esc(s) { var d = document.createElement('div'); d.textContent = s == null ? '–' : String(s); return d.innerHTML; }
  function row(cells) { return '<tr>' + cells.map(function (c) { return '<td>' + esc(c) + '</td>'; }).join('') + '</tr>'; }
  function highlight() {
    hl.textContent = snap.instances.map(function (i) {
      var c = data.charts[i.name], s = data.chartState[i.state];
      if (!c || !s) return '';
      var sel = '#' + c.chartId + '__' + s;
      return sel + ' path, ' + sel + ' polygon { fill: #ffd54f; stroke: #e65100; stroke-width: 2px; }';
    }).join('\n');
  }
  function tables() {
    document.getElementById('instances-body').innerHTML = snap.instances.map(function (i) {
      return row([i.name, i.state, i.basePriority, i.effectivePriority, i.syncGroup, i.masterAddress]);
    }).join('');
    document.getElementById('tracked-body').innerHTML = snap.tracked.map(function (t) {
      return row([t.key, t.up === null ? null : (t.up ? 'up' : 'down'), t.value]);
    }).join('');
  }
  function logHtml(log) {
    return log.slice(-${MAX_LOG}).reverse().map(function (t) {
      return row([typeof t.at === 'number' ? t.at + ' ms' : t.at, t.instance, t.from + ' → ' + t.to, t.cause]);
    }).join('');
  }
  var flashed = [];
  function flash(t, keep) {
    var c = data.charts[t.instance];
    if (!c) return;
    var from = data.chartState[t.from], to = data.chartState[t.to];
    var hits = c.edges.filter(function (e) { return e[1] === from && e[2] === to; });
    if (hits.length === 0) hits = c.edges.filter(function (e) { return e[1] === 'AnyState' && e[2] === to; });
    // Of parallel edges, the ones whose sync group condition fits the instance.
    var inst = snap.instances.filter(function (i) { return i.name === t.instance; })[0];
    var grouped = !!(inst && inst.syncGroup != null);
    var fits = hits.filter(function (e) { return !e[3] || (e[3] === 'sync') === grouped; });
    if (fits.length > 0) hits = fits;
    hits.forEach(function (e) {
      var el = document.getElementById(c.chartId + '__' + e[0]);
      if (!el) return;
      el.classList.add('taken');
      flashed.push(el);
      if (!keep) setTimeout(function () { el.classList.remove('taken'); }, 3000); // port-ok: browser script of the page, not the daemon
    });
  }
  function apply(t) {
    snap = Object.assign({}, snap, {
      instances: snap.instances.map(function (i) { return i.name === t.instance ? Object.assign({}, i, { state: t.to }) : i; }),
      log: snap.log.concat([t]).slice(-${MAX_LOG})
    });
  }
  if (data.eventsUrl && window.EventSource) {
    var es = new EventSource(data.eventsUrl);
    es.onopen = function () { status.textContent = 'live'; };
    es.onerror = function () { status.textContent = 'connection lost, retrying…'; };
    es.addEventListener('snapshot', function (e) {
      snap = JSON.parse(e.data); highlight(); tables();
      document.getElementById('log-body').innerHTML = logHtml(snap.log);
    });
    es.addEventListener('transition', function (e) {
      var t = JSON.parse(e.data);
      apply(t); highlight(); tables(); flash(t, false);
      document.getElementById('log-body').insertAdjacentHTML('afterbegin', logHtml([t]));
    });
  }
  if (data.replay) {
    var initial = snap, steps = data.replay.transitions;
    var range = document.getElementById('replay-step'), label = document.getElementById('replay-label');
    function show(k) {
      snap = initial;
      for (var n = 0; n < k; n++) apply(steps[n]);
      flashed.forEach(function (el) { el.classList.remove('taken'); }); flashed = [];
      if (k > 0) flash(steps[k - 1], true);
      highlight(); tables();
      document.getElementById('log-body').innerHTML = logHtml(snap.log);
      range.value = String(k);
      var t = steps[k - 1];
      label.textContent = k === 0 ? 'start' : 'step ' + k + ' of ' + steps.length + ' (' + t.at + ' ms): ' + t.instance + ' ' + t.from + ' → ' + t.to + (t.cause ? ' — ' + t.cause : '');
      var cursor = document.getElementById('replay-cursor');
      if (cursor && data.replay.cursorX) { cursor.setAttribute('x1', data.replay.cursorX[k]); cursor.setAttribute('x2', data.replay.cursorX[k]); }
    }
    document.getElementById('replay-controls').hidden = false;
    range.max = String(steps.length);
    range.addEventListener('input', function () { show(Number(range.value)); });
    document.getElementById('replay-prev').addEventListener('click', function () { show(Math.max(0, Number(range.value) - 1)); });
    document.getElementById('replay-next').addEventListener('click', function () { show(Math.min(steps.length, Number(range.value) + 1)); });
    show(0);
  }
})();
`;

/** The cursor's x for each step (0: the start), as strings for setAttribute. */
function cursorPositions(timeline: TimelineModel, transitions: readonly LiveTransition[]): string[] {
  const x = timelineX(timeline);
  return [timeline.startMs, ...transitions.map((t) => (typeof t.at === 'number' ? t.at : timeline.startMs))].map((ms) => x(ms).toFixed(2));
}

export function renderLivePage(input: LivePageInput): string {
  const { snapshot, charts, replay } = input;
  const last = replay?.transitions.at(-1);
  const timeline: TimelineModel | undefined =
    replay?.timeline === undefined ? undefined : { ...replay.timeline, cursor: { id: 'replay-cursor', atMs: typeof last?.at === 'number' ? last.at : replay.timeline.startMs } };
  // Without JavaScript a replay shows where it ends, with the whole log.
  const shown: LiveSnapshot =
    replay === undefined
      ? snapshot
      : replay.transitions.reduce<LiveSnapshot>(
          (s, t) => ({ ...s, instances: s.instances.map((i) => (i.name === t.instance ? { ...i, state: t.to } : i)), log: [...s.log, t] }),
          snapshot,
        );
  const data = {
    chartState: CHART_STATE,
    charts: Object.fromEntries(charts.map((c) => [c.instance, { chartId: c.chartId, edges: c.edges }])),
    snapshot,
    ...(input.eventsUrl !== undefined ? { eventsUrl: input.eventsUrl } : {}),
    ...(replay !== undefined ? { replay: { transitions: replay.transitions, ...(timeline !== undefined ? { cursorX: cursorPositions(timeline, replay.transitions) } : {}) } } : {}),
  };
  const figures = charts
    .map((c) => `<figure id="chart-${escapeHtml(c.chartId)}"><figcaption>${escapeHtml(c.instance)}</figcaption>\n${c.svg}\n</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${CSS}${TIMELINE_CSS}</style>
<style id="live-highlight">${highlightCss(shown, charts)}</style>
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p id="live-status">${input.eventsUrl !== undefined ? 'static view (live updates need JavaScript)' : replay !== undefined ? 'replay' : 'snapshot'}</p>
<div id="replay-controls" hidden>
<button type="button" id="replay-prev">◀ step</button>
<input type="range" id="replay-step" min="0" max="0" value="0">
<button type="button" id="replay-next">step ▶</button>
<span id="replay-label"></span>
</div>
${timeline !== undefined ? `<h2>Timeline</h2>\n${replay?.legendHtml ?? ''}${renderTimelineSvg(timeline)}` : ''}
<h2>Instances</h2>
<table id="instances"><thead><tr><th>instance</th><th>state</th><th>priority</th><th>effective priority</th><th>sync group</th><th>master</th></tr></thead>
<tbody id="instances-body">${instanceRows(shown)}</tbody></table>
<h2>Tracked objects</h2>
<table id="tracked"><thead><tr><th>object</th><th>status</th><th>value</th></tr></thead>
<tbody id="tracked-body">${trackedRows(shown)}</tbody></table>
<h2>State charts</h2>
${figures}
<h2>Transitions</h2>
<table id="log"><thead><tr><th>when</th><th>instance</th><th>transition</th><th>cause</th></tr></thead>
<tbody id="log-body">${logRows(shown.log)}</tbody></table>
${(input.sections ?? []).map((sec) => `<h2>${escapeHtml(sec.heading)}</h2>\n${sec.html}`).join('\n')}
<script type="application/json" id="live-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Convenience: charts for the snapshot's instances, then the page. */
export async function buildLivePage(input: Omit<LivePageInput, 'charts'>): Promise<string> {
  return renderLivePage({ ...input, charts: await instanceCharts(input.snapshot.instances.map((i) => i.name)) });
}
