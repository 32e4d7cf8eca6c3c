// Cost of one Master's Adver_Timer round in the instance machine (the daemon's hottest path: one
// per instance per advert_int): time and heap allocated per round, with the shared provided
// machine the daemon runs and no-op effects. Run with a young generation large enough that no
// collection happens while measuring (npm run bench:instance-step does), so the heap growth is
// the allocation.
import { createActor } from 'xstate';
import v8 from 'node:v8';
import { bindEffects, providedInstanceMachine } from '../src/actors/vrrp/instance-machine.js';
import type { InstanceParamsInput } from '../src/machines/index.js';
import { SteppingClock } from '../test/unit/machines/support/clock.js';

const ROUNDS = Number(process.argv[2] ?? 20_000);
const WARMUP_ROUNDS = 5_000;
const ADVERT_INT_MS = 1000;

const clock = new SteppingClock();
let sent = 0;
const input: InstanceParamsInput = { name: 'VI_1', vrid: 7, priority: 255, primaryAddress: '10.0.0.5' };
const actor = createActor(providedInstanceMachine, { input, clock });
bindEffects(actor, {
  sendAdvert: () => void sent++,
  addVips: () => undefined,
  removeVips: () => undefined,
  sendGratuitous: () => undefined,
  notify: () => undefined,
  statsCount: () => undefined,
  syncReport: () => undefined,
});
actor.subscribe(() => undefined); // the host subscribes too
actor.start();
clock.advanceBy(ADVERT_INT_MS);
if (actor.getSnapshot().value !== 'Master') throw new Error(`expected Master, got ${JSON.stringify(actor.getSnapshot().value)}`);

for (let i = 0; i < WARMUP_ROUNDS; i++) clock.advanceBy(ADVERT_INT_MS);
const heapBefore = v8.getHeapStatistics().used_heap_size;
const sentBefore = sent;
const startMs = performance.now();
for (let i = 0; i < ROUNDS; i++) clock.advanceBy(ADVERT_INT_MS);
const elapsedMs = performance.now() - startMs;
const allocated = v8.getHeapStatistics().used_heap_size - heapBefore;
if (sent - sentBefore !== ROUNDS) throw new Error(`sent ${sent - sentBefore} adverts in ${ROUNDS} rounds`);
console.log(`Adver_Timer round (node ${process.version}, ${ROUNDS} rounds): ${((elapsedMs * 1000) / ROUNDS).toFixed(2)} µs, ${(allocated / ROUNDS).toFixed(0)} bytes allocated`);
