import type { InstanceStateName } from './subsystem.js';

export interface TransitionLine {
  readonly level: 'info' | 'debug';
  readonly message: string;
}

/**
 * keepalived 2.2.7's words for an instance's transition, which operators and their log watchers
 * match on: "Entering BACKUP STATE (init)" at start, "Entering MASTER STATE", "Entering FAULT
 * STATE" for a fault while running but "entering FAULT state" for one found at start. Stopping
 * has no line per instance in keepalived, not even with -D (the daemon's "Stopping" says it), so
 * ours has none either (undefined); nor has a Backup's move to FAULT by its sync group, which
 * keepalived notifies but does not log (the group's "Syncing instances to FAULT state" says it).
 *
 * How a start is worded (`start`, for a move out of INIT):
 * - 'init': the usual "(init)" / "entering FAULT state";
 * - 'running': as a move while running (a start without the configured source address);
 * - 'held': the instance waited for its weight-0 scripts' first results, as keepalived's always
 *   does: BACKUP as while running, FAULT without a line.
 */
export type StartWording = 'init' | 'running' | 'held';

export function transitionLine(from: InstanceStateName, to: InstanceStateName, bySyncGroup = false, start: StartWording = 'init'): TransitionLine | undefined {
  const atStart = from === 'INIT' && start === 'init';
  if (to === 'STOP' || to === 'DELETED') return undefined;
  if (from === 'INIT' && start === 'held' && to === 'FAULT') return undefined;
  if (bySyncGroup && from === 'BACKUP' && to === 'FAULT') return undefined;
  switch (to) {
    case 'BACKUP':
      return { level: 'info', message: atStart ? 'Entering BACKUP STATE (init)' : 'Entering BACKUP STATE' };
    case 'MASTER':
      return { level: 'info', message: 'Entering MASTER STATE' };
    case 'FAULT':
      return { level: 'info', message: atStart ? 'entering FAULT state' : 'Entering FAULT STATE' };
    default:
      return { level: 'debug', message: `entering ${to} state` };
  }
}
