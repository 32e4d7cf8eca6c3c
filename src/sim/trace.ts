/**
 * What a simulation run records: one event per line of the `--trace` file (JSON lines), in the
 * order they happened. `t` is the simulation's time in ms (3 decimals: keepalived's timers are
 * microseconds). The checkers and reports read only these events: they observe, never take part.
 */
import type { FaultAction, Verdict } from './scenario/types.js';

/** What the checkers need of one configured instance (from the real config parser). */
export interface InstanceInfo {
  readonly name: string;
  /** `51`, or `v6:51` for an IPv6 instance: the key one VRRP router is known by. */
  readonly vrid: string;
  readonly version: 2 | 3;
  readonly priority: number;
  readonly advertIntMs: number;
  /** Master_Down_Interval with this priority (keepalived's µs arithmetic, in ms). */
  readonly masterDownMs: number;
  /** vrrp_startup_delay. */
  readonly startupDelayMs: number;
  readonly vips: readonly string[];
  /** Longest time a tracked script's new result takes to reach the instance (absent: no tracked script). */
  readonly scriptSettleMs?: number;
}

export type TraceBody =
  | { readonly type: 'run'; readonly seed: number; readonly scenario: string; readonly endMs: number; readonly nodes: readonly string[]; readonly format: 1 }
  | { readonly type: 'fault'; readonly text: string; readonly action: FaultAction }
  | { readonly type: 'config'; readonly node: string; readonly instances: readonly InstanceInfo[]; readonly warnings: readonly string[] }
  | { readonly type: 'daemon'; readonly node: string; readonly running: boolean; readonly why: string }
  | { readonly type: 'iface'; readonly node: string; readonly interface: string; readonly up: boolean }
  | { readonly type: 'path'; readonly from: string; readonly to: string; readonly state: 'up' | 'lossy' | 'down'; readonly maxDelayMs: number }
  | { readonly type: 'state'; readonly node: string; readonly instance: string; readonly vrid: string; readonly from: string; readonly to: string; readonly priority: number; readonly reason: string }
  | { readonly type: 'priority'; readonly node: string; readonly instance: string; readonly priority: number }
  | { readonly type: 'group'; readonly node: string; readonly group: string; readonly from: string; readonly to: string }
  | { readonly type: 'vip'; readonly node: string; readonly op: 'add' | 'remove'; readonly address: string; readonly interface: string }
  | { readonly type: 'garp'; readonly node: string; readonly interface: string }
  | { readonly type: 'notify'; readonly node: string; readonly command: string }
  | { readonly type: 'actor'; readonly node: string; readonly event: string; readonly actor: string; readonly reason: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'end' }
  | {
    readonly type: 'verdict';
    readonly safety: Verdict;
    readonly liveness: Verdict;
    readonly exitCode: number;
    readonly violations: readonly string[];
  };

export type TraceEvent = { readonly t: number } & TraceBody;

/** Rounds to the microsecond, so sums like 3000.1 + 570.2 print the same everywhere. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export class Recorder {
  readonly events: TraceEvent[] = [];
  #open = true;

  constructor(private readonly now: () => number) {}

  record(body: TraceBody): void {
    if (this.#open) this.events.push({ t: roundMs(this.now()), ...body });
  }

  /** Nothing after this is recorded (the run's teardown is not part of it). */
  close(): void {
    this.#open = false;
  }

  append(event: TraceEvent): void {
    this.events.push(event);
  }
}

export function toJsonLines(events: readonly TraceEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}
