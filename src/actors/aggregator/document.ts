/**
 * The status document: everything the aggregator holds, as the status socket's `STATUS`, HTTP
 * `/status` and `keepalived-ts status json` give it. Versioned: fields are only ever added within
 * a version; a rename or a change of meaning bumps STATUS_SCHEMA_VERSION.
 */
import type { InstanceStateName } from '../vrrp/subsystem.js';

export const STATUS_SCHEMA = 'keepalived-ts/status';
export const STATUS_SCHEMA_VERSION = 1;

export type Health = 'MASTER' | 'BACKUP' | 'FAULT';

export interface TransitionDoc {
  /** ISO time the parent learnt of it (the child's clock is not comparable). */
  readonly at: string;
  readonly from: InstanceStateName;
  readonly to: InstanceStateName;
  readonly reason: string | null;
}

export interface InstanceDoc {
  readonly name: string;
  readonly vrid: number | null;
  readonly family: 'ipv4' | 'ipv6' | null;
  readonly interface: string | null;
  readonly state: InstanceStateName;
  readonly basePriority: number | null;
  readonly effectivePriority: number | null;
  /** Source address of the master's last advert (ours when Master). */
  readonly masterAddress: string | null;
  readonly masterPriority: number | null;
  readonly syncGroup: string | null;
  readonly vipsInstalled: boolean;
  readonly lastTransition: TransitionDoc | null;
  /** Transitions seen by this daemon (across VRRP child restarts). */
  readonly transitions: number;
  /** keepalived's statistics counters, as the child last reported them (reset when it restarts). */
  readonly counters: Readonly<Record<string, number>>;
}

export interface SyncGroupDoc {
  readonly name: string;
  readonly state: InstanceStateName;
  readonly members: readonly string[];
  readonly lastTransition: TransitionDoc | null;
}

export interface TrackedObjectDoc {
  /** `script:NAME`, `file:NAME`, `process:NAME`. */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  /** Scripts and processes: up or down; files: null. */
  readonly up: boolean | null;
  /** Files: the value read; others: null. */
  readonly value: number | null;
}

export interface SubsystemDoc {
  readonly name: string;
  readonly pid: number | null;
  readonly up: boolean;
  /** Respawns after an unexpected exit. */
  readonly restarts: number;
  readonly lastStartedAt: string | null;
  readonly lastExitAt: string | null;
}

export interface StatusDocument {
  readonly schema: typeof STATUS_SCHEMA;
  readonly version: typeof STATUS_SCHEMA_VERSION;
  /** Bumped on every change; equal revisions are equal documents. */
  readonly revision: number;
  readonly updatedAt: string;
  readonly daemon: { readonly pid: number; readonly startedAt: string; readonly stopping: boolean };
  readonly health: Health;
  /** The daemon and every subsystem it runs are up. */
  readonly live: boolean;
  /** Live and some instance is Master. */
  readonly ready: boolean;
  readonly subsystems: readonly SubsystemDoc[];
  readonly instances: readonly InstanceDoc[];
  readonly syncGroups: readonly SyncGroupDoc[];
  readonly trackedObjects: readonly TrackedObjectDoc[];
}
