/**
 * Interop with keepalived 2.2.7 — VRRPv2, IPv4 multicast, no authentication, advert_int 1 s:
 * RFC 3768 timing measured on the wire, in both roles (two segments in parallel): election with
 * 5 gratuitous ARPs, SIGKILL → takeover within Master_Down_Interval (prio 110: 3570.3 ms),
 * restart with preempt → take-back, SIGTERM → priority 0 and handover within Skew_Time (570.3 ms).
 * The suite's coverage matrix is at the top of test/support/interop.ts.
 */
import { describe, it } from 'node:test';
import { labUnavailable } from '../support/lab.js';
import { variantName, type Variant } from '../support/interop.js';
import { failoverCycle, onSegment, ROLES } from '../support/interop-scenarios.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'tcpdump']);
const variant: Variant = { version: 2, family: 'ipv4', unicast: false, auth: 'none', advertIntS: 1 };

describe(`interop ${variantName(variant)}: failover timing`, { skip: unavailable, concurrency: true }, () => {
  for (const [high, low] of ROLES) {
    it(`${high} master (150) / ${low} backup (110): election, SIGKILL, preempt, SIGTERM`, (t) =>
      onSegment(t, variant, high, low, async (seg) => {
        const figures = await failoverCycle(seg);
        t.diagnostic(`${low} as backup: SIGKILL takeover ${figures.killTakeoverMs.toFixed(1)} ms (MDI 3570.3), SIGTERM handover ${figures.termHandoverMs.toFixed(1)} ms (skew 570.3)`);
      }));
  }
});
