/** One-line descriptions of faults, for the timeline and the trace. */
import { formatDuration } from '../scenario/duration.js';
import type { Direction, FaultAction } from '../scenario/types.js';

function dirs(directions: readonly Direction[]): string {
  if (directions.length === 2 && directions[0]!.from === directions[1]!.to && directions[0]!.to === directions[1]!.from) {
    return `${directions[0]!.from} <-> ${directions[0]!.to}`;
  }
  return directions.map((d) => `${d.from} -> ${d.to}`).join(', ');
}

export function describeFault(action: FaultAction): string {
  switch (action.kind) {
    case 'partition': return `partition ${action.groups.map((g) => `{${g.join(',')}}`).join(' | ')}`;
    case 'isolate': return `isolate ${action.node}`;
    case 'cut': return `cut ${action.from} -> ${action.to} (one-way)`;
    case 'heal': return action.directions === 'all' ? 'heal all' : `heal ${dirs(action.directions)}`;
    case 'impair': {
      const i = action.impairment;
      const parts = [
        i.loss > 0 ? `loss ${i.loss * 100}%` : '',
        i.delayMs > 0 ? `delay ${formatDuration(i.delayMs)}` : '',
        i.jitterMs > 0 ? `jitter ${formatDuration(i.jitterMs)}` : '',
        i.duplicate > 0 ? `duplicate ${i.duplicate * 100}%` : '',
        i.reorder > 0 ? `reorder ${i.reorder * 100}% by ${formatDuration(i.reorderByMs)}` : '',
      ].filter((p) => p !== '');
      return `impair ${dirs(action.directions)}: ${parts.join(', ') || 'clean'}`;
    }
    case 'crash': return `crash ${action.node} (power loss)`;
    case 'stop': return `stop ${action.node} (SIGTERM)`;
    case 'restart': return `restart ${action.node}`;
    case 'kill': return `kill ${action.node}'s VRRP child (respawn after ${formatDuration(action.respawnAfterMs)})`;
    case 'linkDown': return `${action.node} ${action.interface} down`;
    case 'linkUp': return `${action.node} ${action.interface} up`;
    case 'priority': return `${action.node} ${action.instance ?? 'all instances'} priority ${action.priority} (reload)`;
    case 'drift': return `${action.node} clock rate ${action.rate}`;
    case 'script': return `${action.node} vrrp_script ${action.name} ${action.result === 'up' ? 'succeeds' : 'fails'}`;
    case 'reload': return `reload ${action.node}${action.variant !== undefined ? ` with variant ${action.variant}` : action.config !== undefined ? ' with a new configuration' : ''}`;
  }
}
