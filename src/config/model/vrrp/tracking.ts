/** Objects a VRRP instance or sync group can track, and the references to them. */
import type { SourcePosition } from '../../diagnostics.js';
import type { ScriptCommand } from '../global.js';

export interface VrrpScript {
  readonly name: string;
  script: ScriptCommand | undefined;
  intervalMs: number;
  timeoutMs: number | undefined;
  weight: number;
  /** `weight … reverse`. */
  weightReverse: boolean;
  rise: number;
  fall: number;
  user: string | undefined;
  group: string | undefined;
  initFail: boolean;
  readonly position: SourcePosition;
}

export interface TrackFile {
  readonly name: string;
  file: string | undefined;
  weight: number;
  weightReverse: boolean;
  initFile: { readonly value: number; readonly overwrite: boolean } | undefined;
  readonly position: SourcePosition;
}

export interface TrackProcess {
  readonly name: string;
  process: string | undefined;
  params: string | undefined;
  paramMatch: 'exact' | 'partial' | 'initial';
  quorum: number;
  quorumMax: number | undefined;
  weight: number;
  weightReverse: boolean;
  forkDelayMs: number | undefined;
  terminateDelayMs: number | undefined;
  fullCommand: boolean;
  readonly position: SourcePosition;
}

/** A `track_*` entry in an instance or sync group: the name and an optional weight override. */
export interface TrackRef {
  readonly name: string;
  readonly weight: number | undefined;
  readonly reverse: boolean;
  readonly position: SourcePosition;
}

export interface GarpGroup {
  garpIntervalMs: number | undefined;
  gnaIntervalMs: number | undefined;
  interfaces: string[];
  readonly position: SourcePosition;
}
