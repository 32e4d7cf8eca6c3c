/**
 * The contract between the VRRP subsystem (instance and sync-group actors over their machines)
 * and the process that hosts it (the daemon's VRRP child, or a simulated node). The host builds
 * the ports; the subsystem never touches the OS.
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { HmacMd5, StatsCounter } from '../../protocol/index.js';
import type { Clock } from '../../ports/clock.js';
import type { Random } from '../../ports/random.js';
import type { Logger } from '../../ports/logger.js';
import type { VrrpLinkFactory } from '../../ports/vrrp-link.js';
import type { FrameSender } from '../../ports/frames.js';
import type { LinkMonitor } from '../../ports/links.js';
import type { RoutingMonitor } from '../../ports/routing.js';
import type { AddressManager } from '../../ports/addresses.js';
import type { TrackedState } from '../../machines/index.js';

export interface VrrpPorts {
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly links: VrrpLinkFactory;
  readonly frames: FrameSender;
  readonly linkMonitor: LinkMonitor;
  readonly routingMonitor: RoutingMonitor;
  readonly addresses: AddressManager;
  readonly hmacMd5: HmacMd5;
}

/**
 * Where tracked scripts, files and processes come from (src/actors/tracking: createTrackers, or
 * the reloadable TrackerPool): keys are the instance machine's ("script:NAME", "file:NAME",
 * "process:NAME"). The subsystem subscribes per instance (its own and its sync group's objects),
 * takes initial states from states() before a machine starts and re-subscribes on reload.
 */
export interface TrackedSource {
  /** Known states by key (absent: no result yet). */
  states(): Readonly<Record<string, TrackedState>>;
  /** Changes after subscribing; returns the unsubscribe function. */
  subscribe(key: string, listener: (state: TrackedState) => void): () => void;
  /** False for an object that never reports (e.g. a script refused by the security checks). */
  tracks?(key: string): boolean;
  /** Resolves once files have been read and processes scanned (start waits for it). */
  readonly ready?: Promise<void>;
}

export type InstanceStateName = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT' | 'STOP' | 'DELETED';

export interface InstanceStatus {
  readonly name: string;
  readonly vrid: number;
  readonly family: 'ipv4' | 'ipv6';
  readonly interfaceName: string;
  readonly state: InstanceStateName;
  readonly basePriority: number;
  readonly effectivePriority: number;
  /** Source address of the master's last advert (ours when Master), if known. */
  readonly masterAddress: string | undefined;
  readonly masterPriority: number | undefined;
  readonly lastTransitionMs: number | undefined;
  readonly lastTransitionReason: string | undefined;
  readonly syncGroup: string | undefined;
  /** keepalived's statistics counters (SIGUSR2 / STATS file), plus ours. */
  readonly counters: Readonly<Record<StatsCounter, number>>;
  readonly vipsInstalled: boolean;
}

export interface SyncGroupStatus {
  readonly name: string;
  readonly state: InstanceStateName;
  readonly members: readonly string[];
}

export interface VrrpStatus {
  readonly instances: readonly InstanceStatus[];
  readonly syncGroups: readonly SyncGroupStatus[];
  /** Tracked objects' states by key ("script:NAME"…), as Trackers.states() gives them; for the status aggregator. */
  readonly tracked?: Readonly<Record<string, TrackedState>>;
}

export type VrrpEvent =
  | {
    readonly type: 'instance-state';
    readonly instance: string;
    readonly from: InstanceStateName;
    readonly to: InstanceStateName;
    readonly priority: number;
    readonly reason: string;
    readonly atMs: number;
  }
  | { readonly type: 'group-state'; readonly group: string; readonly from: InstanceStateName; readonly to: InstanceStateName; readonly atMs: number }
  | { readonly type: 'priority'; readonly instance: string; readonly priority: number; readonly atMs: number }
  | { readonly type: 'master-rx-lower-pri'; readonly instance: string; readonly priority: number; readonly atMs: number }
  | { readonly type: 'actor-restarted' | 'actor-escalated'; readonly actor: string; readonly reason: string; readonly atMs: number };

export interface StopOptions {
  /** false under `-V/--dont-release-vrrp`: leave VIPs, routes and rules in place. */
  readonly releaseVips: boolean;
}

export interface VrrpSubsystem {
  /** Starts every instance and sync group of `config`; cleans VIPs a crashed predecessor left. */
  start(config: KeepalivedConfig): Promise<void>;
  /**
   * SIGHUP: unchanged instances keep their state and VIPs, changed ones adapt, removed ones stop
   * (notify DELETED), new ones start.
   */
  reload(config: KeepalivedConfig): Promise<void>;
  /** SIGTERM: priority-0 adverts from every Master, VIPs/routes/rules removed unless told not to. */
  stop(options: StopOptions): Promise<void>;
  status(): VrrpStatus;
  clearStats(): void;
  /** Every transition and supervision event, in order, until the returned function is called. */
  subscribe(listener: (event: VrrpEvent) => void): () => void;
}
