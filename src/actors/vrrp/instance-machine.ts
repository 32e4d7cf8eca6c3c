/**
 * The instance machine with its effects provided once for every instance.
 *
 * `machine.provide(...)` builds a whole new machine (every state node, transition and action
 * object): one per instance cost tens of KB each and spread the hot path over as many copies
 * as there are instances. Here one provided machine serves all of them, and each action finds
 * its instance's effects through the actor it runs in.
 */
import type { AnyActorRef } from 'xstate';
import { vrrpInstanceMachine } from '../../machines/index.js';
import type { NotifyParams, StatsParams, SyncReportParams } from '../../machines/index.js';
import { invariant } from '../../machines/assert.js';

/** What one instance's machine does to the world (the instance host implements it). */
export interface InstanceEffects {
  sendAdvert(priority: number): void;
  /** Runs the Adver_Timer rounds: an advert at the current priority every `intervalMs` (AdverTimer). */
  startAdverTimer(intervalMs: number): void;
  stopAdverTimer(): void;
  addVips(): void;
  removeVips(): void;
  sendGratuitous(): void;
  notify(params: NotifyParams): void;
  statsCount(params: StatsParams): void;
  syncReport(params: SyncReportParams): void;
}

const effectsOf = new WeakMap<AnyActorRef, InstanceEffects>();

/** Ties an actor (before it starts) to the effects its actions perform. */
export function bindEffects(actor: AnyActorRef, effects: InstanceEffects): void {
  effectsOf.set(actor, effects);
}

function effects(self: AnyActorRef): InstanceEffects {
  const found = effectsOf.get(self);
  invariant(found !== undefined, 'instance actor started without its effects bound');
  return found;
}

export const providedInstanceMachine = vrrpInstanceMachine.provide({
  actions: {
    sendAdvert: ({ self }, params) => effects(self).sendAdvert(params.priority),
    startAdverTimer: ({ self }, params) => effects(self).startAdverTimer(params.intervalMs),
    stopAdverTimer: ({ self }) => effects(self).stopAdverTimer(),
    sendPriorityZero: ({ self }) => effects(self).sendAdvert(0),
    addVips: ({ self }) => effects(self).addVips(),
    removeVips: ({ self }) => effects(self).removeVips(),
    sendGratuitous: ({ self }) => effects(self).sendGratuitous(),
    notify: ({ self }, params) => effects(self).notify(params),
    statsCount: ({ self }, params) => effects(self).statsCount(params),
    syncReport: ({ self }, params) => effects(self).syncReport(params),
  },
});
