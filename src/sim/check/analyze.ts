/**
 * The checkers: they read a run's trace (and nothing else) and judge it.
 *
 * Safety. Two nodes "hear each other" while both daemons run, no interface of either is down and
 * packets get through both ways without loss (delay, jitter, duplication and reordering allowed).
 * Once they have heard each other for longer than the window — the larger Master_Down_Interval
 * of their instances of that VRID plus the paths' longest delay — they must never both be
 * Master of one VRID, and never both hold one VIP.
 *
 * Liveness. Once the network is whole (every pair hears each other, every daemon runs, every
 * interface is up) and the last fault is over, every VRID has exactly one Master within the
 * bound of check/bounds.ts, and keeps exactly one until the end.
 *
 * The trace is a sequence of instants; between two instants nothing changes, so each check is
 * a sweep over those segments (zero-length states inside one instant do not count).
 */
import type { InstanceInfo, TraceEvent } from '../trace.js';
import { roundMs } from '../trace.js';
import type { Verdict } from '../scenario/types.js';
import { livenessBounds } from './bounds.js';
import type { VridBound } from './bounds.js';
import { IntervalMerger } from './intervals.js';

export interface DualMaster {
  readonly vrid: string;
  readonly nodes: readonly [string, string];
  readonly fromMs: number;
  readonly toMs: number;
  /** partition, one-way partition, loss, daemon down, interface down, election (within the window), or violation. */
  readonly cause: string;
}

export interface SafetyViolation {
  readonly what: string;
  readonly nodes: readonly [string, string];
  readonly fromMs: number;
  readonly toMs: number;
  readonly hearingSinceMs: number;
  readonly windowMs: number;
}

export interface VridLiveness {
  readonly vrid: string;
  readonly bound: VridBound;
  /** From when exactly one Master held until the end (undefined: not at the end). */
  readonly oneMasterFromMs: number | undefined;
  readonly ok: boolean;
}

export interface Analysis {
  readonly endMs: number;
  readonly safety: { readonly verdict: Verdict; readonly violations: readonly SafetyViolation[] };
  readonly liveness: {
    readonly verdict: Verdict;
    readonly healedAtMs: number | undefined;
    readonly why: string;
    readonly vrids: readonly VridLiveness[];
  };
  readonly dualMasters: readonly DualMaster[];
  readonly noMaster: readonly { readonly vrid: string; readonly totalMs: number; readonly intervals: readonly { readonly fromMs: number; readonly toMs: number }[] }[];
  readonly transitions: number;
  readonly garps: Readonly<Record<string, number>>;
  readonly notifies: number;
  readonly errors: readonly string[];
}

interface Path {
  state: 'up' | 'lossy' | 'down';
  maxDelayMs: number;
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

class World {
  readonly nodes: string[] = [];
  readonly running = new Map<string, boolean>();
  readonly ifaceDown = new Map<string, Set<string>>();
  readonly paths = new Map<string, Path>();
  /** node → instance → {vrid, state}. */
  readonly roles = new Map<string, Map<string, { vrid: string; state: string }>>();
  readonly vipHolders = new Map<string, Set<string>>();
  /** node → vrid → longest Master_Down_Interval seen. */
  readonly masterDown = new Map<string, Map<string, number>>();
  readonly vipVrids = new Map<string, Set<string>>();
  readonly vrids = new Set<string>();
  readonly infos: InstanceInfo[] = [];
  readonly hearingSince = new Map<string, number>();
  lastFaultMs = 0;

  apply(e: TraceEvent): void {
    switch (e.type) {
      case 'run':
        this.nodes.push(...e.nodes);
        return;
      case 'fault':
        this.lastFaultMs = e.t;
        return;
      case 'config':
        for (const i of e.instances) {
          this.infos.push(i);
          this.vrids.add(i.vrid);
          const byVrid = this.masterDown.get(e.node) ?? new Map<string, number>();
          byVrid.set(i.vrid, Math.max(byVrid.get(i.vrid) ?? 0, i.masterDownMs));
          this.masterDown.set(e.node, byVrid);
          for (const vip of i.vips) this.vipVrids.set(vip, (this.vipVrids.get(vip) ?? new Set()).add(i.vrid));
        }
        return;
      case 'daemon':
        this.running.set(e.node, e.running);
        if (!e.running) this.roles.delete(e.node);
        return;
      case 'iface': {
        const down = this.ifaceDown.get(e.node) ?? new Set<string>();
        if (e.up) down.delete(e.interface);
        else down.add(e.interface);
        this.ifaceDown.set(e.node, down);
        return;
      }
      case 'path':
        this.paths.set(`${e.from}>${e.to}`, { state: e.state, maxDelayMs: e.maxDelayMs });
        return;
      case 'state': {
        const roles = this.roles.get(e.node) ?? new Map();
        roles.set(e.instance, { vrid: e.vrid, state: e.to });
        this.roles.set(e.node, roles);
        return;
      }
      case 'vip': {
        const holders = this.vipHolders.get(e.address) ?? new Set<string>();
        if (e.op === 'add') holders.add(e.node);
        else holders.delete(e.node);
        this.vipHolders.set(e.address, holders);
        return;
      }
      default:
        return;
    }
  }

  path(from: string, to: string): Path {
    return this.paths.get(`${from}>${to}`) ?? { state: 'up', maxDelayMs: 0 };
  }

  /** Why two nodes do not hear each other, or undefined when they do. */
  deafness(a: string, b: string): string | undefined {
    if (!this.running.get(a) || !this.running.get(b)) return 'daemon down';
    if ((this.ifaceDown.get(a)?.size ?? 0) > 0 || (this.ifaceDown.get(b)?.size ?? 0) > 0) return 'interface down';
    const there = this.path(a, b).state;
    const back = this.path(b, a).state;
    if (there === 'down' && back === 'down') return 'partition';
    if (there === 'down' || back === 'down') return 'one-way partition';
    if (there === 'lossy' || back === 'lossy') return 'loss';
    return undefined;
  }

  windowMs(a: string, b: string, vrids: Iterable<string>): number {
    let mdi = 0;
    for (const vrid of vrids) mdi = Math.max(mdi, this.masterDown.get(a)?.get(vrid) ?? 0, this.masterDown.get(b)?.get(vrid) ?? 0);
    return mdi + Math.max(this.path(a, b).maxDelayMs, this.path(b, a).maxDelayMs);
  }

  masters(vrid: string): string[] {
    return this.nodes.filter((node) => this.running.get(node) && [...(this.roles.get(node)?.values() ?? [])].some((r) => r.vrid === vrid && r.state === 'MASTER'));
  }

  /** After an instant: updates since when each pair hears each other. */
  updateHearing(t: number): void {
    for (const [i, a] of this.nodes.entries()) {
      for (const b of this.nodes.slice(i + 1)) {
        const key = pairKey(a, b);
        if (this.deafness(a, b) !== undefined) this.hearingSince.delete(key);
        else if (!this.hearingSince.has(key)) this.hearingSince.set(key, t);
      }
    }
  }

  whole(): boolean {
    return this.nodes.every((a, i) => this.nodes.slice(i + 1).every((b) => this.deafness(a, b) === undefined))
      && this.nodes.every((n) => this.running.get(n) === true);
  }
}

function pairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b] as [T, T]));
}

export function analyze(events: readonly TraceEvent[]): Analysis {
  const world = new World();
  const endEvent = events.find((e) => e.type === 'end');
  const endMs = endEvent?.t ?? events.at(-1)?.t ?? 0;
  const violations = new IntervalMerger<Omit<SafetyViolation, 'fromMs' | 'toMs'>>();
  const duals = new IntervalMerger<{ vrid: string; nodes: [string, string]; cause: string }>();
  const none = new IntervalMerger<{ vrid: string }>();
  const oneMasterSince = new Map<string, number>();
  let wholeSince: number | undefined;
  const garps: Record<string, number> = {};
  let transitions = 0;
  let notifies = 0;
  const errors: string[] = [];

  const judge = (t: number, next: number): void => {
    const found: { key: string; data: Omit<SafetyViolation, 'fromMs' | 'toMs'>; fromMs: number }[] = [];
    const dual: { key: string; data: { vrid: string; nodes: [string, string]; cause: string } }[] = [];
    const empty: { key: string; data: { vrid: string } }[] = [];
    for (const vrid of [...world.vrids].sort()) {
      const masters = world.masters(vrid);
      if (masters.length === 0) empty.push({ key: vrid, data: { vrid } });
      if (masters.length === 1) {
        if (!oneMasterSince.has(vrid)) oneMasterSince.set(vrid, t);
      } else {
        oneMasterSince.delete(vrid);
      }
      for (const [a, b] of pairs(masters)) {
        const since = world.hearingSince.get(pairKey(a, b));
        let cause = world.deafness(a, b) ?? 'election (within the window)';
        if (since !== undefined) {
          const windowMs = world.windowMs(a, b, [vrid]);
          const from = Math.max(t, since + windowMs);
          if (from < next) {
            cause = 'violation';
            found.push({ key: `master ${vrid} ${a} ${b}`, fromMs: roundMs(from), data: { what: `both Master of VRID ${vrid}`, nodes: [a, b], hearingSinceMs: since, windowMs: roundMs(windowMs) } });
          }
        }
        dual.push({ key: `${vrid} ${a} ${b} ${cause}`, data: { vrid, nodes: [a, b], cause } });
      }
    }
    for (const [address, holders] of [...world.vipHolders.entries()].sort()) {
      for (const [a, b] of pairs([...holders].sort())) {
        const since = world.hearingSince.get(pairKey(a, b));
        if (since === undefined) continue;
        const windowMs = world.windowMs(a, b, world.vipVrids.get(address) ?? []);
        const from = Math.max(t, since + windowMs);
        if (from < next) found.push({ key: `vip ${address} ${a} ${b}`, fromMs: roundMs(from), data: { what: `both hold VIP ${address}`, nodes: [a, b], hearingSinceMs: since, windowMs: roundMs(windowMs) } });
      }
    }
    violations.segment(t, next, found);
    duals.segment(t, next, dual);
    none.segment(t, next, empty);
  };

  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.type === 'end' || e.type === 'verdict') break;
    world.apply(e);
    if (e.type === 'garp') garps[e.node] = (garps[e.node] ?? 0) + 1;
    if (e.type === 'state') transitions++;
    if (e.type === 'notify') notifies++;
    if (e.type === 'error') errors.push(e.message);
    const following = events[i + 1];
    const next = following === undefined || following.type === 'end' ? endMs : following.t;
    if (next === e.t) continue;
    // The instant is over: judge the segment [e.t, next).
    world.updateHearing(e.t);
    if (world.whole()) wholeSince ??= e.t;
    else wholeSince = undefined;
    judge(e.t, next);
  }

  const found = violations.finish().map((f) => ({ ...f.data, fromMs: f.fromMs, toMs: roundMs(f.toMs) }));
  const dualMasters = duals.finish().map((f) => ({ ...f.data, fromMs: f.fromMs, toMs: f.toMs }));
  const noMasterIntervals = none.finish();
  const noMaster = [...world.vrids].sort().map((vrid) => {
    const intervals = noMasterIntervals.filter((f) => f.data.vrid === vrid).map((f) => ({ fromMs: f.fromMs, toMs: f.toMs }));
    return { vrid, totalMs: roundMs(intervals.reduce((sum, x) => sum + x.toMs - x.fromMs, 0)), intervals };
  });

  const bounds = livenessBounds(world.infos);
  const healedAtMs = wholeSince === undefined ? undefined : Math.max(wholeSince, world.lastFaultMs);
  let why: string;
  let liveness: Verdict;
  const vrids: VridLiveness[] = [];
  if (healedAtMs === undefined) {
    liveness = 'not-checked';
    why = 'the network is not whole at the end of the run';
  } else {
    for (const vrid of [...world.vrids].sort()) {
      const bound = bounds.get(vrid)!;
      const since = oneMasterSince.get(vrid);
      const oneMasterFromMs = since === undefined ? undefined : Math.max(since, healedAtMs);
      vrids.push({ vrid, bound, oneMasterFromMs, ok: oneMasterFromMs !== undefined && oneMasterFromMs <= healedAtMs + bound.boundMs });
    }
    const longest = Math.max(0, ...vrids.map((v) => v.bound.boundMs));
    if (vrids.every((v) => v.ok)) {
      liveness = 'held';
      why = `one Master per VRID within the bound after ${healedAtMs} ms`;
    } else if (healedAtMs + longest > endMs && vrids.some((v) => v.oneMasterFromMs !== undefined)) {
      liveness = 'not-checked';
      why = 'the run ends before the bound has passed';
    } else {
      liveness = 'violated';
      why = `no single Master within the bound after the network healed at ${healedAtMs} ms`;
    }
  }
  return {
    endMs,
    safety: { verdict: found.length > 0 ? 'violated' : 'held', violations: found },
    liveness: { verdict: liveness, healedAtMs, why, vrids },
    dualMasters,
    noMaster,
    transitions,
    garps,
    notifies,
    errors,
  };
}

/** 0 every invariant held; 1 safety violated; 2 liveness violated; 3 the simulator failed. */
export const EXIT = { ok: 0, safety: 1, liveness: 2, error: 3 } as const;

export function exitCodeOf(analysis: Analysis): number {
  if (analysis.errors.length > 0) return EXIT.error;
  if (analysis.safety.verdict === 'violated') return EXIT.safety;
  if (analysis.liveness.verdict === 'violated') return EXIT.liveness;
  return EXIT.ok;
}

export function violationLines(analysis: Analysis): string[] {
  const lines = analysis.safety.violations.map((v) =>
    `safety: ${v.nodes[0]} and ${v.nodes[1]} ${v.what} from ${v.fromMs} to ${v.toMs} ms while hearing each other since ${v.hearingSinceMs} ms (window ${v.windowMs} ms)`);
  if (analysis.liveness.verdict === 'violated') {
    for (const v of analysis.liveness.vrids.filter((x) => !x.ok)) {
      lines.push(`liveness: VRID ${v.vrid} has ${v.oneMasterFromMs === undefined ? 'no single Master at the end' : `a single Master only from ${v.oneMasterFromMs} ms`} (healed at ${analysis.liveness.healedAtMs} ms, bound ${v.bound.boundMs} ms)`);
    }
  }
  return [...lines, ...analysis.errors.map((e) => `simulator error: ${e}`)];
}
