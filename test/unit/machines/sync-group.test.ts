/** vrrp_sync_group fate-sharing: two routers, each with a group of two instances (VRIDs 51, 52). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lan } from './support/lan.js';

function twoRouters() {
  const lan = new Lan();
  lan.addGroup({ name: 'G1', members: ['r1-51', 'r1-52'], trackingWeight: false });
  lan.addGroup({ name: 'G2', members: ['r2-51', 'r2-52'], trackingWeight: false });
  const member = (name: string, vrid: number, priority: number, address: string, group: string) =>
    lan.add({ name, vrid, priority, primaryAddress: address, syncGroup: { name: group, trackingWeight: false } });
  const r1 = [member('r1-51', 51, 150, '10.0.0.1', 'G1'), member('r1-52', 52, 150, '10.0.1.1', 'G1')] as const;
  const r2 = [member('r2-51', 51, 100, '10.0.0.2', 'G2'), member('r2-52', 52, 100, '10.0.1.2', 'G2')] as const;
  lan.startAll();
  return { lan, r1, r2, groupState: (g: string) => String(lan.groups.get(g)!.getSnapshot().value) };
}

test('members go MASTER together once every member wants to', () => {
  const { lan, r1, r2, groupState } = twoRouters();
  assert.equal(groupState('G1'), 'Backup');
  lan.clock.runUntil(() => r1[0].state === 'Master', 10_000);
  assert.equal(r1[1].state, 'Master');
  assert.equal(groupState('G1'), 'Master');
  lan.clock.advanceBy(10_000);
  assert.deepEqual([r2[0].state, r2[1].state], ['Backup', 'Backup']);
  assert.ok(lan.find('notifyGroup', 'G1').some((e) => (e.params as { state: string }).state === 'MASTER'));
});

test('one member in FAULT takes the whole group to FAULT; the peer group takes over', () => {
  const { lan, r1, r2, groupState } = twoRouters();
  lan.clock.runUntil(() => r1[0].state === 'Master', 10_000);
  r1[0].actor.send({ type: 'INTERFACE_DOWN' });
  assert.deepEqual([r1[0].state, r1[1].state], ['Fault', 'Fault']);
  assert.equal(groupState('G1'), 'Fault');
  // both r1 members released with priority 0, so r2 takes over after Skew_Time
  assert.equal(lan.find('sendPriorityZero').length, 2);
  lan.clock.runUntil(() => r2[0].state === 'Master' && r2[1].state === 'Master', 2000);
  assert.equal(groupState('G2'), 'Master');
  // recovery: back to BACKUP together, then preempt back together
  r1[0].actor.send({ type: 'INTERFACE_UP' });
  assert.deepEqual([r1[0].state, r1[1].state], ['Backup', 'Backup']);
  lan.clock.runUntil(() => r1[0].state === 'Master' && r1[1].state === 'Master', 10_000);
  assert.deepEqual([r2[0].state, r2[1].state], ['Backup', 'Backup']);
});

test('one member losing an election takes the other members to BACKUP', () => {
  const { lan, r1, r2, groupState } = twoRouters();
  lan.clock.runUntil(() => r1[0].state === 'Master', 10_000);
  // a higher priority router appears on VRID 52 only
  r1[1].actor.send({ type: 'ADVERT', priority: 200, maxAdvertIntervalMs: 1000, sourceAddress: '10.0.1.9' });
  assert.deepEqual([r1[0].state, r1[1].state], ['Backup', 'Backup']);
  assert.equal(groupState('G1'), 'Backup');
  void r2;
});

test('weights are ignored in a sync group without sync_group_tracking_weight (failure = FAULT)', () => {
  const lan = new Lan();
  lan.addGroup({ name: 'G', members: ['x', 'y'], trackingWeight: false });
  const tracked = [{ name: 'script:chk', weight: -20, reverse: false }];
  const x = lan.add({ name: 'x', vrid: 1, priority: 100, primaryAddress: '10.0.0.1', tracked, syncGroup: { name: 'G', trackingWeight: false } });
  const y = lan.add({ name: 'y', vrid: 2, priority: 100, primaryAddress: '10.0.1.1', syncGroup: { name: 'G', trackingWeight: false } });
  lan.startAll();
  x.actor.send({ type: 'TRACKED', name: 'script:chk', state: { up: false } });
  assert.equal(x.context.effectivePriority, 100);
  assert.deepEqual([x.state, y.state], ['Fault', 'Fault']);
});

test('with sync_group_tracking_weight the weight applies and there is no FAULT', () => {
  const lan = new Lan();
  lan.addGroup({ name: 'G', members: ['x', 'y'], trackingWeight: true });
  const tracked = [{ name: 'script:chk', weight: -20, reverse: false }];
  const x = lan.add({ name: 'x', vrid: 1, priority: 100, primaryAddress: '10.0.0.1', tracked, syncGroup: { name: 'G', trackingWeight: true } });
  const y = lan.add({ name: 'y', vrid: 2, priority: 100, primaryAddress: '10.0.1.1', syncGroup: { name: 'G', trackingWeight: true } });
  lan.startAll();
  x.actor.send({ type: 'TRACKED', name: 'script:chk', state: { up: false } });
  assert.equal(x.context.effectivePriority, 80);
  assert.deepEqual([x.state, y.state], ['Backup', 'Backup']);
});
