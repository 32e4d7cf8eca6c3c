/**
 * Interop with keepalived 2.2.7 — interface down on the master, both roles in parallel (VRRPv3
 * IPv4 multicast, advert_int 0.2 s, and VRRPv2 IPv4 multicast, 1 s): `ip link set … down` on the
 * master's port → it enters FAULT and releases the VIP, the peer takes over within
 * Master_Down_Interval of the last advert; link up again → the higher priority (preempt) takes
 * back. The peers sit on a bridge, so the peer's own carrier stays up. The suite's coverage
 * matrix is at the top of test/support/interop.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { labUnavailable } from '../support/lab.js';
import { masterDownMs, variantName, vipOf, type Variant } from '../support/interop.js';
import { assertGratuitousBurst, assertHoldsVip, elect, lastFrameUs, linkDownOnMaster, onSegment, pairOf, ROLES } from '../support/interop-scenarios.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'tcpdump']);
const variants: readonly Variant[] = [
  { version: 3, family: 'ipv4', unicast: false, auth: 'none', advertIntS: 0.2 },
  { version: 2, family: 'ipv4', unicast: false, auth: 'none', advertIntS: 1 },
];

describe('interop: interface down on the master', { skip: unavailable, concurrency: true }, () => {
  for (const variant of variants) {
    for (const [high, low] of ROLES) {
      it(`${variantName(variant)}: ${high} master / ${low} backup — FAULT, takeover, recovery`, (t) =>
        onSegment(t, variant, high, low, async (seg) => {
          const pair = pairOf(seg);
          await elect(pair);
          const gap = await linkDownOnMaster(seg, pair.high, pair.low, pair.lowPriority);
          t.diagnostic(`${low} takes over ${gap.toFixed(1)} ms after ${high}'s last advert (MDI ${masterDownMs(variant.version, 110, variant.advertIntS).toFixed(1)})`);
          assert.ok(!pair.high.holds(vipOf(variant)), `${high} in FAULT holds no VIP`);
          // Link up: FAULT → BACKUP, then it preempts the lower priority.
          const since = lastFrameUs(seg);
          const backups = pair.high.stateCount('BACKUP');
          pair.high.linkSet('up');
          await pair.high.waitState('BACKUP', backups + 1, 10_000);
          const first = await seg.wire.nextAdvert(`${high} taking back`, pair.high.mac, since, () => true, masterDownMs(variant.version, 150, variant.advertIntS) + 10_000);
          assert.equal(first.advert.priority, pair.highPriority);
          await assertHoldsVip(seg, pair.high);
          await assertGratuitousBurst(seg, pair.high, first);
        }));
    }
  }
});
