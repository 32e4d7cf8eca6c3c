/**
 * vrrp_track_process quorum with fork_delay / terminate_delay (track_process.c): the object is
 * up while quorum <= running <= quorum_max. Crossing a bound by a fork of a tracked process
 * waits fork_delay before going up (a fork/exec would otherwise bounce it); losing quorum by an
 * exit waits terminate_delay before going down (a restart would otherwise bounce it). Crossing
 * back while such a timer runs cancels it: nothing was ever reported.
 *
 * Pure: the caller owns the timer and feeds TIMER back; each step says what to arm, cancel
 * and report.
 */
import type { ProcessCause } from '../../ports/tracking.js';

export interface QuorumParams {
  readonly quorum: number;
  /** undefined: no upper bound. */
  readonly quorumMax: number | undefined;
  readonly forkDelayMs: number;
  readonly terminateDelayMs: number;
}

export interface QuorumState {
  readonly running: number;
  readonly up: boolean;
  readonly pending: 'fork' | 'terminate' | undefined;
}

export type QuorumInput = { readonly kind: 'added'; readonly cause: ProcessCause } | { readonly kind: 'removed' } | { readonly kind: 'timer' };

export interface QuorumStep {
  readonly state: QuorumState;
  /** Arm (replacing any armed) a timer of this many ms, or cancel it. */
  readonly timer: { readonly armMs: number } | 'cancel' | undefined;
  readonly report: boolean | undefined;
}

export function inQuorum(params: QuorumParams, running: number): boolean {
  return running >= params.quorum && running <= (params.quorumMax ?? Number.POSITIVE_INFINITY);
}

/** The state after the start-up scan found `running` processes (no delay applies). */
export function initialQuorum(params: QuorumParams, running: number): QuorumState {
  return { running, up: inQuorum(params, running), pending: undefined };
}

function settle(params: QuorumParams, state: QuorumState, running: number, timer: QuorumStep['timer']): QuorumStep {
  const up = inQuorum(params, running);
  return { state: { running, up, pending: undefined }, timer, report: up === state.up ? undefined : up };
}

export function stepQuorum(params: QuorumParams, state: QuorumState, input: QuorumInput): QuorumStep {
  if (input.kind === 'timer') return settle(params, state, state.running, undefined);
  const running = Math.max(0, state.running + (input.kind === 'added' ? 1 : -1));
  const wasIn = inQuorum(params, state.running);
  const nowIn = inQuorum(params, running);
  if (wasIn === nowIn) return { state: { ...state, running }, timer: undefined, report: undefined };
  if (state.pending !== undefined) {
    // Crossing back while a delay runs: cancel it, the reported state never changed.
    return { state: { running, up: state.up, pending: undefined }, timer: 'cancel', report: undefined };
  }
  if (nowIn && input.kind === 'added' && input.cause === 'fork' && params.forkDelayMs > 0) {
    return { state: { ...state, running, pending: 'fork' }, timer: { armMs: params.forkDelayMs }, report: undefined };
  }
  if (!nowIn && input.kind === 'removed' && params.terminateDelayMs > 0) {
    return { state: { ...state, running, pending: 'terminate' }, timer: { armMs: params.terminateDelayMs }, report: undefined };
  }
  return settle(params, state, running, undefined);
}
