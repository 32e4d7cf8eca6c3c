/**
 * keepalived's notification formats, as measured against keepalived 2.2.7 (test/lab/notify-*):
 * the four words the generic `notify` script gets, the notify FIFO lines, the SMTP alert
 * subjects and bodies.
 */

/** A state as notifications name it (INIT is never notified). */
export type NotifyState = 'MASTER' | 'BACKUP' | 'FAULT' | 'STOP' | 'DELETED';

/** What a FIFO line may report besides a state. */
export type FifoEvent = NotifyState | 'MASTER_RX_LOWER_PRI' | 'MASTER_PRIORITY' | 'BACKUP_PRIORITY';

export type Subject = { readonly kind: 'INSTANCE' | 'GROUP'; readonly name: string };

/** Appended to the generic `notify` script's own words: `INSTANCE VI_1 MASTER 100`, groups report priority 0. */
export function genericNotifyArgs(subject: Subject, state: NotifyState, priority: number): string[] {
  return [subject.kind, subject.name, state, String(subject.kind === 'GROUP' ? 0 : priority)];
}

/** `INSTANCE "VI_1" MASTER 100` (no newline: the writer ends the line). */
export function fifoLine(subject: Subject, event: FifoEvent, priority: number): string {
  return `${subject.kind} "${subject.name}" ${event} ${subject.kind === 'GROUP' ? 0 : priority}`;
}

/** Subject and body of a VRRP alert, or undefined for states keepalived sends no mail for. */
export function vrrpAlert(routerId: string, subject: Subject, state: NotifyState): { subject: string; body: string } | undefined {
  const what = subject.kind === 'GROUP' ? 'Group' : 'Instance';
  const headline = ALERT_HEADLINES[state];
  const body = subject.kind === 'GROUP' ? GROUP_BODIES[state] : INSTANCE_BODIES[state];
  if (headline === undefined || body === undefined) return undefined;
  return { subject: `[${routerId}] VRRP ${what} ${subject.name} - ${headline}`, body };
}

const ALERT_HEADLINES: Partial<Record<NotifyState, string>> = {
  MASTER: 'Entering MASTER state',
  BACKUP: 'Entering BACKUP state',
  FAULT: 'Entering FAULT state',
  STOP: 'Stopping',
};

const INSTANCE_BODIES: Partial<Record<NotifyState, string>> = {
  MASTER: '=> VRRP Instance is now owning VRRP VIPs <=',
  BACKUP: '=> VRRP Instance is no longer owning VRRP VIPs <=',
  FAULT: '=> VRRP Instance is no longer owning VRRP VIPs <=',
  STOP: '=> VRRP Instance stopping <=',
};

const GROUP_BODIES: Partial<Record<NotifyState, string>> = {
  MASTER: '=> All VRRP group instances are now in MASTER state <=',
  BACKUP: '=> All VRRP group instances are now in BACKUP state <=',
  FAULT: '=> All VRRP group instances are now in FAULT state <=',
  STOP: '=> All VRRP group instances are now stopping <=',
};
