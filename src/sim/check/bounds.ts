/**
 * The liveness bound, from the configured intervals: once the network is whole again (and the
 * last fault is over), every VRID has exactly one Master within
 *
 *   vrrp_startup_delay + Master_Down_Interval + Advertisement_Interval
 *
 * taking, over every configuration the run used for that VRID, the longest of each: a node that
 * just (re)started waits out its startup delay, then the slowest backup (lowest priority: the
 * longest skew) declares itself Master after Master_Down_Interval, and any other Master that
 * may have risen at the same time hears its advert within one interval and steps down.
 */
import type { InstanceInfo } from '../trace.js';
import { roundMs } from '../trace.js';

export interface VridBound {
  readonly vrid: string;
  readonly boundMs: number;
  readonly startupDelayMs: number;
  readonly masterDownMs: number;
  readonly advertIntMs: number;
}

export function livenessBounds(instances: Iterable<InstanceInfo>): Map<string, VridBound> {
  const byVrid = new Map<string, VridBound>();
  for (const i of instances) {
    const seen = byVrid.get(i.vrid);
    const startupDelayMs = Math.max(seen?.startupDelayMs ?? 0, i.startupDelayMs);
    const masterDownMs = Math.max(seen?.masterDownMs ?? 0, i.masterDownMs);
    const advertIntMs = Math.max(seen?.advertIntMs ?? 0, i.advertIntMs);
    byVrid.set(i.vrid, { vrid: i.vrid, startupDelayMs, masterDownMs, advertIntMs, boundMs: roundMs(startupDelayMs + masterDownMs + advertIntMs) });
  }
  return byVrid;
}

export function describeBound(b: VridBound): string {
  return `vrrp_startup_delay ${b.startupDelayMs} + Master_Down_Interval ${b.masterDownMs} + Advert_Interval ${b.advertIntMs} = ${b.boundMs} ms`;
}
