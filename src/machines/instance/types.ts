/**
 * The VRRP instance machine's own vocabulary: its input (InstanceParams), the events it accepts
 * and the parameters of the effects it asks its host to perform. Deliberately independent of the
 * config model and the packet codec: adapters on both sides translate.
 */
import type { AddressLike } from '../address.js';
import type { TrackedObject, TrackedState } from '../tracking.js';
import type { VrrpVersion } from '../timers.js';

export interface InstanceParams {
  readonly name: string;
  readonly vrid: number;
  readonly version: VrrpVersion;
  readonly family: 'inet' | 'inet6';
  /** Configured priority 1..255; 255 makes this router the address owner. */
  readonly priority: number;
  /** advert_int; VRRPv3 uses centisecond resolution. */
  readonly advertIntervalMs: number;
  /** `nopreempt` (false = the RFC's Preempt_Mode True). Cleared when initialState is MASTER. */
  readonly nopreempt: boolean;
  /** `preempt_delay`; 0 = none. */
  readonly preemptDelayMs: number;
  /** `state MASTER|BACKUP`: only sets keepalived's initial wantstate (see README of machines). */
  readonly initialState: 'MASTER' | 'BACKUP';
  /** `accept` / `no_accept`; passed to addVips / removeVips for the firewall rules. */
  readonly accept: boolean;
  /** Our address as seen in adverts (unicast_src_ip or the interface primary address). */
  readonly primaryAddress: AddressLike;
  readonly higherPrioSendAdvert: boolean;
  readonly lowerPrioNoAdvert: boolean;
  /** Whether a notify_master_rx_lower_pri script is configured. */
  readonly notifyMasterRxLowerPri: boolean;
  /** down_timer_adverts (1..100, RFC value 3). */
  readonly downTimerAdverts: number;
  /** vrrp_startup_delay; 0 = none. */
  readonly startupDelayMs: number;
  /** `dont_track_primary`: interface down events do not cause FAULT. */
  readonly dontTrackPrimary: boolean;
  readonly tracked: readonly TrackedObject[];
  /** Initial states of tracked objects (missing = up / value 0). */
  readonly initialTracked?: Readonly<Record<string, TrackedState>>;
  /** Whether the VRRP interface is up at start (default true). */
  readonly initialInterfaceUp?: boolean;
  /** Membership of a vrrp_sync_group: transitions then go through the group machine. */
  readonly syncGroup?: { readonly name: string; readonly trackingWeight: boolean };
}

/** Defaults matching keepalived 2.2.7 for the optional knobs. */
export const instanceDefaults = {
  version: 2,
  family: 'inet',
  advertIntervalMs: 1000,
  nopreempt: false,
  preemptDelayMs: 0,
  initialState: 'BACKUP',
  accept: false,
  higherPrioSendAdvert: false,
  lowerPrioNoAdvert: false,
  notifyMasterRxLowerPri: false,
  downTimerAdverts: 3,
  startupDelayMs: 0,
  dontTrackPrimary: false,
  tracked: [],
} as const satisfies Partial<InstanceParams>;

type Defaulted = keyof typeof instanceDefaults;
export type InstanceParamsInput = Omit<InstanceParams, Defaulted> & Partial<Pick<InstanceParams, Defaulted>>;

/** An advertisement that the codec has already validated as ours (vrid, auth, addresses, TTL). */
export interface AdvertEvent {
  readonly type: 'ADVERT';
  readonly priority: number;
  /** The advert's (Max) Advertisement Interval; VRRPv3 backups learn it. */
  readonly maxAdvertIntervalMs: number;
  readonly sourceAddress: AddressLike;
}

export type InstanceEvent =
  | AdvertEvent
  /** Master_Down_Timer fired (scheduled by the machine itself with id "masterDownTimer"). */
  | { readonly type: 'MASTER_DOWN_TIMER' }
  /** Advertise now and re-arm the Adver_Timer (what each Adver_Timer round does; a reload sends it). */
  | { readonly type: 'ADVER_TIMER' }
  /** preempt_delay elapsed (id "preemptDelayTimer"). */
  | { readonly type: 'PREEMPT_DELAY_TIMER' }
  /** vrrp_startup_delay elapsed (id "startupDelayTimer"). */
  | { readonly type: 'STARTUP_DELAY_TIMER' }
  | { readonly type: 'INTERFACE_UP' }
  | { readonly type: 'INTERFACE_DOWN' }
  | { readonly type: 'TRACKED'; readonly name: string; readonly state: TrackedState }
  /** Daemon shutdown: a Master sends priority 0 and releases its addresses. */
  | { readonly type: 'SHUTDOWN' }
  /**
   * The address adverts leave from was deleted: a Master leaves mastership first (priority 0,
   * addresses released, BACKUP and its notifications), as keepalived does, before the fault that
   * follows. Other states ignore it.
   */
  | { readonly type: 'ADDRESS_DELETED' }
  /**
   * A virtual address, route or rule the Master installed and follows (not no_track) was deleted
   * by someone else: keepalived gives mastership up with priority 0 and takes it back after
   * Skew_Time, which puts them all back.
   */
  | { readonly type: 'VIRTUAL_ITEM_DELETED' }
  /** The instance disappeared from the configuration on reload. */
  | { readonly type: 'RELOAD_DELETE' }
  /** Commands from the sync group machine. */
  | { readonly type: 'SYNC_GOTO_MASTER' }
  | { readonly type: 'SYNC_GOTO_BACKUP' }
  /** Another member gave mastership up on its own (see yielded): this one does too, priority 0 first. */
  | { readonly type: 'SYNC_YIELD' }
  | { readonly type: 'SYNC_GOTO_FAULT' }
  | { readonly type: 'SYNC_LEAVE_FAULT' };

export type InstanceRole = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT' | 'STOP' | 'DELETED';

export interface InstanceContext {
  readonly params: InstanceParams;
  /** Configured priority, lowered to 254 if another router also claims to be the owner. */
  readonly basePriority: number;
  readonly effectivePriority: number;
  /** Master_Adver_Interval in µs: our own interval, or the master's learned from v3 adverts. */
  readonly masterAdverIntervalUs: number;
  readonly interfaceUp: boolean;
  readonly tracked: Readonly<Record<string, TrackedState>>;
  /** keepalived's wantstate == MASTER: our Master_Down_Timer fired (or we are the owner). */
  readonly wantMaster: boolean;
  /**
   * Left MASTER on its own, not beaten by an advert: a deleted address or virtual item (or its
   * group's order after another member's). Its sync group then yields as a whole, silently.
   */
  readonly yielded: boolean;
  /** preempt_delay progress: idle (preempt_time 0), running, or elapsed. */
  readonly preemptDelay: 'idle' | 'running' | 'elapsed';
  readonly role: InstanceRole;
  /** vrrp_startup_delay has passed (or there is none): Initialize may decide. */
  readonly startupDelayOver: boolean;
  readonly masterAddress: AddressLike | undefined;
  readonly masterPriority: number | undefined;
  /** The last report sent to the sync group, to send one per change. */
  readonly lastSyncReport: string;
  /** The next Master_Down_Timer runs for Skew_Time only (see VIRTUAL_ITEM_DELETED). */
  readonly skewOnly: boolean;
}

export type NotifyState = 'MASTER' | 'BACKUP' | 'FAULT' | 'STOP' | 'MASTER_RX_LOWER_PRI';

export interface NotifyParams {
  readonly instance: string;
  readonly state: NotifyState;
  readonly priority: number;
}

export interface AdvertParams {
  readonly priority: number;
}

export interface AdverTimerParams {
  readonly intervalMs: number;
}

export interface VipParams {
  readonly accept: boolean;
}

export type StatsCounter = 'advertRcvd' | 'becomeMaster' | 'releaseMaster' | 'priZeroRcvd' | 'priZeroSent';

export interface StatsParams {
  readonly counter: StatsCounter;
}

/** What a sync group member tells its group (see sync-group/types.ts). */
export interface SyncReportParams {
  readonly group: string;
  readonly member: string;
  readonly state: 'BACKUP' | 'MASTER' | 'FAULT';
  readonly wantMaster: boolean;
  readonly ownFault: boolean;
  readonly yielded: boolean;
}
