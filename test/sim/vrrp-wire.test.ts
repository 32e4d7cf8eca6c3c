/** Wire variants end to end: unicast VRRPv3, AH authentication, IPv6 with unsolicited NAs, VMAC. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, lan, parseConfig } from '../unit/actors/vrrp/harness.js';
import type { InterfaceInit } from '../../src/sim/net/index.js';
import { formatMac } from '../../src/protocol/index.js';

function instance(priority: number, body: string, global = ''): string {
  return `global_defs {\n${global}\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority ${priority}\n advert_int 1\n${body}\n}\n`;
}

async function pair(a: { ifaces: InterfaceInit[]; config: string }, b: { ifaces: InterfaceInit[]; config: string }) {
  const s = new Scenario();
  const nodeA = s.addNode('A', a.ifaces);
  const nodeB = s.addNode('B', b.ifaces);
  await nodeA.subsystem.start(parseConfig(a.config));
  await nodeB.subsystem.start(parseConfig(b.config));
  await s.advance(10_000);
  return { s, nodeA, nodeB };
}

test('unicast VRRPv3: one datagram per peer, election as with multicast', async () => {
  const vip = 'virtual_ipaddress {\n 192.168.1.100/24\n}';
  const { s, nodeA, nodeB } = await pair(
    { ifaces: [lan('192.168.1.1', '52:54:00:00:00:0a')], config: instance(150, `unicast_peer {\n 192.168.1.2\n}\n${vip}`, 'vrrp_version 3') },
    { ifaces: [lan('192.168.1.2', '52:54:00:00:00:0b')], config: instance(100, `unicast_peer {\n 192.168.1.1\n}\n${vip}`, 'vrrp_version 3') },
  );
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  assert.ok(s.network.adverts.filter((a) => a.node === 'A').every((a) => a.destination === '192.168.1.2'));
  const b = nodeB.subsystem.status().instances[0]!;
  assert.ok(b.counters.advert_rcvd >= 6);
  assert.equal(b.counters.chk_err, 0);
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('AH authentication: adverts accepted with increasing sequence numbers; a wrong key is an auth_failure', async () => {
  const ah = (pass: string) => `authentication {\n auth_type AH\n auth_pass ${pass}\n}\nvirtual_ipaddress {\n 192.168.1.100/24\n}`;
  const good = await pair(
    { ifaces: [lan('192.168.1.1', '52:54:00:00:00:0a')], config: instance(150, ah('secret')) },
    { ifaces: [lan('192.168.1.2', '52:54:00:00:00:0b')], config: instance(100, ah('secret')) },
  );
  assert.equal(good.s.state('A', 'VI_1'), 'MASTER');
  assert.equal(good.s.state('B', 'VI_1'), 'BACKUP');
  const counters = good.nodeB.subsystem.status().instances[0]!.counters;
  assert.ok(counters.advert_rcvd >= 6);
  assert.equal(counters.auth_failure, 0);
  // AH header: sequence number at IP header (20) + 8.
  const sequences = good.s.network.adverts.filter((a) => a.node === 'A').map((a) => new DataView(a.bytes.buffer).getUint32(28));
  assert.deepEqual(sequences, sequences.map((_, i) => i + 1));
  await good.nodeA.subsystem.stop({ releaseVips: true });
  await good.nodeB.subsystem.stop({ releaseVips: true });

  const bad = await pair(
    { ifaces: [lan('192.168.1.1', '52:54:00:00:00:0a')], config: instance(150, ah('secret')) },
    { ifaces: [lan('192.168.1.2', '52:54:00:00:00:0b')], config: instance(100, ah('other')) },
  );
  assert.equal(bad.s.state('B', 'VI_1'), 'MASTER');
  assert.ok(bad.nodeB.subsystem.status().instances[0]!.counters.auth_failure > 0);
  await bad.nodeA.subsystem.stop({ releaseVips: true });
  await bad.nodeB.subsystem.stop({ releaseVips: true });
});

test('IPv6 VRRPv3: link-local sources, VIP on the master, unsolicited NAs 5 + 5', async () => {
  const v6 = (host: number, mac: string): InterfaceInit => ({
    name: 'eth0',
    mac,
    addresses: [{ family: 'ipv6', address: `2001:db8::${host}`, prefixLength: 64 }, { family: 'ipv6', address: `fe80::${host}`, prefixLength: 64 }],
  });
  const vip = 'virtual_ipaddress {\n 2001:db8::100/64\n}';
  const { s, nodeA, nodeB } = await pair(
    { ifaces: [v6(1, '52:54:00:00:00:0a')], config: instance(150, vip, 'vrrp_version 3') },
    { ifaces: [v6(2, '52:54:00:00:00:0b')], config: instance(100, vip, 'vrrp_version 3') },
  );
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(nodeB.subsystem.status().instances[0]!.masterAddress, 'fe80::1');
  assert.ok(nodeA.node.addresses.addressesOn('eth0').includes('2001:db8::100'));
  const nas = s.network.frames.filter((f) => f.node === 'A');
  assert.equal(nas.length, 10);
  assert.ok(nas.every((f) => f.frame[12] === 0x86 && f.frame[13] === 0xdd), 'IPv6 frames');
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('use_vmac: the VMAC interface is created, carries the VIP, and GARPs come from the virtual MAC', async () => {
  const vmac = 'use_vmac\nvirtual_ipaddress {\n 192.168.1.100/24\n}';
  const { s, nodeA, nodeB } = await pair(
    { ifaces: [lan('192.168.1.1', '52:54:00:00:00:0a')], config: instance(150, vmac) },
    { ifaces: [lan('192.168.1.2', '52:54:00:00:00:0b')], config: instance(100, vmac) },
  );
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  assert.deepEqual(nodeA.node.addresses.addressesOn('vrrp.51'), ['192.168.1.100']);
  const garps = s.network.frames.filter((f) => f.node === 'A');
  assert.ok(garps.length === 10 && garps.every((f) => f.interfaceName === 'vrrp.51'));
  assert.ok(garps.every((f) => formatMac(f.frame, 6) === '00:00:5e:00:01:33'));
  await nodeA.subsystem.stop({ releaseVips: true });
  await nodeB.subsystem.stop({ releaseVips: true });
});

test('stop with releaseVips=false: priority 0 still sent, addresses left in place', async () => {
  const vip = 'virtual_ipaddress {\n 192.168.1.100/24\n}';
  const { s, nodeA, nodeB } = await pair(
    { ifaces: [lan('192.168.1.1', '52:54:00:00:00:0a')], config: instance(150, vip) },
    { ifaces: [lan('192.168.1.2', '52:54:00:00:00:0b')], config: instance(100, vip) },
  );
  await nodeA.subsystem.stop({ releaseVips: false });
  assert.ok(nodeA.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  assert.equal(nodeA.subsystem.status().instances[0]!.counters.pri_zero_sent, 1);
  await nodeB.subsystem.stop({ releaseVips: true });
  // The next run starts by removing what this one left.
  const restarted = s.restartNode(nodeA.node);
  await restarted.subsystem.start(parseConfig(instance(150, vip)));
  assert.deepEqual(nodeA.node.addresses.addressesOn('eth0'), ['192.168.1.1']);
  await restarted.subsystem.stop({ releaseVips: true });
});
