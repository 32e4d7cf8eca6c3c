/** vrrp_sync_group: members share their fate (one in FAULT takes the others out of MASTER). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, parseConfig } from '../unit/actors/vrrp/harness.js';
import type { InterfaceInit } from '../../src/sim/net/index.js';

/** The priority byte of an IPv4 VRRP advert (after the 20-byte IP header). */
const advertPriority = (bytes: Uint8Array): number => bytes[20 + 2]!;

function config(priority: number): string {
  return `
vrrp_sync_group G {
  group {
    VI_1
    VI_2
  }
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority ${priority}
  advert_int 1
  virtual_ipaddress {
    192.168.1.100/24
  }
}
vrrp_instance VI_2 {
  interface eth1
  virtual_router_id 52
  priority ${priority}
  advert_int 1
  virtual_ipaddress {
    10.0.0.100/24
  }
}
`;
}

function interfaces(host: number): InterfaceInit[] {
  return [
    { name: 'eth0', mac: `52:54:00:00:00:0${host}`, addresses: [{ family: 'ipv4', address: `192.168.1.${host}`, prefixLength: 24 }], segment: 'front' },
    { name: 'eth1', mac: `52:54:00:00:01:0${host}`, addresses: [{ family: 'ipv4', address: `10.0.0.${host}`, prefixLength: 24 }], segment: 'back' },
  ];
}

test('sync group: both members become Master together; one interface down faults the whole group', async () => {
  const s = new Scenario();
  const a = s.addNode('A', interfaces(1));
  const b = s.addNode('B', interfaces(2));
  await a.subsystem.start(parseConfig(config(150)));
  await b.subsystem.start(parseConfig(config(100)));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('A', 'VI_2'), 'MASTER');
  assert.equal(a.subsystem.status().syncGroups[0]?.state, 'MASTER');
  assert.equal(b.subsystem.status().syncGroups[0]?.state, 'BACKUP');

  a.node.setLinkUp('eth1', false);
  await s.advance(1);
  assert.equal(s.state('A', 'VI_2'), 'FAULT');
  assert.equal(s.state('A', 'VI_1'), 'FAULT', 'VI_1 follows its group into FAULT');
  assert.equal(a.subsystem.status().syncGroups[0]?.state, 'FAULT');
  assert.deepEqual(a.node.addresses.addressesOn('eth0'), ['192.168.1.1']);
  // B's VI_1 heard priority 0 and wants MASTER after its skew time, but the group waits until
  // VI_2 wants it too (its Master_Down_Timer): then both go MASTER together.
  await s.advance(4_000);
  const b1 = s.transition('B', 'VI_1', 'MASTER');
  const b2 = s.transition('B', 'VI_2', 'MASTER');
  assert.ok(b1 !== undefined && b2 !== undefined);
  assert.equal(b1.atMs, b2.atMs);
  const lastVi2Advert = s.network.adverts.filter((a) => a.node === 'A' && a.vrid === 52).at(-1)!.atMs;
  assert.ok(Math.abs(b2.atMs - (lastVi2Advert + 3609.375)) < 1e-9, 'VI_2: Master_Down_Interval after A\'s last advert on eth1');
  assert.equal(b.subsystem.status().syncGroups[0]?.state, 'MASTER');

  a.node.setLinkUp('eth1', true);
  await s.advance(10_000);
  assert.equal(a.subsystem.status().syncGroups[0]?.state, 'MASTER');
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('A', 'VI_2'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  await a.subsystem.stop({ releaseVips: true });
  await b.subsystem.stop({ releaseVips: true });
});

test("sync group: a Master member's only address deleted and back: BACKUP then FAULT, one way out of FAULT, STOP at shutdown", async () => {
  const s = new Scenario();
  const a = s.addNode('A', interfaces(1));
  await a.subsystem.start(parseConfig(config(150)));
  await s.advance(5_000);
  assert.equal(a.subsystem.status().syncGroups[0]?.state, 'MASTER');
  const moves = (from: number) => a.events.flatMap((e) => e.atMs < from ? [] : e.type === 'instance-state' ? [`${e.instance} ${e.to}`] : e.type === 'group-state' ? [`G ${e.to}`] : []);

  const deleted = s.clock.nowMs();
  a.node.linkMonitor.removeAddress('eth0', '192.168.1.1');
  await s.advance(1_000);
  // keepalived's order: the Master leaves mastership first (BACKUP, its notifications), the other
  // member too, both with priority 0 and the group silent; then FAULT.
  assert.deepEqual(moves(deleted), ['VI_1 BACKUP', 'VI_2 BACKUP', 'VI_1 FAULT', 'G FAULT', 'VI_2 FAULT']);
  const zeros = s.network.adverts.filter((ad) => ad.atMs >= deleted && advertPriority(ad.bytes) === 0).map((ad) => ad.vrid);
  assert.deepEqual(zeros.sort(), [51, 52]);

  const back = s.clock.nowMs();
  a.node.linkMonitor.addAddress('eth0', { family: 'ipv4', address: '192.168.1.1', prefixLength: 24 });
  await s.advance(1_000);
  // Straight out of FAULT with its group: no second FAULT on the way (a member rebuilt afresh in
  // BACKUP used to be sent back to FAULT by its group first).
  assert.deepEqual(moves(back), ['VI_1 BACKUP', 'G BACKUP', 'VI_2 BACKUP']);
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');

  const stopped = s.clock.nowMs();
  await a.subsystem.stop({ releaseVips: true });
  assert.deepEqual(moves(stopped), ['VI_1 STOP', 'VI_2 STOP', 'G STOP']);
});

test('sync group: a VIP deleted under one Master: every member gives mastership up with priority 0, the group says nothing, and all are back after Skew_Time', async () => {
  const s = new Scenario();
  const a = s.addNode('A', interfaces(1));
  await a.subsystem.start(parseConfig(config(150)));
  await s.advance(5_000);
  assert.equal(a.subsystem.status().syncGroups[0]?.state, 'MASTER');
  const groupMoves = () => a.events.filter((e) => e.type === 'group-state').length;
  const before = groupMoves();

  const deleted = s.clock.nowMs();
  a.node.linkMonitor.removeAddress('eth0', '192.168.1.100');
  await s.advance(1);
  assert.equal(s.state('A', 'VI_1'), 'BACKUP');
  assert.equal(s.state('A', 'VI_2'), 'BACKUP');
  assert.equal(groupMoves(), before, 'no group line or notification while they are away');
  const zeros = s.network.adverts.filter((ad) => ad.atMs >= deleted && advertPriority(ad.bytes) === 0).map((ad) => ad.vrid);
  assert.deepEqual(zeros.sort(), [51, 52]);

  // Skew_Time at priority 150 is (256 − 150) / 256 s: both want MASTER again then, together.
  await s.advance(1_000);
  const m1 = s.transition('A', 'VI_1', 'MASTER', deleted);
  const m2 = s.transition('A', 'VI_2', 'MASTER', deleted);
  assert.ok(m1 !== undefined && m2 !== undefined);
  assert.ok(Math.abs(m1.atMs - deleted - (256 - 150) / 256 * 1000) < 1, `${m1.atMs} - ${deleted}`);
  assert.equal(a.subsystem.status().syncGroups[0]?.state, 'MASTER');
  assert.ok(a.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  await a.subsystem.stop({ releaseVips: true });
});
