/**
 * The liveness bound, from the configured intervals: once the network is whole again (and the
 * last fault is over), every VRID has exactly one Master within
 *
 *   vrrp_startup_delay + Master_Down_Interval + Advertisement_Interval (+ script settle)
 *
 * taking, over every configuration the run used for that VRID, the longest of each: a node that
 * just (re)started waits out its startup delay, then the slowest backup (lowest priority: the
 * longest skew) declares itself Master after Master_Down_Interval, and any other Master that
 * may have risen at the same time hears its advert within one interval and steps down. With
 * tracked scripts, a script fault's new result first takes up to (max(rise, fall) + 1) intervals
 * plus the runs' timeouts to reach the instance (the longest over the VRID's configurations).
 */
import type { InstanceInfo } from '../trace.js';
import { roundMs } from '../trace.js';

export interface VridBound {
  readonly vrid: string;
  readonly boundMs: number;
  readonly startupDelayMs: number;
  readonly masterDownMs: number;
  readonly advertIntMs: number;
  /** Present when an instance of the VRID tracks scripts. */
  readonly scriptSettleMs?: number;
}

export function livenessBounds(instances: Iterable<InstanceInfo>): Map<string, VridBound> {
  const byVrid = new Map<string, VridBound>();
  for (const i of instances) {
    const seen = byVrid.get(i.vrid);
    const startupDelayMs = Math.max(seen?.startupDelayMs ?? 0, i.startupDelayMs);
    const masterDownMs = Math.max(seen?.masterDownMs ?? 0, i.masterDownMs);
    const advertIntMs = Math.max(seen?.advertIntMs ?? 0, i.advertIntMs);
    const settle = Math.max(seen?.scriptSettleMs ?? 0, i.scriptSettleMs ?? 0);
    byVrid.set(i.vrid, {
      vrid: i.vrid,
      startupDelayMs,
      masterDownMs,
      advertIntMs,
      ...(settle > 0 ? { scriptSettleMs: settle } : {}),
      boundMs: roundMs(startupDelayMs + masterDownMs + advertIntMs + settle),
    });
  }
  return byVrid;
}

export function describeBound(b: VridBound): string {
  const settle = b.scriptSettleMs === undefined ? '' : ` + track_script settle ${b.scriptSettleMs}`;
  return `vrrp_startup_delay ${b.startupDelayMs} + Master_Down_Interval ${b.masterDownMs} + Advert_Interval ${b.advertIntMs}${settle} = ${b.boundMs} ms`;
}
