/**
 * Pure VRRP state machines (XState v5): one per VRRP instance and one per sync group.
 * Hosts run them as actors, supplying effects and timers through `machine.provide(...)`.
 */
export { vrrpInstanceMachine, TIMER_IDS } from './instance/machine.js';
export type { VrrpInstanceMachine } from './instance/machine.js';
export { instanceDefaults } from './instance/types.js';
export type {
  AdvertEvent,
  AdverTimerParams,
  AdvertParams,
  InstanceContext,
  InstanceEvent,
  InstanceParams,
  InstanceParamsInput,
  InstanceRole,
  NotifyParams,
  NotifyState,
  StatsCounter,
  StatsParams,
  SyncReportParams,
  VipParams,
} from './instance/types.js';
export { masterDownIntervalMs, normalizeParams, ownFault, skewTimeMs } from './instance/derive.js';
export { compareAddresses, addressBytes } from './address.js';
export type { AddressLike } from './address.js';
export { masterDownIntervalUs, skewTimeUs, skewTimeMinUs, TIMER_HZ } from './timers.js';
export type { TimerInputs, VrrpVersion } from './timers.js';
export { effectivePriority, totalPriority, anyTrackedFault, PRIORITY_OWNER, PRIORITY_STOP } from './tracking.js';
export type { TrackedObject, TrackedState, TrackingInputs } from './tracking.js';
export { vrrpSyncGroupMachine } from './sync-group/machine.js';
export type { VrrpSyncGroupMachine } from './sync-group/machine.js';
export type {
  CommandMembersParams,
  GroupNotifyParams,
  MemberCommand,
  MemberState,
  MemberStatus,
  SyncGroupContext,
  SyncGroupEvent,
  SyncGroupParams,
} from './sync-group/types.js';
