/**
 * The VRRP instance machine: RFC 5798 §6.4 as keepalived 2.2.7 implements it
 * (vrrp.c: vrrp_state_backup / vrrp_state_master_rx / vrrp_state_leave_master / leave_fault,
 * vrrp_scheduler.c: vrrp_init_state and the read-timeout dispatcher, vrrp_track.c: FAULT entry
 * and exit). Pure: every effect is a named action and every timer a named delay, both supplied by
 * the hosting actor through `machine.provide(...)`; the defaults here do nothing.
 *
 * Timers are self-addressed delayed events with fixed ids (TIMER_IDS) so that XState never
 * invents a random id and a deterministic simulator can replay a run. The one exception is the
 * Adver_Timer: while Master it fires every Advertisement_Interval for every instance, and all a
 * round does is send an advert at the current priority and re-arm — no state or context changes.
 * So the machine starts, re-arms and stops it (startAdverTimer / stopAdverTimer) and the host
 * runs the rounds, as it runs the garp_master_refresh rounds: a Master costs one timer and one
 * datagram per interval rather than a machine step. The ADVER_TIMER event remains for advertising
 * at once (a reload) and does what a round does.
 */
import { and, setup } from 'xstate';
import { PRIORITY_OWNER, PRIORITY_STOP } from '../tracking.js';
import {
  advertBeatsUs,
  advertHoldsBackup,
  advertLosesToUs,
  computeEffectivePriority,
  isSyncMember,
  masterDownIntervalMs,
  normalizeParams,
  ownAdverIntervalUs,
  ownFault,
  senderVersusUs,
  skewTimeMs,
  syncReportKey,
} from './derive.js';
import { msToUs } from '../timers.js';
import type {
  AdverTimerParams,
  AdvertParams,
  InstanceContext,
  InstanceEvent,
  InstanceParamsInput,
  NotifyParams,
  NotifyState,
  StatsParams,
  SyncReportParams,
  VipParams,
} from './types.js';

export const TIMER_IDS = {
  masterDown: 'masterDownTimer',
  preemptDelay: 'preemptDelayTimer',
  startupDelay: 'startupDelayTimer',
} as const;

function initialContext(input: InstanceParamsInput): InstanceContext {
  const params = normalizeParams(input);
  const tracked = { ...(params.initialTracked ?? {}) };
  const basePriority = params.priority;
  return {
    params,
    basePriority,
    effectivePriority: computeEffectivePriority({ params, basePriority, tracked }),
    masterAdverIntervalUs: ownAdverIntervalUs(params),
    interfaceUp: params.initialInterfaceUp ?? true,
    tracked,
    // keepalived's initial wantstate: `state MASTER`, or being the address owner. A sync group
    // member's wish only counts once its own Master_Down_Timer has run out: keepalived 2.2.7 with
    // every member `state MASTER` still waits for the timers, and the first member to run out
    // stays BACKUP until another does too.
    wantMaster: params.priority === PRIORITY_OWNER || (params.initialState === 'MASTER' && params.syncGroup === undefined),
    yielded: false,
    preemptDelay: 'idle',
    role: 'INIT',
    startupDelayOver: params.startupDelayMs <= 0,
    masterAddress: undefined,
    masterPriority: undefined,
    lastSyncReport: '',
    skewOnly: false,
  };
}

function advertOf(event: InstanceEvent) {
  return event.type === 'ADVERT' ? event : undefined;
}

function notifyParams(context: InstanceContext, state: NotifyState): NotifyParams {
  return { instance: context.params.name, state, priority: context.effectivePriority };
}

function withPriority(context: InstanceContext, changes: Partial<InstanceContext>): Partial<InstanceContext> {
  const next = { ...context, ...changes };
  return { ...changes, effectivePriority: computeEffectivePriority(next) };
}

/** The host's Adver_Timer, (re)armed with this instance's interval. */
function startAdverTimer(context: InstanceContext) {
  return { type: 'startAdverTimer', params: { intervalMs: context.params.advertIntervalMs } } as const;
}

const roleNotify: Partial<Record<InstanceContext['role'], NotifyState>> = {
  BACKUP: 'BACKUP',
  MASTER: 'MASTER',
  FAULT: 'FAULT',
  STOP: 'STOP',
};

const base = setup({
  types: {} as {
    context: InstanceContext;
    events: InstanceEvent;
    input: InstanceParamsInput;
  },
  actions: {
    // ---- Effects: the hosting actor provides these (defaults do nothing). ----
    /** Send an advertisement with the given priority. */
    sendAdvert: (_, _params: AdvertParams) => {},
    /**
     * Arm (or re-arm) the Adver_Timer: from now on, every `intervalMs` the host sends an advert at
     * the instance's effective priority of that moment, until stopAdverTimer (RFC 5798 §6.4.3).
     */
    startAdverTimer: (_, _params: AdverTimerParams) => {},
    stopAdverTimer: () => {},
    /** Send an advertisement with priority 0 (releasing mastership, RFC 5798 §6.4.3). */
    sendPriorityZero: () => {},
    /** Install VIPs, eVIPs, virtual routes and rules (and accept-mode firewall rules). */
    addVips: (_, _params: VipParams) => {},
    /** Remove what addVips installed. */
    removeVips: (_, _params: VipParams) => {},
    /** Gratuitous ARP / unsolicited NA for the VIPs (garp_master_* handled by the host). */
    sendGratuitous: () => {},
    notify: (_, _params: NotifyParams) => {},
    statsCount: (_, _params: StatsParams) => {},
    /** Tell the sync group our state (only when params.syncGroup is set). */
    syncReport: (_, _params: SyncReportParams) => {},
  },
  guards: {
    startupDelayOver: ({ context }) => context.startupDelayOver,
    ownFault: ({ context }) => ownFault(context),
    noOwnFault: ({ context }) => !ownFault(context),
    isSyncMember: ({ context }) => isSyncMember(context),
    /** vrrp_init_state: only the owner starts as Master straight away (no sync group). */
    startsAsMaster: ({ context }) =>
      context.basePriority === PRIORITY_OWNER && context.wantMaster && !isSyncMember(context),
    canLeaveFaultAlone: ({ context }) => !isSyncMember(context) && !ownFault(context),
    syncReportStale: ({ context }) => isSyncMember(context) && context.lastSyncReport !== syncReportKey(context),
    advertPriorityZero: ({ event }) => advertOf(event)?.priority === PRIORITY_STOP,
    advertHoldsBackup: ({ context, event }) => {
      const advert = advertOf(event);
      return advert !== undefined && advertHoldsBackup(context, advert);
    },
    advertLosesToUs: ({ context, event }) => {
      const advert = advertOf(event);
      return advert !== undefined && advertLosesToUs(context, advert);
    },
    advertBeatsUs: ({ context, event }) => {
      const advert = advertOf(event);
      return advert !== undefined && advertBeatsUs(context, advert);
    },
    ownerConflict: ({ context, event }) => {
      const advert = advertOf(event);
      return (
        advert !== undefined &&
        advert.priority === PRIORITY_OWNER &&
        context.effectivePriority === PRIORITY_OWNER &&
        senderVersusUs(context, advert) !== 0
      );
    },
  },
  delays: {
    masterDownInterval: ({ context }) => masterDownIntervalMs(context),
    skewTime: ({ context }) => skewTimeMs(context),
    /** The Adver_Timer's period: the host's rounds (startAdverTimer) use it; named for the charts. */
    adverInterval: ({ context }) => context.params.advertIntervalMs,
    preemptDelay: ({ context }) => context.params.preemptDelayMs,
    startupDelay: ({ context }) => context.params.startupDelayMs,
  },
});

const machineSetup = base.extend({
  actions: {
    // ---- Timers. ----
    armMasterDownTimer: base.enqueueActions(({ context, enqueue }) => {
      enqueue.cancel(TIMER_IDS.masterDown);
      enqueue.raise({ type: 'MASTER_DOWN_TIMER' }, { id: TIMER_IDS.masterDown, delay: context.skewOnly ? 'skewTime' : 'masterDownInterval' });
      if (context.skewOnly) enqueue.assign({ skewOnly: false });
    }),
    /** Priority 0 received: the master is leaving, take over after Skew_Time only. */
    armSkewTimer: base.enqueueActions(({ enqueue }) => {
      enqueue.cancel(TIMER_IDS.masterDown);
      enqueue.raise({ type: 'MASTER_DOWN_TIMER' }, { id: TIMER_IDS.masterDown, delay: 'skewTime' });
    }),
    cancelMasterDownTimer: base.enqueueActions(({ enqueue }) => enqueue.cancel(TIMER_IDS.masterDown)),
    /** (Re)arms the host's Adver_Timer rounds (one chain per instance: arming again replaces it). */
    armAdverTimer: base.enqueueActions(({ context, enqueue }) => enqueue(startAdverTimer(context))),
    cancelPreemptDelayTimer: base.enqueueActions(({ enqueue }) => enqueue.cancel(TIMER_IDS.preemptDelay)),
    armStartupDelayTimer: base.enqueueActions(({ context, enqueue }) => {
      if (context.startupDelayOver) return;
      enqueue.raise({ type: 'STARTUP_DELAY_TIMER' }, { id: TIMER_IDS.startupDelay, delay: 'startupDelay' });
    }),
    cancelStartupDelayTimer: base.enqueueActions(({ enqueue }) => enqueue.cancel(TIMER_IDS.startupDelay)),
    endStartupDelay: base.enqueueActions(({ enqueue }) => enqueue.assign({ startupDelayOver: true })),

    // ---- Bookkeeping. ----
    recordInterfaceUp: base.enqueueActions(({ enqueue }) => enqueue.assign({ interfaceUp: true })),
    recordInterfaceDown: base.enqueueActions(({ enqueue }) => enqueue.assign({ interfaceUp: false })),
    recordTracked: base.enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'TRACKED') return;
      const tracked = { ...context.tracked, [event.name]: event.state };
      enqueue.assign(withPriority(context, { tracked }));
    }),
    countAdvert: base.enqueueActions(({ enqueue }) => enqueue({ type: 'statsCount', params: { counter: 'advertRcvd' } })),
    countPriorityZeroReceived: base.enqueueActions(({ enqueue }) =>
      enqueue({ type: 'statsCount', params: { counter: 'priZeroRcvd' } }),
    ),
    notifyState: base.enqueueActions(({ context, enqueue }) => {
      const state = roleNotify[context.role];
      if (state !== undefined) enqueue({ type: 'notify', params: notifyParams(context, state) });
    }),
    reportToSyncGroup: base.enqueueActions(({ context, enqueue }) => {
      const group = context.params.syncGroup;
      if (group === undefined) return;
      if (context.role !== 'BACKUP' && context.role !== 'MASTER' && context.role !== 'FAULT') return;
      enqueue.assign({ lastSyncReport: syncReportKey(context) });
      enqueue({
        type: 'syncReport',
        params: {
          group: group.name,
          member: context.params.name,
          state: context.role,
          wantMaster: context.wantMaster,
          ownFault: ownFault(context),
          yielded: context.yielded,
        },
      });
    }),
    wantMaster: base.enqueueActions(({ enqueue }) => enqueue.assign({ wantMaster: true })),

    // ---- Backup (vrrp_state_backup). ----
    enterBackup: base.enqueueActions(({ context, enqueue }) =>
      // leave_master / leave_fault: Master_Adver_Interval back to our own, preempt_time cleared.
      enqueue.assign({
        role: 'BACKUP',
        masterAdverIntervalUs: ownAdverIntervalUs(context.params),
        preemptDelay: 'idle',
      }),
    ),
    /** Accept the sender as master: learn its interval (v3), forget any wish to be master. */
    followMaster: base.enqueueActions(({ context, event, enqueue }) => {
      const advert = advertOf(event);
      if (advert === undefined) return;
      const learned = context.params.version === 3 ? msToUs(advert.maxAdvertIntervalMs) : context.masterAdverIntervalUs;
      enqueue.assign({
        masterAdverIntervalUs: learned,
        masterAddress: advert.sourceAddress,
        masterPriority: advert.priority,
        wantMaster: false,
      });
    }),
    /** preempt_delay starts at the first lower-priority advert and stops at a higher one. */
    trackPreemptDelay: base.enqueueActions(({ context, event, enqueue }) => {
      const advert = advertOf(event);
      if (advert === undefined || context.params.preemptDelayMs <= 0 || context.params.nopreempt) return;
      if (advert.priority >= context.effectivePriority) {
        enqueue.cancel(TIMER_IDS.preemptDelay);
        enqueue.assign({ preemptDelay: 'idle' });
      } else if (context.preemptDelay === 'idle') {
        enqueue.raise({ type: 'PREEMPT_DELAY_TIMER' }, { id: TIMER_IDS.preemptDelay, delay: 'preemptDelay' });
        enqueue.assign({ preemptDelay: 'running' });
      }
    }),
    endPreemptDelay: base.enqueueActions(({ context, enqueue }) => {
      if (context.preemptDelay === 'running') enqueue.assign({ preemptDelay: 'elapsed' });
    }),
    /** A lower-priority master we are about to preempt: note it, leave our timer running. */
    recordPreemptedMaster: base.enqueueActions(({ event, enqueue }) => {
      const advert = advertOf(event);
      if (advert !== undefined) enqueue.assign({ masterAddress: advert.sourceAddress });
    }),

    // ---- Master (vrrp_state_become_master / vrrp_state_master_rx). ----
    enterMaster: base.enqueueActions(({ enqueue }) =>
      enqueue.assign({ role: 'MASTER', wantMaster: true, yielded: false, masterAddress: undefined, masterPriority: undefined }),
    ),
    countBecomeMaster: base.enqueueActions(({ enqueue }) => enqueue({ type: 'statsCount', params: { counter: 'becomeMaster' } })),
    installVips: base.enqueueActions(({ context, enqueue }) =>
      enqueue({ type: 'addVips', params: { accept: context.params.accept } }),
    ),
    advertise: base.enqueueActions(({ context, enqueue }) =>
      enqueue({ type: 'sendAdvert', params: { priority: context.effectivePriority } }),
    ),
    /** Leaving Master: drop addresses; Backup's entry notifies. */
    releaseMaster: base.enqueueActions(({ context, enqueue }) => {
      enqueue({ type: 'removeVips', params: { accept: context.params.accept } });
      enqueue({ type: 'statsCount', params: { counter: 'releaseMaster' } });
      enqueue.assign({ wantMaster: false });
    }),
    /** Releasing mastership towards FAULT, STOP or deletion: priority 0 first, then addresses. */
    abdicate: base.enqueueActions(({ context, enqueue }) => {
      enqueue('sendPriorityZero');
      enqueue({ type: 'statsCount', params: { counter: 'priZeroSent' } });
      enqueue({ type: 'removeVips', params: { accept: context.params.accept } });
      enqueue.assign({ wantMaster: false });
    }),
    /** Mastership given up to be taken back: Backup's Master_Down_Timer runs for Skew_Time only. */
    resumeAfterSkew: base.enqueueActions(({ enqueue }) => enqueue.assign({ skewOnly: true })),
    /** Mastership given up on its own (see InstanceContext.yielded). */
    markYielded: base.enqueueActions(({ enqueue }) => enqueue.assign({ yielded: true })),
    /** Lower-priority advert while Master: re-assert (unless lower_prio_no_advert), notify. */
    answerLowerPriority: base.enqueueActions(({ context, enqueue }) => {
      if (!context.params.lowerPrioNoAdvert)
        enqueue({ type: 'sendAdvert', params: { priority: context.effectivePriority } });
      if (context.params.notifyMasterRxLowerPri)
        enqueue({ type: 'notify', params: notifyParams(context, 'MASTER_RX_LOWER_PRI') });
    }),
    /** higher_prio_send_advert: one last advert so the winner re-sends its GARPs. */
    answerHigherPriority: base.enqueueActions(({ context, enqueue }) => {
      if (context.params.higherPrioSendAdvert)
        enqueue({ type: 'sendAdvert', params: { priority: context.effectivePriority } });
    }),
    /** keepalived re-arms Adver_Timer after any received advert unless lower_prio_no_advert. */
    rearmAdverTimerUnlessQuiet: base.enqueueActions(({ context, enqueue }) => {
      if (!context.params.lowerPrioNoAdvert) enqueue(startAdverTimer(context));
    }),
    /** Two address owners: keepalived logs a configuration error and drops ours to 254. */
    yieldOwnership: base.enqueueActions(({ enqueue }) =>
      enqueue.assign({ basePriority: PRIORITY_OWNER - 1, effectivePriority: PRIORITY_OWNER - 1, wantMaster: false }),
    ),

    // ---- Fault / Stop / Deleted. ----
    enterFault: base.enqueueActions(({ enqueue }) => enqueue.assign({ role: 'FAULT', wantMaster: false, yielded: false })),
    enterStop: base.enqueueActions(({ enqueue }) => enqueue.assign({ role: 'STOP', wantMaster: false })),
    enterDeleted: base.enqueueActions(({ enqueue }) => enqueue.assign({ role: 'DELETED', wantMaster: false })),
  
  },
});

export const vrrpInstanceMachine = machineSetup.createMachine({
  id: 'vrrpInstance',
  context: ({ input }) => initialContext(input),
  initial: 'Initialize',
  on: {
    INTERFACE_UP: { actions: 'recordInterfaceUp' },
    INTERFACE_DOWN: { actions: 'recordInterfaceDown' },
    TRACKED: { actions: 'recordTracked' },
    SHUTDOWN: { target: '.Stop' },
    RELOAD_DELETE: { target: '.Deleted' },
  },
  states: {
    Initialize: {
      description: 'Waiting for vrrp_startup_delay; then FAULT, owner → MASTER, else BACKUP (vrrp_init_state).',
      entry: 'armStartupDelayTimer',
      exit: 'cancelStartupDelayTimer',
      always: [
        { guard: and(['startupDelayOver', 'ownFault']), target: 'Fault' },
        { guard: and(['startupDelayOver', 'startsAsMaster']), target: 'Master' },
        { guard: 'startupDelayOver', target: 'Backup' },
      ],
      on: { STARTUP_DELAY_TIMER: { actions: 'endStartupDelay' } },
    },
    Backup: {
      description: 'RFC 5798 §6.4.2: wait for Master_Down_Timer, re-armed by adverts that hold us back.',
      entry: ['enterBackup', 'notifyState', 'armMasterDownTimer'],
      exit: ['cancelMasterDownTimer', 'cancelPreemptDelayTimer'],
      always: [
        { guard: 'ownFault', target: 'Fault' },
        { guard: 'syncReportStale', actions: 'reportToSyncGroup' },
      ],
      on: {
        ADVERT: [
          { guard: 'advertPriorityZero', actions: ['countAdvert', 'countPriorityZeroReceived', 'armSkewTimer'] },
          { guard: 'advertHoldsBackup', actions: ['countAdvert', 'followMaster', 'trackPreemptDelay', 'armMasterDownTimer'] },
          { actions: ['countAdvert', 'recordPreemptedMaster'] },
        ],
        MASTER_DOWN_TIMER: [
          // A sync group member only wishes; the group decides (vrrp_sync_can_goto_master).
          { guard: 'isSyncMember', actions: ['wantMaster', 'armMasterDownTimer'] },
          { target: 'Master' },
        ],
        PREEMPT_DELAY_TIMER: { actions: 'endPreemptDelay' },
        SYNC_GOTO_MASTER: { guard: 'isSyncMember', target: 'Master' },
        SYNC_GOTO_FAULT: { guard: 'isSyncMember', target: 'Fault' },
      },
    },
    Master: {
      description: 'RFC 5798 §6.4.3: own the addresses, advertise every Adver_Timer.',
      entry: ['enterMaster', 'countBecomeMaster', 'advertise', 'installVips', 'sendGratuitous', 'notifyState', 'armAdverTimer'],
      exit: 'stopAdverTimer',
      always: [
        { guard: 'ownFault', target: 'Fault', actions: 'abdicate' },
        { guard: 'syncReportStale', actions: 'reportToSyncGroup' },
      ],
      on: {
        // What each Adver_Timer round does (the host runs the rounds themselves, see above).
        ADVER_TIMER: { actions: ['advertise', 'armAdverTimer'] },
        ADVERT: [
          { guard: 'advertPriorityZero', actions: ['countAdvert', 'countPriorityZeroReceived', 'advertise', 'rearmAdverTimerUnlessQuiet'] },
          { guard: 'ownerConflict', target: 'Backup', actions: ['countAdvert', 'yieldOwnership', 'releaseMaster'] },
          { guard: 'advertLosesToUs', actions: ['countAdvert', 'answerLowerPriority', 'rearmAdverTimerUnlessQuiet'] },
          { guard: 'advertBeatsUs', target: 'Backup', actions: ['countAdvert', 'answerHigherPriority', 'releaseMaster'] },
          // Equal priority from our own address: keepalived only logs it.
          { actions: ['countAdvert', 'rearmAdverTimerUnlessQuiet'] },
        ],
        SYNC_GOTO_BACKUP: { guard: 'isSyncMember', target: 'Backup', actions: 'releaseMaster' },
        SYNC_GOTO_FAULT: { guard: 'isSyncMember', target: 'Fault', actions: 'abdicate' },
        // keepalived: a sync group's other Masters follow these with priority 0, the group silent.
        ADDRESS_DELETED: { target: 'Backup', actions: ['abdicate', 'markYielded'] },
        VIRTUAL_ITEM_DELETED: { target: 'Backup', actions: ['abdicate', 'resumeAfterSkew', 'markYielded'] },
        SYNC_YIELD: { guard: 'isSyncMember', target: 'Backup', actions: ['abdicate', 'resumeAfterSkew', 'markYielded'] },
        SHUTDOWN: { target: 'Stop', actions: 'abdicate' },
        RELOAD_DELETE: { target: 'Deleted', actions: 'abdicate' },
      },
    },
    Fault: {
      description: 'Interface down or a weight-0 tracked object failed (or the sync group is in FAULT).',
      entry: ['enterFault', 'notifyState'],
      always: [
        // keepalived try_up_instance: recovery always goes through BACKUP.
        { guard: 'canLeaveFaultAlone', target: 'Backup' },
        { guard: 'syncReportStale', actions: 'reportToSyncGroup' },
      ],
      on: {
        SYNC_LEAVE_FAULT: { guard: and(['isSyncMember', 'noOwnFault']), target: 'Backup' },
      },
    },
    Stop: {
      description: 'Shut down (a Master sent priority 0 first).',
      type: 'final',
      entry: ['enterStop', 'notifyState'],
    },
    Deleted: {
      description: 'Removed from the configuration by a reload.',
      type: 'final',
      entry: 'enterDeleted',
    },
  },
});

export type VrrpInstanceMachine = typeof vrrpInstanceMachine;
