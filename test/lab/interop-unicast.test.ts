/**
 * Interop with keepalived 2.2.7 — unicast (unicast_src_ip / unicast_peer): VRRPv2 IPv4 with PASS
 * authentication (advert_int 1 s), VRRPv3 IPv4 and VRRPv3 IPv6 (global addresses, advert_int
 * 0.2 s), each in both roles, all six segments in parallel: election with gratuitous ARPs / NAs,
 * SIGKILL → takeover within Master_Down_Interval, preempt, SIGTERM → priority 0 and handover
 * within Skew_Time. The suite's coverage matrix is at the top of test/support/interop.ts.
 */
import { describe, it } from 'node:test';
import { labUnavailable } from '../support/lab.js';
import { masterDownMs, skewMs, variantName, type Variant } from '../support/interop.js';
import { failoverCycle, onSegment, ROLES } from '../support/interop-scenarios.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'tcpdump']);
const variants: readonly Variant[] = [
  { version: 2, family: 'ipv4', unicast: true, auth: 'pass', advertIntS: 1 },
  { version: 3, family: 'ipv4', unicast: true, auth: 'none', advertIntS: 0.2 },
  { version: 3, family: 'ipv6', unicast: true, auth: 'none', advertIntS: 0.2 },
];

describe('interop unicast: failover', { skip: unavailable, concurrency: true }, () => {
  for (const variant of variants) {
    for (const [high, low] of ROLES) {
      it(`${variantName(variant)}: ${high} master / ${low} backup`, (t) =>
        onSegment(t, variant, high, low, async (seg) => {
          const f = await failoverCycle(seg);
          const mdi = masterDownMs(variant.version, 110, variant.advertIntS).toFixed(1);
          const skew = skewMs(variant.version, 110, variant.advertIntS).toFixed(1);
          t.diagnostic(`${low} as backup: SIGKILL takeover ${f.killTakeoverMs.toFixed(1)} ms (MDI ${mdi}), SIGTERM handover ${f.termHandoverMs.toFixed(1)} ms (skew ${skew})`);
        }));
    }
  }
});
