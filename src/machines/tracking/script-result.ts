/**
 * vrrp_script rise/fall counting exactly as keepalived 2.2.7 counts (vrrp_scheduler.c
 * vrrp_script_child_thread, vrrp_init_script):
 *
 * - `result` runs 0..rise+fall-1; the script is up while result >= rise.
 * - a success below rise-1 counts up; the rise-th consecutive success jumps to the top (up);
 *   a success while up keeps it at the top, so failures are counted afresh.
 * - a failure above rise counts down; the fall-th consecutive failure drops to 0 (down); a
 *   failure while down resets to 0, so successes are counted afresh.
 * - start: without init_fail result = rise-1 ("one success is enough") and the state is
 *   unknown until the first result, which is reported whatever it is; with init_fail
 *   result = 0 and the script is down from the start.
 * - a timed-out or signalled script is a failure; an exec failure is a success (keepalived's
 *   forked child exits 0 when execve fails: "script errors aren't server errors").
 */
import type { ScriptOutcome } from '../../ports/scripts.js';

export interface ScriptCounter {
  readonly rise: number;
  readonly fall: number;
  readonly result: number;
  /** No result yet and no init_fail: the first result is always reported. */
  readonly initial: boolean;
}

export function initialCounter(rise: number, fall: number, initFail: boolean): ScriptCounter {
  return { rise, fall, result: initFail ? 0 : rise - 1, initial: !initFail };
}

export function isUp(counter: ScriptCounter): boolean {
  return counter.result >= counter.rise;
}

export interface CountStep {
  readonly counter: ScriptCounter;
  /** Set when keepalived would call update_script_priorities (and log succeeded/failed). */
  readonly report: 'up' | 'down' | undefined;
}

export function countResult(counter: ScriptCounter, success: boolean): CountStep {
  const { rise, fall, result } = counter;
  const top = rise + fall - 1;
  const settled = { ...counter, initial: false };
  if (success) {
    if (result < rise - 1) return { counter: { ...settled, result: result + 1 }, report: undefined };
    if (result === top) return { counter: settled, report: undefined };
    return { counter: { ...settled, result: top }, report: result < rise ? 'up' : undefined };
  }
  if (result > rise) return { counter: { ...settled, result: result - 1 }, report: undefined };
  return { counter: { ...settled, result: 0 }, report: result === rise || counter.initial ? 'down' : undefined };
}

/** keepalived's reading of a finished script. */
export function outcomeSucceeded(outcome: ScriptOutcome): boolean {
  switch (outcome.kind) {
    case 'exited': return outcome.exitCode === 0;
    case 'signalled':
    case 'timed-out': return false;
    case 'failed-to-start': return true;
  }
}
