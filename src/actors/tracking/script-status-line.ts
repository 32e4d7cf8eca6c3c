import type { ScriptOutcome } from '../../ports/scripts.js';
import { signalNumber } from '../../ports/signal-numbers.js';

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
      return `${subject} failed (due to signal ${signalNumber(outcome.signal) ?? outcome.signal})`;
    case 'timed-out':
      return `${subject} timed_out`;
    default:
      return `${subject} failed`;
  }
}
