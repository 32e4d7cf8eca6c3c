/** RFC 5798 / keepalived scenarios on a simulated LAN with a stepping virtual clock. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Lan } from './support/lan.js';
import type { InstanceParamsInput } from '../../../src/machines/index.js';
import { ADVER_GRID_MAX_MS } from '../../../src/actors/vrrp/adver-timer.js';

const A = { name: 'A', vrid: 51, priority: 150, primaryAddress: '10.0.0.1' } satisfies InstanceParamsInput;
const B = { name: 'B', vrid: 51, priority: 110, primaryAddress: '10.0.0.2' } satisfies InstanceParamsInput;

function pair(a: Partial<InstanceParamsInput> = {}, b: Partial<InstanceParamsInput> = {}) {
  const lan = new Lan();
  const ra = lan.add({ ...A, ...a });
  const rb = lan.add({ ...B, ...b });
  lan.startAll();
  return { lan, a: ra, b: rb };
}

/** Time of the last advert a node sent up to now. */
function lastAdvertMs(lan: Lan, node: string): number {
  const sent = lan.find('sendAdvert', node);
  assert.ok(sent.length > 0, `${node} sent no advert`);
  return sent[sent.length - 1]!.atMs;
}

describe('election', () => {
  test('the higher priority wins the first election after Master_Down_Interval', () => {
    const { lan, a, b } = pair();
    assert.equal(a.state, 'Backup');
    const at = lan.clock.runUntil(() => a.state === 'Master', 10_000);
    assert.equal(at, 3414.062); // 3 × 1000 + (256 − 150)/256 s, truncated to µs
    lan.clock.advanceBy(5000);
    assert.equal(b.state, 'Backup');
    assert.deepEqual(lan.find('addVips', 'A').map((e) => e.atMs), [3414.062]);
    assert.equal(lan.find('addVips', 'B').length, 0);
  });

  test('master crash: the backup takes over Master_Down_Interval after the last advert', () => {
    const { lan, a, b } = pair();
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    lan.clock.advanceBy(2500);
    const last = lastAdvertMs(lan, 'A');
    a.crash();
    const at = lan.clock.runUntil(() => b.state === 'Master', 10_000);
    assert.equal(Math.round((at - last) * 1000), 3_570_312); // measured on keepalived: 3570.5 ms
  });

  test('priority-0 handover on shutdown: the backup takes over after Skew_Time', () => {
    const { lan, a, b } = pair();
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    lan.clock.advanceBy(1500);
    const stopAt = lan.clock.now();
    a.actor.send({ type: 'SHUTDOWN' });
    assert.equal(a.state, 'Stop');
    assert.equal(lan.find('sendPriorityZero', 'A').length, 1);
    assert.equal(lan.find('removeVips', 'A').length, 1);
    const at = lan.clock.runUntil(() => b.state === 'Master', 10_000);
    assert.equal(Math.round((at - stopAt) * 1000), 570_312); // measured: 570.5 ms
    assert.ok(lan.find('notify', 'A').some((e) => (e.params as { state: string }).state === 'STOP'));
  });

  test('preempt: a recovered higher priority router takes mastership back', () => {
    const { lan, a, b } = pair();
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'INTERFACE_DOWN' });
    assert.equal(a.state, 'Fault');
    lan.clock.runUntil(() => b.state === 'Master', 1000); // priority 0 from A: Skew_Time only
    a.actor.send({ type: 'INTERFACE_UP' });
    assert.equal(a.state, 'Backup');
    const upAt = lan.clock.now();
    const at = lan.clock.runUntil(() => a.state === 'Master', 10_000);
    // B's lower-priority adverts do not re-arm A's timer.
    assert.equal(Math.round((at - upAt) * 1000), 3_414_062);
    assert.equal(b.state, 'Backup');
  });

  test('nopreempt: a recovered higher priority router stays Backup', () => {
    const { lan, a, b } = pair({ nopreempt: true });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'INTERFACE_DOWN' });
    lan.clock.runUntil(() => b.state === 'Master', 1000);
    a.actor.send({ type: 'INTERFACE_UP' });
    lan.clock.advanceBy(30_000);
    assert.equal(a.state, 'Backup');
    assert.equal(b.state, 'Master');
  });

  test('preempt_delay: lower-priority adverts hold us back until the delay has elapsed', () => {
    const { lan, a, b } = pair({ preemptDelayMs: 5000 });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'INTERFACE_DOWN' });
    lan.clock.runUntil(() => b.state === 'Master', 1000);
    a.actor.send({ type: 'INTERFACE_UP' });
    const upAt = lan.clock.now();
    const at = lan.clock.runUntil(() => a.state === 'Master', 20_000);
    // first lower advert within 1 s starts the delay; the last one accepted ≤ 5 s later re-arms.
    assert.ok(at - upAt > 5000 + 3414 - 1000 && at - upAt <= 1000 + 5000 + 3414.062, `took ${at - upAt}`);
  });

  test('equal priorities: the higher primary address wins (bytes compared unsigned)', () => {
    const { lan, a, b } = pair({ priority: 100, primaryAddress: '10.0.0.10' }, { priority: 100, primaryAddress: '10.0.0.9' });
    lan.clock.advanceBy(10_000);
    assert.equal(a.state, 'Master');
    assert.equal(b.state, 'Backup');
  });

  test('equal priority adverts hold a Backup even when its own address is higher (RFC 5798 §6.4.2)', () => {
    const lan = new Lan();
    const high = lan.add({ ...A, priority: 100, primaryAddress: '10.0.0.2' });
    const low = lan.add({ ...B, priority: 100, primaryAddress: '10.0.0.1' });
    lan.start(low);
    lan.clock.runUntil(() => low.state === 'Master', 10_000);
    lan.start(high);
    lan.clock.advanceBy(20_000);
    assert.equal(low.state, 'Master');
    assert.equal(high.state, 'Backup');
  });

  test('priority 255 owner becomes Master at once', () => {
    const lan = new Lan();
    const owner = lan.add({ ...A, priority: 255 });
    const other = lan.add(B);
    lan.startAll();
    assert.equal(owner.state, 'Master');
    assert.deepEqual(lan.find('addVips', 'A').map((e) => e.atMs), [0]);
    lan.clock.advanceBy(10_000);
    assert.equal(other.state, 'Backup');
  });

  test('two owners: the lower address drops to 254 and yields', () => {
    const lan = new Lan();
    const a = lan.add({ ...A, priority: 255 });
    const b = lan.add({ ...B, priority: 255 });
    lan.startAll();
    lan.clock.advanceBy(3000);
    assert.equal(a.state, 'Backup');
    assert.equal(a.context.effectivePriority, 254);
    assert.equal(b.state, 'Master');
  });

  test('state MASTER (not owner) still waits Master_Down_Interval', () => {
    const lan = new Lan();
    const a = lan.add({ ...A, initialState: 'MASTER' });
    lan.startAll();
    assert.equal(a.state, 'Backup');
    assert.equal(lan.clock.runUntil(() => a.state === 'Master', 10_000), 3414.062);
  });

  test('vrrp_startup_delay keeps the instance in Initialize', () => {
    const lan = new Lan();
    const a = lan.add({ ...A, startupDelayMs: 5500 });
    lan.startAll();
    lan.clock.advanceBy(5499);
    assert.equal(a.state, 'Initialize');
    lan.clock.advanceBy(1);
    assert.equal(a.state, 'Backup');
    assert.equal(lan.clock.runUntil(() => a.state === 'Master', 10_000), 5500 + 3414.062);
  });

  test('VRRPv3: the Backup learns Master_Adver_Interval from adverts', () => {
    const { lan, a, b } = pair({ version: 3, advertIntervalMs: 500 }, { version: 3, advertIntervalMs: 1000 });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    lan.clock.advanceBy(1200);
    assert.equal(b.context.masterAdverIntervalUs, 500_000);
    const last = lastAdvertMs(lan, 'A');
    a.crash();
    const at = lan.clock.runUntil(() => b.state === 'Master', 10_000);
    assert.equal(Math.round((at - last) * 1000), 3 * 500_000 + 285_156);
  });
});

describe('master reactions to adverts', () => {
  test('lower priority advert: Master re-asserts (default) and runs notify_master_rx_lower_pri', () => {
    const { lan, a } = pair({ notifyMasterRxLowerPri: true });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    const before = lan.find('sendAdvert', 'A').length;
    a.actor.send({ type: 'ADVERT', priority: 100, maxAdvertIntervalMs: 1000, sourceAddress: '10.0.0.7' });
    assert.equal(lan.find('sendAdvert', 'A').length, before + 1);
    assert.ok(lan.find('notify', 'A').some((e) => (e.params as { state: string }).state === 'MASTER_RX_LOWER_PRI'));
    assert.equal(a.state, 'Master');
  });

  test('lower_prio_no_advert: Master stays quiet', () => {
    const { lan, a } = pair({ lowerPrioNoAdvert: true });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    const before = lan.find('sendAdvert', 'A').length;
    a.actor.send({ type: 'ADVERT', priority: 100, maxAdvertIntervalMs: 1000, sourceAddress: '10.0.0.7' });
    assert.equal(lan.find('sendAdvert', 'A').length, before);
    assert.equal(lan.find('notify', 'A').filter((e) => (e.params as { state: string }).state === 'MASTER_RX_LOWER_PRI').length, 0);
  });

  test('higher_prio_send_advert: one last advert before going Backup', () => {
    const { lan, a } = pair({ higherPrioSendAdvert: true });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    const before = lan.find('sendAdvert', 'A').length;
    a.actor.send({ type: 'ADVERT', priority: 200, maxAdvertIntervalMs: 1000, sourceAddress: '10.0.0.7' });
    assert.equal(lan.find('sendAdvert', 'A').length, before + 1);
    assert.equal(a.state, 'Backup');
    assert.equal(lan.find('removeVips', 'A').length, 1);
  });

  test('priority 0 received by a Master: it answers with an advert and stays Master', () => {
    const { lan, a } = pair();
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    const before = lan.find('sendAdvert', 'A').length;
    a.actor.send({ type: 'ADVERT', priority: 0, maxAdvertIntervalMs: 1000, sourceAddress: '10.0.0.7' });
    assert.equal(lan.find('sendAdvert', 'A').length, before + 1);
    assert.equal(a.state, 'Master');
  });
});

describe('fault and tracking', () => {
  test('interface down in Master: priority 0, addresses removed, FAULT; up again: BACKUP', () => {
    const { lan, a } = pair();
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'INTERFACE_DOWN' });
    assert.equal(a.state, 'Fault');
    assert.equal(lan.find('sendPriorityZero', 'A').length, 1);
    assert.equal(lan.find('removeVips', 'A').length, 1);
    lan.clock.advanceBy(10_000);
    assert.equal(a.state, 'Fault');
    a.actor.send({ type: 'INTERFACE_UP' });
    assert.equal(a.state, 'Backup');
  });

  test('dont_track_primary ignores the interface', () => {
    const { a } = pair({ dontTrackPrimary: true });
    a.actor.send({ type: 'INTERFACE_DOWN' });
    assert.equal(a.state, 'Backup');
  });

  test('a weight-0 tracked object failing puts the instance in FAULT', () => {
    const { lan, a, b } = pair({ tracked: [{ name: 'script:chk', weight: 0, reverse: false }] });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'TRACKED', name: 'script:chk', state: { up: false } });
    assert.equal(a.state, 'Fault');
    lan.clock.runUntil(() => b.state === 'Master', 1000);
    a.actor.send({ type: 'TRACKED', name: 'script:chk', state: { up: true } });
    assert.equal(a.state, 'Backup');
  });

  test('a weighted tracked object lowers the priority so the peer preempts', () => {
    const { lan, a, b } = pair({ tracked: [{ name: 'script:chk', weight: -50, reverse: false }] });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'TRACKED', name: 'script:chk', state: { up: false } });
    assert.equal(a.context.effectivePriority, 100);
    assert.equal(a.state, 'Master');
    lan.clock.runUntil(() => b.state === 'Master', 10_000);
    assert.equal(a.state, 'Backup');
    a.actor.send({ type: 'TRACKED', name: 'script:chk', state: { up: true } });
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    assert.equal(b.state, 'Backup');
  });

  test('reverse weighted tracking and clamping reach the adverts', () => {
    const { lan, a } = pair({ priority: 250, tracked: [{ name: 'if:eth9', weight: 20, reverse: true }, { name: 'bfd:x', weight: 30, reverse: false }] });
    assert.equal(a.context.effectivePriority, 254); // 250 − 20 + 30 clamped
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'TRACKED', name: 'bfd:x', state: { up: false } });
    // The next Adver_Timer round: within an interval and a grid step (adver-timer.ts).
    lan.clock.advanceBy(1000 + ADVER_GRID_MAX_MS);
    const sent = lan.find('sendAdvert', 'A');
    assert.deepEqual(sent[sent.length - 1]!.params, { priority: 230 });
  });

  test('fault at startup: Initialize goes straight to FAULT', () => {
    const lan = new Lan();
    const a = lan.add({ ...A, initialInterfaceUp: false });
    lan.startAll();
    assert.equal(a.state, 'Fault');
  });
});

describe('lifecycle', () => {
  test('reload deleting a Master: priority 0, addresses removed, Deleted', () => {
    const { lan, a } = pair();
    lan.clock.runUntil(() => a.state === 'Master', 10_000);
    a.actor.send({ type: 'RELOAD_DELETE' });
    assert.equal(a.state, 'Deleted');
    assert.equal(lan.find('sendPriorityZero', 'A').length, 1);
    assert.equal(a.actor.getSnapshot().status, 'done');
  });

  test('shutdown of a Backup sends nothing', () => {
    const { lan, b } = pair();
    b.actor.send({ type: 'SHUTDOWN' });
    assert.equal(b.state, 'Stop');
    assert.equal(lan.find('sendPriorityZero', 'B').length, 0);
  });
});
