/** The simulator's HTML report: one row per node and VRID (who is Master when), partitions as bands. */
import type { TraceEvent } from '../../trace.js';
import type { Analysis } from '../../check/analyze.js';
import { summary, timeline } from '../text.js';
import { escapeHtml, renderTimelineSvg } from './timeline.js';
import type { TimelineBand, TimelineModel, TimelineRow, TimelineSegment } from './timeline.js';
import { renderPage, type PageSection } from './page.js';

export const VRRP_PALETTE: Readonly<Record<string, string>> = {
  MASTER: '#2e9d4a',
  BACKUP: '#8fb3d9',
  FAULT: '#d9534f',
  INIT: '#e0e0e0',
  STOP: '#999',
  DELETED: '#999',
  DOWN: '#333',
};

function rows(events: readonly TraceEvent[], endMs: number): TimelineRow[] {
  const open = new Map<string, { fromMs: number; state: string }>();
  const segments = new Map<string, TimelineSegment[]>();
  const close = (key: string, t: number): void => {
    const o = open.get(key);
    if (o !== undefined && t > o.fromMs) (segments.get(key) ?? segments.set(key, []).get(key)!).push({ fromMs: o.fromMs, toMs: t, state: o.state, title: `${key}: ${o.state} ${o.fromMs}..${t} ms` });
    open.delete(key);
  };
  for (const e of events) {
    if (e.type === 'state') {
      const key = `${e.node} VRID ${e.vrid}`;
      close(key, e.t);
      if (!segments.has(key)) segments.set(key, []);
      open.set(key, { fromMs: e.t, state: e.to });
    } else if (e.type === 'daemon' && !e.running) {
      for (const key of [...open.keys()].filter((k) => k.startsWith(`${e.node} VRID `))) {
        close(key, e.t);
        open.set(key, { fromMs: e.t, state: 'DOWN' });
      }
    }
  }
  for (const key of [...open.keys()]) close(key, endMs);
  return [...segments.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, s]) => ({ label, segments: s }));
}

function bands(events: readonly TraceEvent[], endMs: number, rowLabels: readonly string[]): TimelineBand[] {
  const out: TimelineBand[] = [];
  const down = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'path') continue;
    const key = `${e.from} -> ${e.to}`;
    if (e.state !== 'up' && !down.has(key)) down.set(key, e.t);
    if (e.state === 'up' && down.has(key)) {
      out.push(band(key, down.get(key)!, e.t));
      down.delete(key);
    }
  }
  for (const [key, from] of down) out.push(band(key, from, endMs));
  return out;

  function band(key: string, fromMs: number, toMs: number): TimelineBand {
    const [from, to] = key.split(' -> ') as [string, string];
    // Shade the rows of the receiving node: it is the one not hearing.
    const rows = rowLabels.flatMap((label, i) => (label.startsWith(`${to} `) ? [i] : []));
    return { fromMs, toMs, label: `${key} cut or lossy ${fromMs}..${toMs} ms (${from} not heard by ${to})`, rows };
  }
}

/** Who is Master when, per node and VRID, with partitions as bands and faults as markers. */
export function simTimeline(events: readonly TraceEvent[], analysis: Analysis): TimelineModel {
  const endMs = analysis.endMs;
  const timelineRows = rows(events, endMs);
  return {
    startMs: 0,
    endMs,
    rows: timelineRows,
    bands: bands(events, endMs, timelineRows.map((r) => r.label)),
    markers: events.flatMap((e) => (e.type === 'fault' ? [{ atMs: e.t, label: `${e.t} ms: ${e.text}` }] : [])),
    palette: VRRP_PALETTE,
  };
}

export const SIM_LEGEND_HTML = `<p class="legend">${Object.entries(VRRP_PALETTE).map(([s, c]) => `<span style="background:${c};color:${s === 'DOWN' ? '#fff' : '#000'}">${s}</span>`).join('')}<span style="background:#f4b6b6">not hearing (partition / loss)</span> ▼ fault</p>`;

/** The verdict and the event list, as page sections. */
export function simSections(events: readonly TraceEvent[], analysis: Analysis): PageSection[] {
  return [
    { heading: 'Verdict', html: `<pre>${escapeHtml(summary(analysis).join('\n'))}</pre>` },
    { heading: 'Events', html: `<pre>${escapeHtml(timeline(events).join('\n'))}</pre>` },
  ];
}

/** The timeline-only report (`sim --html` now writes the replay page, src/sim/report/html/replay.ts). */
export function renderSimReport(title: string, events: readonly TraceEvent[], analysis: Analysis): string {
  return renderPage(title, [{ heading: 'Timeline', html: SIM_LEGEND_HTML + renderTimelineSvg(simTimeline(events, analysis)) }, ...simSections(events, analysis)]);
}
