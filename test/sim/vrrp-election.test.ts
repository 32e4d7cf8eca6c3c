/** Two routers on a virtual LAN: election, VIP placement, GARP timing, takeover bounds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, instanceConfig, lan, parseConfig } from '../unit/actors/vrrp/harness.js';

const MAC_A = '52:54:00:00:00:0a';
const MAC_B = '52:54:00:00:00:0b';

async function twoRouters(a: { priority: number; extra?: string; state?: 'MASTER' | 'BACKUP' }, b: { priority: number; extra?: string }) {
  const s = new Scenario();
  const nodeA = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  const nodeB = s.addNode('B', [lan('192.168.1.2', MAC_B)]);
  await nodeA.subsystem.start(parseConfig(instanceConfig({ priority: a.priority, extra: a.extra, state: a.state })));
  await nodeB.subsystem.start(parseConfig(instanceConfig({ priority: b.priority, extra: b.extra })));
  return { s, nodeA, nodeB };
}

test('higher priority wins at Master_Down_Interval; VIP only on the master; 5 GARPs then 5 more after 5 s', async () => {
  const { s, nodeA, nodeB } = await twoRouters({ priority: 110 }, { priority: 100 });
  await s.advance(10_000);
  // v2, advert 1 s, priority 110: 3 × 1000 ms + ⌊(256 − 110) × 10⁶ / 256⌋ µs = 3570.312 ms.
  assert.equal(s.transition('A', 'VI_1', 'MASTER')?.atMs, 3570.312);
  assert.equal(s.transition('B', 'VI_1', 'MASTER'), undefined);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  assert.ok(nodeA.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  assert.ok(!nodeB.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  const garps = s.network.frames.filter((f) => f.node === 'A').map((f) => f.atMs);
  assert.deepEqual(garps, [...Array(5).fill(3570.312), ...Array(5).fill(8570.312)]);
  const status = nodeB.subsystem.status().instances[0]!;
  assert.equal(status.masterAddress, '192.168.1.1');
  assert.equal(status.masterPriority, 110);
  assert.ok(status.counters.advert_rcvd >= 6);
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('master stop sends priority 0: the backup takes over after Skew_Time', async () => {
  const { s, nodeA, nodeB } = await twoRouters({ priority: 110 }, { priority: 100 });
  await s.advance(5_000);
  const stopAt = s.clock.nowMs();
  await nodeA.subsystem.stop({ releaseVips: true });
  await s.advance(2_000);
  const takeover = s.transition('B', 'VI_1', 'MASTER');
  // Skew_Time for priority 100: (256 − 100) / 256 s = 609.375 ms.
  assert.equal(takeover?.atMs, stopAt + 609.375);
  assert.equal(nodeA.subsystem.status().instances[0]!.counters.pri_zero_sent, 1);
  assert.equal(nodeB.subsystem.status().instances[0]!.counters.pri_zero_rcvd, 1);
  assert.ok(!nodeA.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  assert.ok(nodeB.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  assert.equal(s.state('A', 'VI_1'), 'STOP');
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('master crash (network cut): takeover exactly Master_Down_Interval after the last advert', async () => {
  const { s, nodeA, nodeB } = await twoRouters({ priority: 150 }, { priority: 110 });
  await s.advance(5_000);
  s.network.isolate('A');
  const lastAdvert = s.network.adverts.filter((a) => a.node === 'A').at(-1)!.atMs;
  await s.advance(5_000);
  const takeover = s.transition('B', 'VI_1', 'MASTER')?.atMs ?? NaN;
  assert.ok(Math.abs(takeover - (lastAdvert + 3570.312)) < 1e-9, `takeover at ${takeover}, last advert ${lastAdvert}`);
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('preempt: a higher priority router coming up later takes over; nopreempt keeps the master', async () => {
  for (const nopreempt of [false, true]) {
    const s = new Scenario();
    const low = s.addNode('L', [lan('192.168.1.2', MAC_B)]);
    await low.subsystem.start(parseConfig(instanceConfig({ priority: 100, extra: nopreempt ? 'nopreempt' : '' })));
    await s.advance(5_000);
    assert.equal(s.state('L', 'VI_1'), 'MASTER');
    const high = s.addNode('H', [lan('192.168.1.1', MAC_A)]);
    await high.subsystem.start(parseConfig(instanceConfig({ priority: 200, extra: nopreempt ? 'nopreempt' : '' })));
    await s.advance(10_000);
    assert.equal(s.state('H', 'VI_1'), nopreempt ? 'BACKUP' : 'MASTER', `nopreempt=${nopreempt}`);
    assert.equal(s.state('L', 'VI_1'), nopreempt ? 'MASTER' : 'BACKUP', `nopreempt=${nopreempt}`);
    await low.subsystem.stop({ releaseVips: true });
    await high.subsystem.stop({ releaseVips: true });
  }
});

test('wrong password: adverts dropped and counted as auth_failure; both become Master', async () => {
  const auth = (pass: string) => `authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }`;
  const { s, nodeA, nodeB } = await twoRouters({ priority: 110, extra: auth('secret1') }, { priority: 100, extra: auth('secret2') });
  await s.advance(8_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'MASTER');
  assert.ok(nodeA.subsystem.status().instances[0]!.counters.auth_failure > 0);
  assert.ok(nodeB.subsystem.status().instances[0]!.counters.auth_failure > 0);
  assert.equal(nodeB.subsystem.status().instances[0]!.counters.advert_rcvd, 0);
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('interface down: Master goes to FAULT, sends priority 0 and removes its VIPs; back up → BACKUP', async () => {
  const { s, nodeA, nodeB } = await twoRouters({ priority: 110 }, { priority: 100 });
  await s.advance(5_000);
  nodeA.node.setLinkUp('eth0', false);
  await s.advance(10);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  assert.ok(!nodeA.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  await s.advance(5_000);
  assert.equal(s.state('B', 'VI_1'), 'MASTER');
  nodeA.node.setLinkUp('eth0', true);
  await s.advance(1);
  assert.equal(s.transition('A', 'VI_1', 'BACKUP', 5_000)?.reason, 'interface eth0 up');
  // Preemption: A (110) takes the VIP back once its down timer runs out.
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('track_interface with a weight lowers the priority: the backup preempts', async () => {
  const eth1 = (mac: string) => ({ name: 'eth1', mac, addresses: [], segment: 'other' });
  const s = new Scenario();
  const nodeA = s.addNode('A', [lan('192.168.1.1', MAC_A), eth1('52:54:00:00:01:0a')]);
  const nodeB = s.addNode('B', [lan('192.168.1.2', MAC_B)]);
  await nodeA.subsystem.start(parseConfig(instanceConfig({ priority: 150, extra: 'track_interface {\n eth1 weight -50\n}' })));
  await nodeB.subsystem.start(parseConfig(instanceConfig({ priority: 120 })));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  nodeA.node.setLinkUp('eth1', false);
  await s.advance(5_000);
  assert.ok(nodeA.events.some((e) => e.type === 'priority' && e.priority === 100));
  assert.equal(s.state('B', 'VI_1'), 'MASTER');
  assert.equal(s.state('A', 'VI_1'), 'BACKUP');
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('split brain heals: the higher Master hears a lower priority advert, re-sends GARPs (5 now, 5 after 5 s)', async () => {
  const { s, nodeA, nodeB } = await twoRouters({ priority: 150 }, { priority: 100 });
  await s.advance(5_000);
  s.network.isolate('A');
  await s.advance(5_000);
  assert.equal(s.state('B', 'VI_1'), 'MASTER');
  s.network.isolate('A', false);
  const healedAt = s.clock.nowMs();
  await s.advance(10_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  const garps = s.network.frames.filter((f) => f.node === 'A' && f.atMs >= healedAt).map((f) => f.atMs);
  assert.equal(garps.length, 10);
  assert.equal(garps[5]! - garps[0]!, 5000);
  assert.ok(!nodeB.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});
