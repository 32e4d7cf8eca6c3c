/** Shared pieces for model-based and property tests of the instance machine. */
import type { InstanceEvent, InstanceParamsInput } from '../../../../src/machines/index.js';

const US = '10.0.0.5';
const advert = (priority: number, sourceAddress: string, maxAdvertIntervalMs = 1000): InstanceEvent => ({
  type: 'ADVERT',
  priority,
  maxAdvertIntervalMs,
  sourceAddress,
});

/** A finite event alphabet: timers are explicit events, adverts cover every election outcome. */
export const modelEvents: InstanceEvent[] = [
  advert(0, '10.0.0.9'),
  advert(255, '10.0.0.9'),
  advert(200, '10.0.0.9', 500),
  advert(100, '10.0.0.1'),
  advert(100, '10.0.0.9'),
  advert(100, US),
  advert(50, '10.0.0.9'),
  { type: 'MASTER_DOWN_TIMER' },
  { type: 'ADVER_TIMER' },
  { type: 'PREEMPT_DELAY_TIMER' },
  { type: 'STARTUP_DELAY_TIMER' },
  { type: 'INTERFACE_DOWN' },
  { type: 'INTERFACE_UP' },
  { type: 'TRACKED', name: 'script:chk', state: { up: false } },
  { type: 'TRACKED', name: 'script:chk', state: { up: true } },
  { type: 'SYNC_GOTO_MASTER' },
  { type: 'SYNC_GOTO_BACKUP' },
  { type: 'SYNC_YIELD' },
  { type: 'SYNC_GOTO_FAULT' },
  { type: 'SYNC_LEAVE_FAULT' },
  { type: 'ADDRESS_DELETED' },
  { type: 'VIRTUAL_ITEM_DELETED' },
  { type: 'SHUTDOWN' },
  { type: 'RELOAD_DELETE' },
];

const common = { name: 'vi', vrid: 7, priority: 100, primaryAddress: US } as const;

/** Configurations that together exercise every guard branch. */
export const modelInputs: InstanceParamsInput[] = [
  { ...common, tracked: [{ name: 'script:chk', weight: 0, reverse: false }], preemptDelayMs: 2000 },
  { ...common, priority: 255, primaryAddress: '10.0.0.2' },
  { ...common, startupDelayMs: 1000, lowerPrioNoAdvert: true, higherPrioSendAdvert: true, notifyMasterRxLowerPri: true },
  { ...common, nopreempt: true, version: 3 },
  { ...common, syncGroup: { name: 'g', trackingWeight: false }, tracked: [{ name: 'script:chk', weight: -10, reverse: false }] },
];
