/**
 * The machines' event, guard and delay names in the words of RFC 5798 (and keepalived's
 * configuration keywords where the RFC has none), so a chart reads like §6.4 rather than like
 * the code. A unit test fails when a machine uses a name missing here.
 */

export const EVENT_WORDS: Readonly<Record<string, string>> = {
  // VRRP instance (RFC 5798 §6.4).
  ADVERT: 'ADVERTISEMENT received',
  MASTER_DOWN_TIMER: 'Master_Down_Timer fires',
  ADVER_TIMER: 'Adver_Timer fires',
  PREEMPT_DELAY_TIMER: 'preempt_delay elapses',
  STARTUP_DELAY_TIMER: 'vrrp_startup_delay elapses',
  SHUTDOWN: 'Shutdown event',
  RELOAD_DELETE: 'removed from the configuration (reload)',
  ADDRESS_DELETED: 'the address adverts leave from is deleted',
  VIRTUAL_ITEM_DELETED: 'someone else deletes a virtual address, route or rule',
  INTERFACE_UP: 'interface comes up',
  INTERFACE_DOWN: 'interface goes down',
  TRACKED: 'a tracked object changes',
  SYNC_GOTO_MASTER: 'sync group orders MASTER',
  SYNC_GOTO_BACKUP: 'sync group orders BACKUP',
  SYNC_YIELD: 'sync group gives mastership up (another member did)',
  SYNC_GOTO_FAULT: 'sync group orders FAULT',
  SYNC_LEAVE_FAULT: 'sync group releases FAULT',
  // Sync group.
  MEMBER_REPORT: 'a member reports its state',
  // vrrp_script check.
  RESULT: 'the script exits (or times out)',
  STOP: 'the check is stopped',
};

export const GUARD_WORDS: Readonly<Record<string, string>> = {
  // VRRP instance.
  advertPriorityZero: 'Priority = 0 (the Master is leaving)',
  advertHoldsBackup: 'Priority ≥ local priority, or Preempt_Mode = False (or preempt_delay running)',
  advertBeatsUs: 'priority > local priority (or equal and higher primary address)',
  advertLosesToUs: 'priority < local priority (or equal and lower primary address)',
  ownerConflict: 'both priority 255 (two address owners)',
  isSyncMember: 'member of a sync group',
  startupDelayOver: 'vrrp_startup_delay over',
  ownFault: 'interface down or a tracked object failed',
  noOwnFault: 'no own fault',
  startsAsMaster: 'Priority = 255 (address owner), not in a sync group',
  canLeaveFaultAlone: 'fault cleared, not in a sync group',
  syncReportStale: 'sync group not yet told this state',
  // Sync group.
  anyOwnFault: 'a member has its own fault',
  allReported: 'every member has reported',
  allWantMaster: 'every member wants MASTER',
  reporterIsBackup: 'the member is BACKUP',
  reporterYielded: 'the member gave mastership up on its own',
  reporterWantsMasterOutsideMaster: 'the member is BACKUP and wants MASTER',
};

export const DELAY_WORDS: Readonly<Record<string, string>> = {
  masterDownInterval: 'Master_Down_Interval',
  skewTime: 'Skew_Time',
  adverInterval: 'Advertisement_Interval',
  preemptDelay: 'preempt_delay',
  startupDelay: 'vrrp_startup_delay',
  interval: 'interval',
};

/**
 * Timers the instance machine raises to itself (delayed `raise`, so XState's JSON cannot say
 * which delay an event comes from): event → the named delays that schedule it.
 * MASTER_DOWN_TIMER is re-armed with Skew_Time alone after a priority-0 advert (§6.4.2).
 */
export const TIMER_EVENTS: Readonly<Record<string, readonly string[]>> = {
  MASTER_DOWN_TIMER: ['masterDownInterval', 'skewTime'],
  ADVER_TIMER: ['adverInterval'],
  PREEMPT_DELAY_TIMER: ['preemptDelay'],
  STARTUP_DELAY_TIMER: ['startupDelay'],
};

export function eventWords(event: string): string {
  return EVENT_WORDS[event] ?? event;
}

export function delayWords(delay: string): string {
  return DELAY_WORDS[delay] ?? delay;
}

/** A guard as the charts' JSON has it: a name, or `{ and | or | not: [...] }`. */
export type GuardSpec = string | { readonly [combinator: string]: readonly GuardSpec[] };

export function guardWords(guard: GuardSpec): string {
  if (typeof guard === 'string') return GUARD_WORDS[guard] ?? guard;
  const [combinator, parts] = Object.entries(guard)[0] ?? ['and', []];
  const words = parts.map(guardWords);
  if (combinator === 'not') return `not (${words.join(', ')})`;
  return words.join(combinator === 'or' ? ' or ' : ' and ');
}

/** Every name a guard spec mentions (for the coverage test). */
export function guardNames(guard: GuardSpec): string[] {
  if (typeof guard === 'string') return [guard];
  return Object.values(guard).flatMap((parts) => parts.flatMap(guardNames));
}
