/** The terminal report: the run's timeline, then the summary and the verdicts. */
import type { TraceEvent } from '../trace.js';
import type { Analysis } from '../check/analyze.js';
import { exitCodeOf, violationLines } from '../check/analyze.js';
import { describeBound } from '../check/bounds.js';

export function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(6)}s`.padStart(12);
}

function line(e: TraceEvent): string | undefined {
  const at = formatTime(e.t);
  switch (e.type) {
    case 'fault': return `${at}  ** ${e.text}`;
    case 'daemon': return `${at}  ${e.node}  daemon ${e.running ? 'started' : 'stopped'} (${e.why})`;
    case 'iface': return `${at}  ${e.node}  ${e.interface} ${e.up ? 'up' : 'down'}`;
    case 'state': return `${at}  ${e.node}  ${e.instance} (VRID ${e.vrid}) ${e.from} -> ${e.to}  prio ${e.priority}  (${e.reason})`;
    case 'priority': return `${at}  ${e.node}  ${e.instance} priority ${e.priority}`;
    case 'group': return `${at}  ${e.node}  sync group ${e.group} ${e.from} -> ${e.to}`;
    case 'vip': return `${at}  ${e.node}  VIP ${e.address} ${e.op === 'add' ? 'added to' : 'removed from'} ${e.interface}`;
    case 'notify': return `${at}  ${e.node}  would run: ${e.command}`;
    case 'actor': return `${at}  ${e.node}  ${e.event} ${e.actor}: ${e.reason}`;
    case 'error': return `${at}  !! simulator error: ${e.message}`;
    case 'config': return e.warnings.length > 0 ? `${at}  ${e.node}  config warnings: ${e.warnings.join('; ')}` : undefined;
    default: return undefined;
  }
}

export function timeline(events: readonly TraceEvent[]): string[] {
  return events.map(line).filter((l): l is string => l !== undefined);
}

const VERDICT_TEXT: Record<number, string> = {
  0: 'all invariants held',
  1: 'SAFETY VIOLATED',
  2: 'LIVENESS VIOLATED',
  3: 'SIMULATOR ERROR',
};

export function summary(analysis: Analysis): string[] {
  const out: string[] = ['', 'Summary'];
  out.push(`  transitions: ${analysis.transitions}`);
  for (const d of analysis.dualMasters) {
    out.push(`  VRID ${d.vrid}: ${d.nodes.join(' and ')} both Master ${formatTime(d.fromMs).trim()} .. ${formatTime(d.toMs).trim()} — ${d.cause}`);
  }
  if (analysis.dualMasters.length === 0) out.push('  no dual-Master interval');
  for (const n of analysis.noMaster) {
    out.push(`  VRID ${n.vrid}: no Master for ${n.totalMs} ms in ${n.intervals.length} interval(s)${n.intervals.length > 0 ? `: ${n.intervals.map((i) => `${i.fromMs}..${i.toMs}`).join(', ')}` : ''}`);
  }
  const garps = Object.entries(analysis.garps).sort();
  out.push(`  gratuitous ARP/NA frames: ${garps.length > 0 ? garps.map(([node, n]) => `${node} ${n}`).join(', ') : 'none'}`);
  out.push(`  notify scripts that would have run: ${analysis.notifies}`);
  out.push('', 'Invariants');
  out.push(`  safety:   ${analysis.safety.verdict}`);
  out.push(`  liveness: ${analysis.liveness.verdict} (${analysis.liveness.why})`);
  for (const v of analysis.liveness.vrids) {
    out.push(`    VRID ${v.vrid}: bound ${describeBound(v.bound)}; single Master from ${v.oneMasterFromMs ?? 'never'}`);
  }
  for (const l of violationLines(analysis)) out.push(`  ${l}`);
  const code = exitCodeOf(analysis);
  out.push('', `Verdict: ${VERDICT_TEXT[code]} (exit ${code})`);
  return out;
}
