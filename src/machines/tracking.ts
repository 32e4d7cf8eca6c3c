/**
 * Tracked objects (track_interface, track_script, track_file, track_process, track_bfd) and
 * how they move an instance's priority or put it in FAULT, following keepalived 2.2.7:
 *
 * - weight 0: the object failing puts the instance in FAULT ("weight 0 reverse": succeeding does).
 * - status objects with weight W ≠ 0 and multiplier m (−1 with `reverse`, else 1):
 *   W > 0 adds W·m while the object is up; W < 0 adds W·m (i.e. subtracts |W|·m) while it is down.
 * - value objects (track_file) with weight W ≠ 0 add value·W·m; a result below −253 means FAULT.
 *   With weight 0 a non-zero value is a failure.
 * - effective priority = base + Σ contributions clamped to 1..254; the address owner (255) keeps
 *   255 and its weights count as 0 (keepalived requires weight 0 for owners).
 * - members of a sync group without sync_group_tracking_weight also have their weights forced to
 *   0, so their tracked objects act through FAULT only (vrrp_sync.c).
 */

export const PRIORITY_OWNER = 255;
export const PRIORITY_STOP = 0;
const TRACK_FILE_FAULT_BELOW = -253;

export interface TrackedObject {
  /** Unique key per instance, e.g. "interface:eth1" or "script:chk_web". */
  readonly name: string;
  readonly weight: number;
  readonly reverse: boolean;
  /** 'status' (up/down, the default) or 'value' (track_file). */
  readonly kind?: 'status' | 'value';
}

/** Last known state of a tracked object: up/down for status objects, a number for track_file. */
export type TrackedState = { readonly up: boolean } | { readonly value: number };

export interface TrackingInputs {
  readonly basePriority: number;
  readonly tracked: readonly TrackedObject[];
  readonly states: Readonly<Record<string, TrackedState>>;
  /** True when weights must act as 0 (owner, or sync group member without tracking weight). */
  readonly weightsIgnored: boolean;
}

function upOf(state: TrackedState | undefined): boolean {
  if (state === undefined) return true;
  return 'up' in state ? state.up : state.value === 0;
}

function valueOf(state: TrackedState | undefined): number {
  if (state === undefined || !('value' in state)) return 0;
  return state.value;
}

function weightOf(object: TrackedObject, inputs: TrackingInputs): number {
  return inputs.weightsIgnored ? 0 : object.weight;
}

/** Whether this object alone forces FAULT. */
export function objectFaults(object: TrackedObject, inputs: TrackingInputs): boolean {
  const state = inputs.states[object.name];
  const weight = weightOf(object, inputs);
  const multiplier = object.reverse ? -1 : 1;
  if (object.kind === 'value') {
    if (weight === 0) return valueOf(state) !== 0;
    return valueOf(state) * weight * multiplier < TRACK_FILE_FAULT_BELOW;
  }
  if (weight !== 0) return false;
  // keepalived: up && !reverse, or down && reverse, is "up"; the other two are a fault.
  return upOf(state) === object.reverse;
}

function contribution(object: TrackedObject, inputs: TrackingInputs): number {
  const state = inputs.states[object.name];
  const weight = weightOf(object, inputs);
  const multiplier = object.reverse ? -1 : 1;
  if (weight === 0) return 0;
  if (object.kind === 'value') return valueOf(state) * weight * multiplier;
  const up = upOf(state);
  if (weight > 0) return up ? weight * multiplier : 0;
  return up ? 0 : weight * multiplier;
}

export function anyTrackedFault(inputs: TrackingInputs): boolean {
  return inputs.tracked.some((object) => objectFaults(object, inputs));
}

/** keepalived's total_priority: base plus every weighted contribution, unclamped. */
export function totalPriority(inputs: TrackingInputs): number {
  return inputs.tracked.reduce((sum, object) => sum + contribution(object, inputs), inputs.basePriority);
}

/** keepalived's effective_priority: the owner stays 255, everyone else is clamped to 1..254. */
export function effectivePriority(inputs: TrackingInputs): number {
  if (inputs.basePriority === PRIORITY_OWNER) return PRIORITY_OWNER;
  return Math.min(PRIORITY_OWNER - 1, Math.max(1, totalPriority(inputs)));
}
