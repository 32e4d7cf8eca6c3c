import type { ScriptOutcome } from '../../ports/scripts.js';

/** Linux's numbers for the signals a script plausibly dies of (keepalived logs the number). */
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
};

/**
 * A vrrp_script's new status in keepalived 2.2.7's words, with what made it fail: "failed
 * (exited with status 1)", "failed (due to signal 9)", "timed_out". `outcome` is the run that
 * decided it (undefined for a status from init_fail, before any run).
 */
export function scriptStatusLine(name: string, up: boolean, outcome: ScriptOutcome | undefined): string {
  const subject = `VRRP_Script(${name})`;
  if (up) return `${subject} succeeded`;
  switch (outcome?.kind) {
    case 'exited':
      return `${subject} failed (exited with status ${outcome.exitCode})`;
    case 'signalled':
      return `${subject} failed (due to signal ${SIGNAL_NUMBERS[outcome.signal] ?? outcome.signal})`;
    case 'timed-out':
      return `${subject} timed_out`;
    default:
      return `${subject} failed`;
  }
}
