import { advertBeatsUs, advertHoldsBackup, advertLosesToUs } from '../../machines/instance/derive.js';
import type { AdvertEvent, InstanceContext } from '../../machines/instance/types.js';

/**
 * What keepalived 2.2.7 logs of an accepted advert, judged against the state it finds us in: a
 * Backup discarding a lower priority (it would preempt), a Master forcing a new election on a lower
 * one, a Master giving way to a higher one. Priority 0 and everything else pass in silence.
 */
export function advertLine(context: InstanceContext, advert: AdvertEvent): string | undefined {
  if (advert.priority === 0) return undefined;
  const ours = context.effectivePriority;
  if (context.role === 'BACKUP' && !advertHoldsBackup(context, advert)) {
    return `received lower priority (${advert.priority}) advert from ${advert.sourceAddress} - discarding`;
  }
  if (context.role !== 'MASTER') return undefined;
  if (advertLosesToUs(context, advert)) {
    return `Received advert from ${advert.sourceAddress} with lower priority ${advert.priority}, ours ${ours}, forcing new election`;
  }
  if (advertBeatsUs(context, advert)) {
    return `Master received advert from ${advert.sourceAddress} with higher priority ${advert.priority}, ours ${ours}`;
  }
  return undefined;
}

/** keepalived's `-D` detail line for an accepted advert: a Backup hearing its Master resign. */
export function advertDetailLine(context: InstanceContext, advert: AdvertEvent): string | undefined {
  return context.role === 'BACKUP' && advert.priority === 0 ? 'Backup received priority 0 advertisement' : undefined;
}
