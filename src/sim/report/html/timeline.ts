/**
 * A generic timeline as inline SVG: rows of state segments over a time axis, shaded bands across
 * all rows (e.g. partitions) and markers (e.g. faults). Knows nothing of VRRP: the simulator's
 * report and the state-chart views both feed it a TimelineModel.
 */

export interface TimelineSegment {
  readonly fromMs: number;
  readonly toMs: number;
  /** Picks the colour (palette key). */
  readonly state: string;
  /** Tooltip; default: the state. */
  readonly title?: string;
}

export interface TimelineRow {
  readonly label: string;
  readonly segments: readonly TimelineSegment[];
}

export interface TimelineBand {
  readonly fromMs: number;
  readonly toMs: number;
  readonly label: string;
  /** Rows (by index) the band covers; default all. */
  readonly rows?: readonly number[];
}

export interface TimelineMarker {
  readonly atMs: number;
  readonly label: string;
}

export interface TimelineModel {
  readonly startMs: number;
  readonly endMs: number;
  readonly rows: readonly TimelineRow[];
  readonly bands?: readonly TimelineBand[];
  readonly markers?: readonly TimelineMarker[];
  /** state → CSS colour; unknown states are grey. */
  readonly palette?: Readonly<Record<string, string>>;
  readonly width?: number;
  /** A vertical line across the rows (a replay's current time), with this element id. */
  readonly cursor?: { readonly id: string; readonly atMs: number };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const LABEL_WIDTH = 160;
const ROW_HEIGHT = 26;
const AXIS_HEIGHT = 24;
const MARKER_HEIGHT = 18;

function niceStep(spanMs: number): number {
  const raw = spanMs / 10;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/** Where a time falls on the SVG's x axis (to move a cursor from a script). */
export function timelineX(model: TimelineModel): (ms: number) => number {
  const plot = (model.width ?? 1100) - LABEL_WIDTH - 10;
  const span = Math.max(model.endMs - model.startMs, 1e-9);
  return (ms) => LABEL_WIDTH + ((Math.min(Math.max(ms, model.startMs), model.endMs) - model.startMs) / span) * plot;
}

export function renderTimelineSvg(model: TimelineModel): string {
  const width = model.width ?? 1100;
  const span = Math.max(model.endMs - model.startMs, 1e-9);
  const x = timelineX(model);
  const top = MARKER_HEIGHT;
  const height = top + model.rows.length * ROW_HEIGHT + AXIS_HEIGHT;
  const fmt = (n: number): string => n.toFixed(2);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  for (const band of model.bands ?? []) {
    const rows = band.rows ?? model.rows.map((_, i) => i);
    for (const r of rows) {
      parts.push(`<rect class="band" x="${fmt(x(band.fromMs))}" y="${top + r * ROW_HEIGHT}" width="${fmt(Math.max(x(band.toMs) - x(band.fromMs), 1))}" height="${ROW_HEIGHT}"><title>${escapeHtml(band.label)}</title></rect>`);
    }
  }
  model.rows.forEach((row, r) => {
    const y = top + r * ROW_HEIGHT;
    parts.push(`<text class="row-label" x="4" y="${y + ROW_HEIGHT / 2 + 4}">${escapeHtml(row.label)}</text>`);
    for (const s of row.segments) {
      const colour = model.palette?.[s.state] ?? '#bbb';
      parts.push(`<rect x="${fmt(x(s.fromMs))}" y="${y + 5}" width="${fmt(Math.max(x(s.toMs) - x(s.fromMs), 0.5))}" height="${ROW_HEIGHT - 10}" fill="${colour}"><title>${escapeHtml(s.title ?? s.state)}</title></rect>`);
    }
  });
  for (const m of model.markers ?? []) {
    parts.push(`<line class="marker" x1="${fmt(x(m.atMs))}" x2="${fmt(x(m.atMs))}" y1="${top - 4}" y2="${top + model.rows.length * ROW_HEIGHT}"><title>${escapeHtml(m.label)}</title></line>`);
    parts.push(`<text class="marker-label" x="${fmt(x(m.atMs) + 2)}" y="${top - 6}"><title>${escapeHtml(m.label)}</title>▼</text>`);
  }
  if (model.cursor !== undefined) {
    const cx = fmt(x(model.cursor.atMs));
    parts.push(`<line class="cursor" id="${escapeHtml(model.cursor.id)}" x1="${cx}" x2="${cx}" y1="${top - 4}" y2="${top + model.rows.length * ROW_HEIGHT}"/>`);
  }
  const axisY = top + model.rows.length * ROW_HEIGHT;
  const step = niceStep(span);
  for (let t = Math.ceil(model.startMs / step) * step; t <= model.endMs + 1e-9; t += step) {
    parts.push(`<line class="tick" x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${axisY}" y2="${axisY + 5}"/><text class="tick-label" x="${fmt(x(t))}" y="${axisY + 17}">${escapeHtml(`${+(t / 1000).toFixed(3)}s`)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The CSS the SVG's classes need (include once per page). */
export const TIMELINE_CSS = `
svg.timeline { font: 12px system-ui, sans-serif; background: #fff; }
svg.timeline .band { fill: #f4b6b6; opacity: 0.45; }
svg.timeline .marker { stroke: #333; stroke-dasharray: 3 3; }
svg.timeline .marker-label { font-size: 10px; fill: #333; }
svg.timeline .tick { stroke: #666; }
svg.timeline .tick-label { font-size: 10px; fill: #444; text-anchor: middle; }
svg.timeline .row-label { fill: #222; }
svg.timeline .cursor { stroke: #e65100; stroke-width: 2px; }
`;
