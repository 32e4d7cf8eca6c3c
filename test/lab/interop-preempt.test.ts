/**
 * Interop with keepalived 2.2.7 — nopreempt, VRRPv3 IPv4 multicast, advert_int 0.1 s, both roles
 * in parallel: the higher priority (nopreempt, state BACKUP on both) wins the election, is
 * SIGKILLed (the backup takes over within Master_Down_Interval), restarts and does NOT take back:
 * it stays silent as backup while the lower priority keeps the VIP. (Preempting take-back is in
 * the failover files.) The suite's coverage matrix is at the top of test/support/interop.ts.
 */
import { describe, it } from 'node:test';
import { labUnavailable } from '../support/lab.js';
import { masterDownMs, variantName, type Variant } from '../support/interop.js';
import { elect, killMaster, onSegment, pairOf, restartHigh, ROLES } from '../support/interop-scenarios.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'tcpdump']);
const variant: Variant = { version: 3, family: 'ipv4', unicast: false, auth: 'none', advertIntS: 0.1 };

describe(`interop ${variantName(variant)}: nopreempt`, { skip: unavailable, concurrency: true }, () => {
  for (const [high, low] of ROLES) {
    it(`${high} (150, nopreempt) / ${low} (110): restarted higher priority stays backup`, (t) =>
      onSegment(t, variant, high, low, async (seg) => {
        const pair = pairOf(seg, { nopreempt: true });
        await elect(pair);
        const gap = await killMaster(seg, pair.high, pair.low, pair.lowPriority);
        // 20 of the master's adverts and more than twice the restarted peer's Master_Down_Interval.
        await restartHigh(pair, false, 2000);
        t.diagnostic(`${low} as backup: SIGKILL takeover ${gap.toFixed(1)} ms (MDI ${masterDownMs(3, 110, 0.1).toFixed(1)})`);
      }));
  }
});
