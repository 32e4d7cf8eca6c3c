/** One vrrp_instance block and one vrrp_sync_group block. Durations in milliseconds. */
import type { SourcePosition } from '../../diagnostics.js';
import type { IpAddress } from '../../values/ip.js';
import type { ScriptCommand } from '../global.js';
import type { RouteOrRule, VirtualAddress } from './address.js';
import type { TrackRef } from './tracking.js';
import { EMPTY_LIST } from '../lists.js';

export type VrrpState = 'MASTER' | 'BACKUP';

export interface UnicastPeer {
  readonly address: IpAddress;
  readonly minTtl: number | undefined;
  readonly maxTtl: number | undefined;
  readonly position: SourcePosition;
}

export interface Authentication {
  type: 'PASS' | 'AH' | undefined;
  /** At most 8 characters, as keepalived truncates. */
  pass: string | undefined;
}

export interface NotifyScripts {
  master: ScriptCommand | undefined;
  backup: ScriptCommand | undefined;
  fault: ScriptCommand | undefined;
  stop: ScriptCommand | undefined;
  deleted: ScriptCommand | undefined;
  masterRxLowerPri: ScriptCommand | undefined;
  any: ScriptCommand | undefined;
}

export interface VrrpInstance {
  readonly name: string;
  readonly position: SourcePosition;
  /** Initial state as configured; undefined means keepalived's default (BACKUP). */
  state: VrrpState | undefined;
  interface: string | undefined;
  interfacePosition: SourcePosition | undefined;
  useVmac: { name: string | undefined } | undefined;
  vmacXmitBase: boolean;
  dontTrackPrimary: boolean;
  trackInterfaces: readonly TrackRef[];
  trackScripts: readonly TrackRef[];
  trackFiles: readonly TrackRef[];
  trackProcesses: readonly TrackRef[];
  trackBfds: readonly TrackRef[];
  mcastSrcIp: IpAddress | undefined;
  unicastSrcIp: IpAddress | undefined;
  unicastPeers: readonly UnicastPeer[];
  /**
   * The address family, set by the first address the instance names (a VIP, mcast_src_ip,
   * unicast_src_ip or unicast peer, in file order); addresses of the other family are refused.
   */
  family: 4 | 6 | undefined;
  /** unicast_src_ip was given, even one refused for its family (keepalived's unicast check counts it). */
  unicastSrcGiven: boolean;
  unicastTtl: number | undefined;
  checkUnicastSrc: boolean;
  version: 2 | 3 | undefined;
  virtualRouterId: number | undefined;
  /** Undefined when not configured (keepalived then uses 100, or 255 for an initial MASTER). */
  priority: number | undefined;
  advertIntMs: number;
  authentication: Authentication | undefined;
  virtualAddresses: readonly VirtualAddress[];
  excludedAddresses: readonly VirtualAddress[];
  virtualRoutes: readonly RouteOrRule[];
  virtualRules: readonly RouteOrRule[];
  nopreempt: boolean;
  preemptDelayMs: number;
  garpMasterDelayMs: number | undefined;
  garpMasterRepeat: number | undefined;
  garpMasterRefreshMs: number | undefined;
  garpMasterRefreshRepeat: number | undefined;
  garpLowerPrioDelayMs: number | undefined;
  garpLowerPrioRepeat: number | undefined;
  lowerPrioNoAdvert: boolean | undefined;
  higherPrioSendAdvert: boolean | undefined;
  notify: NotifyScripts;
  smtpAlert: boolean | undefined;
  accept: boolean | undefined;
  skipCheckAdvAddr: boolean | undefined;
  strictMode: boolean | undefined;
  kernelRxBufSize: number | undefined;
  downTimerAdverts: number | undefined;
  /** Every other accepted keyword with its parameters. */
  other: Map<string, readonly string[]>;
}

export interface SyncGroup {
  readonly name: string;
  readonly position: SourcePosition;
  members: { readonly name: string; readonly position: SourcePosition }[];
  trackInterfaces: TrackRef[];
  trackScripts: TrackRef[];
  trackFiles: TrackRef[];
  trackProcesses: TrackRef[];
  trackBfds: TrackRef[];
  notify: NotifyScripts;
  smtpAlert: boolean | undefined;
  globalTracking: boolean;
  other: Map<string, readonly string[]>;
}

/** Every field of {@link NotifyScripts}, in its order. */
export const NOTIFY_SCRIPT_KEYS = ['master', 'backup', 'fault', 'stop', 'deleted', 'masterRxLowerPri', 'any'] as const satisfies readonly (keyof NotifyScripts)[];
/** Fails to compile when a field of NotifyScripts is missing from NOTIFY_SCRIPT_KEYS. */
const _everyNotifyKeyListed: [Exclude<keyof NotifyScripts, (typeof NOTIFY_SCRIPT_KEYS)[number]>] extends [never] ? true : never = true;

export function emptyNotifyScripts(): NotifyScripts {
  return {
    master: undefined,
    backup: undefined,
    fault: undefined,
    stop: undefined,
    deleted: undefined,
    masterRxLowerPri: undefined,
    any: undefined,
  };
}

export function newVrrpInstance(name: string, position: SourcePosition): VrrpInstance {
  return {
    name,
    position,
    state: undefined,
    interface: undefined,
    interfacePosition: undefined,
    useVmac: undefined,
    vmacXmitBase: false,
    dontTrackPrimary: false,
    trackInterfaces: EMPTY_LIST,
    trackScripts: EMPTY_LIST,
    trackFiles: EMPTY_LIST,
    trackProcesses: EMPTY_LIST,
    trackBfds: EMPTY_LIST,
    mcastSrcIp: undefined,
    unicastSrcIp: undefined,
    unicastPeers: EMPTY_LIST,
    family: undefined,
    unicastSrcGiven: false,
    unicastTtl: undefined,
    checkUnicastSrc: false,
    version: undefined,
    virtualRouterId: undefined,
    priority: undefined,
    advertIntMs: 1000,
    authentication: undefined,
    virtualAddresses: EMPTY_LIST,
    excludedAddresses: EMPTY_LIST,
    virtualRoutes: EMPTY_LIST,
    virtualRules: EMPTY_LIST,
    nopreempt: false,
    preemptDelayMs: 0,
    garpMasterDelayMs: undefined,
    garpMasterRepeat: undefined,
    garpMasterRefreshMs: undefined,
    garpMasterRefreshRepeat: undefined,
    garpLowerPrioDelayMs: undefined,
    garpLowerPrioRepeat: undefined,
    lowerPrioNoAdvert: undefined,
    higherPrioSendAdvert: undefined,
    notify: emptyNotifyScripts(),
    smtpAlert: undefined,
    accept: undefined,
    skipCheckAdvAddr: undefined,
    strictMode: undefined,
    kernelRxBufSize: undefined,
    downTimerAdverts: undefined,
    other: new Map(),
  };
}
