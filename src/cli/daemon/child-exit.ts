/**
 * How the parent words a child's death, as keepalived 2.2.7's report_child_status and the
 * per-subsystem "died" lines do. Exit codes 3 (FATAL) and 4 (CONFIG) are permanent: respawning
 * would fail the same way, so the parent terminates instead.
 */
import type { ChildSubsystem } from './paths.js';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export const CHILD_EXIT = { fatal: 3, config: 4 } as const;

/** strsignal(3) texts for the signals a child plausibly dies of. */
const SIGNAL_TEXT: Partial<Record<NodeJS.Signals, readonly [number, string]>> = {
  SIGHUP: [1, 'Hangup'],
  SIGINT: [2, 'Interrupt'],
  SIGQUIT: [3, 'Quit'],
  SIGILL: [4, 'Illegal instruction'],
  SIGTRAP: [5, 'Trace/breakpoint trap'],
  SIGABRT: [6, 'Aborted'],
  SIGBUS: [7, 'Bus error'],
  SIGFPE: [8, 'Floating point exception'],
  SIGKILL: [9, 'Killed'],
  SIGUSR1: [10, 'User defined signal 1'],
  SIGSEGV: [11, 'Segmentation fault'],
  SIGUSR2: [12, 'User defined signal 2'],
  SIGPIPE: [13, 'Broken pipe'],
  SIGALRM: [14, 'Alarm clock'],
  SIGTERM: [15, 'Terminated'],
  SIGXCPU: [24, 'CPU time limit exceeded'],
};

export interface ExitReport {
  readonly lines: readonly string[];
  /** The parent must terminate (no respawn). */
  readonly permanent: boolean;
}

export function describeChildExit(pid: number, exit: ChildExit): ExitReport {
  const id = `pid ${pid}`;
  if (exit.code !== null) {
    if (exit.code === CHILD_EXIT.fatal || exit.code === CHILD_EXIT.config) {
      return { lines: [`${id} exited with permanent error ${exit.code === CHILD_EXIT.config ? 'CONFIG' : 'FATAL'}. Terminating`], permanent: true };
    }
    return { lines: exit.code === 0 ? [] : [`${id} exited with status ${exit.code}`], permanent: false };
  }
  if (exit.signal === 'SIGSEGV') {
    return {
      lines: [
        `${id} exited due to segmentation fault (SIGSEGV).`,
        '  Please report a bug at https://github.com/acassen/keepalived/issues',
        '  and include this log from when keepalived started, a description',
        '  of what happened before the crash, your configuration file and the details below.',
      ],
      permanent: false,
    };
  }
  const known = exit.signal === null ? undefined : SIGNAL_TEXT[exit.signal];
  const number = known?.[0] ?? exit.signal ?? '?';
  const text = known?.[1] ?? exit.signal ?? 'unknown';
  // keepalived adds the rlimit hint to SIGKILL: the kernel kills real-time tasks over their limit.
  const hint = exit.signal === 'SIGKILL' ? ' - has rlimit_rttime been exceeded?' : '';
  return { lines: [`${id} exited due to signal ${number} (${text})${hint}`], permanent: false };
}

/** keepalived's names for each child in its log lines. */
export const CHILD_LABEL: Record<ChildSubsystem, { readonly process: string; readonly restart: string }> = {
  vrrp: { process: 'VRRP child process', restart: 'VRRP' },
  checker: { process: 'Healthcheck child process', restart: 'Healthcheck' },
  bfd: { process: 'BFD child process', restart: 'BFD' },
};

/** log_child_died: after an unexpected death that will be respawned. */
export const CHILD_DIED_ADVICE: readonly string[] = [
  '  Please log an issue at https://github.com/acassen/keepalived/issues/',
  '  and include a full copy of your keepalived configuration files, and',
  '  copies of the keepalived system log entries around the time this happened',
];
