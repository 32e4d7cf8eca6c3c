/** Pure derivations from the instance context: priorities, fault conditions, timers, election. */
import { compareAddresses } from '../address.js';
import { anyTrackedFault, effectivePriority, PRIORITY_OWNER } from '../tracking.js';
import type { TrackingInputs } from '../tracking.js';
import { masterDownIntervalUs, msToUs, skewTimeUs, usToMs } from '../timers.js';
import type { TimerInputs } from '../timers.js';
import { instanceDefaults } from './types.js';
import type { AdvertEvent, InstanceContext, InstanceParams, InstanceParamsInput } from './types.js';

/** Fill defaults and apply keepalived's config fix-ups. */
export function normalizeParams(input: InstanceParamsInput): InstanceParams {
  const params: InstanceParams = { ...instanceDefaults, ...input };
  // keepalived: "nopreempt will not work with initial state MASTER - clearing".
  const nopreempt = params.nopreempt && params.initialState !== 'MASTER';
  return { ...params, nopreempt };
}

export function isSyncMember(context: InstanceContext): boolean {
  return context.params.syncGroup !== undefined;
}

function trackingInputs(context: Pick<InstanceContext, 'params' | 'basePriority' | 'tracked'>): TrackingInputs {
  const { params } = context;
  const weightsIgnored =
    params.priority === PRIORITY_OWNER || (params.syncGroup !== undefined && !params.syncGroup.trackingWeight);
  return { basePriority: context.basePriority, tracked: params.tracked, states: context.tracked, weightsIgnored };
}

export function computeEffectivePriority(context: Pick<InstanceContext, 'params' | 'basePriority' | 'tracked'>): number {
  return effectivePriority(trackingInputs(context));
}

/** This instance's own reasons to be in FAULT (a sync group can add its own). */
export function ownFault(context: InstanceContext): boolean {
  const interfaceFault = !context.interfaceUp && !context.params.dontTrackPrimary;
  return interfaceFault || anyTrackedFault(trackingInputs(context));
}

function timerInputs(context: InstanceContext): TimerInputs {
  return {
    version: context.params.version,
    priority: context.effectivePriority,
    masterAdverIntervalUs: context.masterAdverIntervalUs,
    downTimerAdverts: context.params.downTimerAdverts,
  };
}

export function masterDownIntervalMs(context: InstanceContext): number {
  return usToMs(masterDownIntervalUs(timerInputs(context)));
}

export function skewTimeMs(context: InstanceContext): number {
  return usToMs(skewTimeUs(timerInputs(context)));
}

export function ownAdverIntervalUs(params: InstanceParams): number {
  return msToUs(params.advertIntervalMs);
}

/** Compare the advert's sender with us: > 0 when the sender's address is higher. */
export function senderVersusUs(context: InstanceContext, advert: AdvertEvent): number {
  return compareAddresses(advert.sourceAddress, context.params.primaryAddress);
}

/** The advert would win an election against us (higher priority, or equal and higher address). */
export function advertBeatsUs(context: InstanceContext, advert: AdvertEvent): boolean {
  const ours = context.effectivePriority;
  return advert.priority > ours || (advert.priority === ours && senderVersusUs(context, advert) > 0);
}

/** The advert loses against us (lower priority, or equal and lower address). */
export function advertLosesToUs(context: InstanceContext, advert: AdvertEvent): boolean {
  const ours = context.effectivePriority;
  return advert.priority < ours || (advert.priority === ours && senderVersusUs(context, advert) < 0);
}

/**
 * In Backup, whether the advert (re)arms Master_Down_Timer (RFC 5798 §6.4.2, keepalived
 * vrrp_state_backup): always without preemption or from a priority ≥ ours; from a lower priority
 * only while preempt_delay has not yet elapsed.
 */
export function advertHoldsBackup(context: InstanceContext, advert: AdvertEvent): boolean {
  if (context.params.nopreempt || advert.priority >= context.effectivePriority) return true;
  return context.params.preemptDelayMs > 0 && context.preemptDelay !== 'elapsed';
}

export function syncReportKey(context: InstanceContext): string {
  return `${context.role}/${context.wantMaster}/${ownFault(context)}/${context.yielded}`;
}
