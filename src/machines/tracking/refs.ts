/**
 * From configured tracked objects to the instance machine's vocabulary (machines/tracking.ts):
 * the key each object goes by, its weight and reverse as keepalived resolves them
 * (vrrp_track.c alloc_track_*: a `track_*` entry without `weight` takes the definition's
 * weight and reverse; with `weight` it still keeps the definition's reverse unless it says
 * `reverse`), and tracker results as TRACKED states.
 */
import type { TrackedObject, TrackedState } from '../tracking.js';

export type TrackerKind = 'script' | 'file' | 'process';

/** The key of a tracked object in the instance machine: "script:chk", "file:f", "process:p". */
export function trackedKey(kind: TrackerKind, name: string): string {
  return `${kind}:${name}`;
}

export interface RefLike {
  readonly name: string;
  readonly weight: number | undefined;
  readonly reverse: boolean;
}

export interface DefinitionLike {
  readonly weight: number;
  readonly weightReverse: boolean;
}

export function trackedObjectFor(kind: TrackerKind, ref: RefLike, definition: DefinitionLike | undefined): TrackedObject {
  return {
    name: trackedKey(kind, ref.name),
    weight: ref.weight ?? definition?.weight ?? 0,
    reverse: ref.reverse || (definition?.weightReverse ?? false),
    ...(kind === 'file' ? { kind: 'value' as const } : {}),
  };
}

/** A status tracker's result (script, process) as the instance machine's state. */
export function statusState(up: boolean): TrackedState {
  return { up };
}

/** A track_file value as the instance machine's state (the machine multiplies by the weight). */
export function valueState(value: number): TrackedState {
  return { value };
}
