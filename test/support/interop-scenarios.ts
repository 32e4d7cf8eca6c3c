/**
 * The interop scenarios, written once for both roles: `high` and `low` are two peers of a
 * Segment, either of them ours or keepalived. Each step asserts on the wire (decoded with our
 * codec) and on the addresses the kernel holds, and returns what it measured.
 *
 * Timing bounds: the backup restarts its timer when it receives the master's advert, a few µs
 * after the capture saw it, so its first advert can never come before Master_Down_Interval (or
 * Skew_Time after a priority 0) minus capture noise (EARLY_MS); it may come later by scheduling
 * latency on a shared 2-core machine, bounded by LATE_MS.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import {
  instanceConfig, masterDownMs, Segment, skewMs, sleep, until, vipOf, VRID,
  type AdvertFrame, type Impl, type Node, type Variant,
} from './interop.js';

export const EARLY_MS = 2;
export const LATE_MS = 250;

export interface Pair {
  readonly seg: Segment;
  readonly high: Node;
  readonly low: Node;
  readonly highPriority: number;
  readonly lowPriority: number;
  readonly highConfig: string;
  readonly lowConfig: string;
}

export function lastFrameUs(seg: Segment): number {
  return seg.wire.frames().at(-1)?.timeUs ?? 0;
}

function describe(node: Node): string {
  return `${node.label} (${node.impl})`;
}

/** Every advert on the wire so far validates as its peer would check it. */
export function assertAllAdvertsValid(seg: Segment): void {
  const bad = seg.wire.adverts().filter((a) => a.valid !== true);
  assert.deepEqual(bad.map((a) => `${a.source} prio ${a.advert.priority}: ${String(a.valid)}`), [], 'every advert on the wire validates');
}

/** Waits until `node` holds the VIP (per `ip -j addr`) and the other peer, if running, does not. */
export async function assertHoldsVip(seg: Segment, node: Node, timeoutMs = 3000): Promise<void> {
  const vip = vipOf(seg.variant);
  const other = seg.other(node);
  await until(`${describe(node)} holding ${vip} alone`, () => node.holds(vip) && !(other.running && other.holds(vip)), timeoutMs).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${describe(node)}: ${node.addresses().join(' ')}\n${describe(other)}: ${other.addresses().join(' ')}`);
  });
}

/**
 * The new master's gratuitous ARPs (IPv4) or unsolicited NAs (IPv6) for the VIP: 5 at once
 * (keepalived's garp_master_repeat 5, garp_interval 0) around its first advert as master.
 */
export async function assertGratuitousBurst(seg: Segment, node: Node, firstAdvert: AdvertFrame): Promise<void> {
  const vip = vipOf(seg.variant);
  const inWindow = () => seg.wire.gratuitous(node.mac, vip).filter((g) => g.timeUs >= firstAdvert.timeUs - 500_000 && g.timeUs <= firstAdvert.timeUs + 1_000_000);
  const kind = seg.variant.family === 'ipv4' ? 'gratuitous ARPs' : 'unsolicited NAs';
  await until(`5 ${kind} from ${describe(node)}`, () => inWindow().length >= 5, 3000).catch(() => undefined);
  await sleep(100);
  const seen = inWindow();
  // A new master that hears a lower-priority advert during the takeover answers it with another
  // 5 (keepalived does, and so do we): whole bursts of 5, the first one judged here.
  assert.ok(seen.length >= 5 && seen.length % 5 === 0, `${describe(node)} sends bursts of 5 ${kind} for ${vip} on becoming master (${seen.length})`);
  const burst = seen.slice(0, 5);
  const spreadMs = (burst.at(-1)!.timeUs - burst[0]!.timeUs) / 1000;
  assert.ok(spreadMs < LATE_MS, `the 5 ${kind} go out at once, not spaced by an interval (spread ${spreadMs} ms)`);
  assert.ok(burst.every((g) => g.kind === (seg.variant.family === 'ipv4' ? 'garp' : 'na')), kind);
}

/**
 * Election: `high` starts alone and becomes master (its first advert, VIP, gratuitous burst),
 * then `low` starts and settles as backup: it sends nothing and holds nothing.
 */
export async function elect(p: Pair): Promise<AdvertFrame> {
  const { seg, high, low } = p;
  const v = seg.variant;
  const since = lastFrameUs(seg);
  high.start(p.highConfig);
  const first = await seg.wire.nextAdvert(`${describe(high)}'s first advert`, high.mac, since, (a) => a.advert.priority === p.highPriority, masterDownMs(v.version, p.highPriority, v.advertIntS) + 15_000);
  await assertHoldsVip(seg, high);
  await assertGratuitousBurst(seg, high, first);
  const lowStarted = lastFrameUs(seg);
  low.start(p.lowConfig);
  await low.waitState('BACKUP');
  // A few adverts from the master after the backup is up.
  await sleep(Math.max(3 * v.advertIntS * 1000, 600));
  assert.deepEqual(seg.wire.adverts(low.mac).filter((a) => a.timeUs > lowStarted).map((a) => a.advert.priority), [], `${describe(low)} stays silent as backup`);
  assert.ok(seg.wire.adverts(high.mac).filter((a) => a.timeUs > lowStarted).length >= 2, 'the master keeps advertising');
  await assertHoldsVip(seg, high);
  assertAllAdvertsValid(seg);
  return first;
}

/**
 * The backup's takeover after the master fell silent at wire time `sinceUs`: its first advert,
 * measured from the master's last, within Master_Down_Interval (of the backup's priority) +
 * LATE_MS; then the VIP and the gratuitous burst. Returns the gap in ms.
 */
async function takeover(seg: Segment, master: Node, backup: Node, backupPriority: number, sinceUs: number): Promise<number> {
  const v = seg.variant;
  const mdi = masterDownMs(v.version, backupPriority, v.advertIntS);
  const first = await seg.wire.nextAdvert(`${describe(backup)} taking over`, backup.mac, sinceUs, () => true, mdi + 10_000);
  assert.equal(first.advert.priority, backupPriority);
  // Read once the takeover is on the wire: tcpdump may still have been writing the last advert.
  const last = seg.wire.adverts(master.mac).filter((a) => a.timeUs < first.timeUs).at(-1);
  assert.ok(last !== undefined && last.advert.priority > 0, 'the master was advertising');
  const gapMs = (first.timeUs - last.timeUs) / 1000;
  assert.ok(gapMs >= mdi - EARLY_MS && gapMs <= mdi + LATE_MS, `${describe(backup)} takes over ${gapMs.toFixed(1)} ms after the last advert; Master_Down_Interval ${mdi.toFixed(1)} ms`);
  await assertHoldsVip(seg, backup);
  await assertGratuitousBurst(seg, backup, first);
  assertAllAdvertsValid(seg);
  return gapMs;
}

/** SIGKILL of the master (no priority 0): the backup takes over within Master_Down_Interval. */
export async function killMaster(seg: Segment, master: Node, backup: Node, backupPriority: number): Promise<number> {
  const since = lastFrameUs(seg);
  await master.kill();
  return takeover(seg, master, backup, backupPriority, since);
}

/**
 * SIGTERM of the master: it sends priority 0 and releases the VIP; the backup's first advert
 * follows within Skew_Time (+ LATE_MS). Returns the gap in ms.
 */
export async function terminateMaster(seg: Segment, master: Node, backup: Node, backupPriority: number): Promise<number> {
  const v = seg.variant;
  const since = lastFrameUs(seg);
  await master.terminate();
  const zero = await seg.wire.nextAdvert(`${describe(master)}'s priority 0 advert`, master.mac, since, (a) => a.advert.priority === 0, 3000);
  const skew = skewMs(v.version, backupPriority, v.advertIntS);
  const first = await seg.wire.nextAdvert(`${describe(backup)} taking over`, backup.mac, zero.timeUs, () => true, skew + 10_000);
  assert.equal(first.advert.priority, backupPriority);
  assert.equal(seg.wire.adverts(master.mac).filter((a) => a.timeUs > zero.timeUs).length, 0, 'nothing after priority 0');
  const gapMs = (first.timeUs - zero.timeUs) / 1000;
  assert.ok(gapMs >= skew - EARLY_MS && gapMs <= skew + LATE_MS, `${describe(backup)} takes over ${gapMs.toFixed(1)} ms after priority 0; Skew_Time ${skew.toFixed(1)} ms`);
  assert.ok(!master.holds(vipOf(v)), `${describe(master)} released the VIP`);
  await assertHoldsVip(seg, backup);
  await assertGratuitousBurst(seg, backup, first);
  assertAllAdvertsValid(seg);
  return gapMs;
}

/**
 * `high` restarts while `low` is master. With preempt it takes the VIP back (its first advert at
 * its own priority, `low` falls silent); with nopreempt it stays backup for `watchMs`.
 */
export async function restartHigh(p: Pair, preempt: boolean, watchMs: number): Promise<void> {
  const { seg, high, low } = p;
  const v = seg.variant;
  const since = lastFrameUs(seg);
  high.start(p.highConfig);
  await high.waitState('BACKUP');
  if (preempt) {
    const first = await seg.wire.nextAdvert(`${describe(high)} taking back`, high.mac, since, () => true, masterDownMs(v.version, p.highPriority, v.advertIntS) + 10_000);
    assert.equal(first.advert.priority, p.highPriority);
    await assertHoldsVip(seg, high);
    await assertGratuitousBurst(seg, high, first);
    await sleep(Math.max(2 * v.advertIntS * 1000, 500));
    const lowAfter = seg.wire.adverts(low.mac).filter((a) => a.timeUs > first.timeUs + 100_000);
    assert.deepEqual(lowAfter.map((a) => a.advert.priority), [], `${describe(low)} went back to backup`);
  } else {
    await sleep(watchMs);
    assert.deepEqual(seg.wire.adverts(high.mac).filter((a) => a.timeUs > since).map((a) => a.advert.priority), [], `${describe(high)} (nopreempt) stays backup`);
    assert.ok(seg.wire.adverts(low.mac).filter((a) => a.timeUs > since).length >= 3, `${describe(low)} keeps advertising`);
    await assertHoldsVip(seg, low);
  }
  assertAllAdvertsValid(seg);
}

/**
 * The master's interface goes down: it goes FAULT and releases the VIP, the backup takes over
 * within Master_Down_Interval of the last advert. Returns the gap in ms.
 */
export async function linkDownOnMaster(seg: Segment, master: Node, backup: Node, backupPriority: number): Promise<number> {
  const faults = master.stateCount('FAULT');
  const since = lastFrameUs(seg);
  master.linkSet('down');
  await master.waitState('FAULT', faults + 1, 5000);
  await until(`${describe(master)} releasing the VIP in FAULT`, () => !master.holds(vipOf(seg.variant)), 3000);
  return takeover(seg, master, backup, backupPriority, since);
}

export interface CycleFigures {
  readonly killTakeoverMs: number;
  readonly termHandoverMs: number;
}

/** The pair of a segment: `a` high, `b` low, both preempting unless told. */
export function pairOf(seg: Segment, o: { highPriority?: number; lowPriority?: number; nopreempt?: boolean } = {}): Pair {
  const highPriority = o.highPriority ?? 150;
  const lowPriority = o.lowPriority ?? 110;
  const v = seg.variant;
  const state = 'BACKUP' as const;
  return {
    seg, high: seg.a, low: seg.b, highPriority, lowPriority,
    highConfig: instanceConfig(seg.a, seg.b, { variant: v, vrid: VRID, priority: highPriority, state, nopreempt: o.nopreempt }),
    lowConfig: instanceConfig(seg.b, seg.a, { variant: v, vrid: VRID, priority: lowPriority, state, nopreempt: o.nopreempt }),
  };
}

/**
 * The full failover cycle on one segment: election, SIGKILL of the master and takeover, restart
 * and take-back (preempt), SIGTERM and handover.
 */
export async function failoverCycle(seg: Segment): Promise<CycleFigures> {
  const pair = pairOf(seg);
  await elect(pair);
  const killTakeoverMs = await killMaster(seg, pair.high, pair.low, pair.lowPriority);
  await restartHigh(pair, true, 0);
  const termHandoverMs = await terminateMaster(seg, pair.high, pair.low, pair.lowPriority);
  return { killTakeoverMs, termHandoverMs };
}

/** Both roles: [high, low] implementations. */
export const ROLES: readonly (readonly [Impl, Impl])[] = [['ours', 'keepalived'], ['keepalived', 'ours']];

/** Runs `body` on a fresh segment, with both peers' logs as a diagnostic when it fails. */
export async function onSegment<T>(t: TestContext, variant: Variant, implA: Impl, implB: Impl, body: (seg: Segment) => Promise<T>): Promise<T> {
  const seg = await Segment.create(variant, implA, implB);
  try {
    return await body(seg);
  } catch (error) {
    t.diagnostic(seg.logs());
    // INTEROP_KEEP_DIR: keep the capture of a failed segment for tcpdump -r.
    const keep = process.env.INTEROP_KEEP_DIR;
    if (keep !== undefined) copyFileSync(seg.wire.file, join(keep, `${t.name.replace(/[^A-Za-z0-9.-]+/g, '_')}.pcap`));
    throw error;
  } finally {
    await seg.dispose();
  }
}
