/**
 * How the parent words a child's death, as keepalived 2.2.7's report_child_status and the
 * per-subsystem "died" lines do. Exit codes 3 (FATAL) and 4 (CONFIG) are permanent: respawning
 * would fail the same way, so the parent terminates instead.
 */
import type { ChildSubsystem } from './paths.js';
import { signalNumber } from '../../ports/signal-numbers.js';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export const CHILD_EXIT = { fatal: 3, config: 4 } as const;

/** strsignal(3) texts for the signals a child plausibly dies of. */
const SIGNAL_TEXT: Partial<Record<NodeJS.Signals, string>> = {
  SIGHUP: 'Hangup',
  SIGINT: 'Interrupt',
  SIGQUIT: 'Quit',
  SIGILL: 'Illegal instruction',
  SIGTRAP: 'Trace/breakpoint trap',
  SIGABRT: 'Aborted',
  SIGBUS: 'Bus error',
  SIGFPE: 'Floating point exception',
  SIGKILL: 'Killed',
  SIGUSR1: 'User defined signal 1',
  SIGSEGV: 'Segmentation fault',
  SIGUSR2: 'User defined signal 2',
  SIGPIPE: 'Broken pipe',
  SIGALRM: 'Alarm clock',
  SIGTERM: 'Terminated',
  SIGXCPU: 'CPU time limit exceeded',
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
  const number = (exit.signal === null ? undefined : signalNumber(exit.signal)) ?? exit.signal ?? '?';
  const text = (exit.signal === null ? undefined : SIGNAL_TEXT[exit.signal]) ?? exit.signal ?? 'unknown';
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
