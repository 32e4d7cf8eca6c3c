// Cost of one Master's Adver_Timer round as the daemon runs it (one per instance per advert_int,
// the daemon's hottest path): the AdverTimer firing on the clock and the AdvertSender laying out
// the datagram, with a link that drops it (no system call). Time and heap allocated per round, for
// a VRRPv2 advert without and with AH. Run with a young generation large enough that no collection
// happens while measuring (npm run bench:instance-step does), so the heap growth is the allocation.
import v8 from 'node:v8';
import { AdverTimer } from '../src/actors/vrrp/adver-timer.js';
import { AdvertSender } from '../src/actors/vrrp/advert-sender.js';
import { instanceSettings } from '../src/actors/vrrp/params.js';
import { nodeHmacMd5 } from '../src/io/crypto.js';
import type { VrrpLink } from '../src/ports/vrrp-link.js';
import { parseConfig } from '../test/unit/actors/vrrp/harness.js';
import { SteppingClock } from '../test/unit/machines/support/clock.js';

const ROUNDS = Number(process.argv[2] ?? 20_000);
const WARMUP_ROUNDS = 5_000;
const ADVERT_INT_MS = 1000;

function measure(label: string, auth: string): string {
  const config = parseConfig(`vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 7\n priority 200\n${auth}\n virtual_ipaddress {\n 10.0.0.100/24\n 10.0.0.101/24\n }\n}\n`);
  const result = instanceSettings(config, config.vrrp.instances[0]!);
  if (!result.ok) throw new Error(result.error);
  let sent = 0;
  const link: VrrpLink = { sourceAddress: '10.0.0.5', send: () => void sent++, close: () => undefined };
  const sender = new AdvertSender(result.settings, link, nodeHmacMd5, false);
  const clock = new SteppingClock();
  const timer = new AdverTimer(clock, () => sender.send(200));
  timer.start(ADVERT_INT_MS);
  for (let i = 0; i < WARMUP_ROUNDS; i++) clock.advanceBy(ADVERT_INT_MS);
  const heapBefore = v8.getHeapStatistics().used_heap_size;
  const sentBefore = sent;
  const startMs = performance.now();
  for (let i = 0; i < ROUNDS; i++) clock.advanceBy(ADVERT_INT_MS);
  const elapsedMs = performance.now() - startMs;
  const allocated = v8.getHeapStatistics().used_heap_size - heapBefore;
  if (sent - sentBefore !== ROUNDS) throw new Error(`sent ${sent - sentBefore} adverts in ${ROUNDS} rounds`);
  return `${label}: ${((elapsedMs * 1000) / ROUNDS).toFixed(2)} µs, ${(allocated / ROUNDS).toFixed(0)} bytes allocated`;
}

console.log(`Adver_Timer round (node ${process.version}, ${ROUNDS} rounds)`);
console.log(measure('VRRPv2, no authentication', ''));
console.log(measure('VRRPv2, AH', ' authentication {\n  auth_type AH\n  auth_pass secret\n }'));
