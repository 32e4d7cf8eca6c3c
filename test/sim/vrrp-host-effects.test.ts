/**
 * What the VRRP subsystem does to its host beyond the instances' VIPs, as keepalived 2.2.7:
 * static_ipaddress / static_routes / static_rules (set before the instances start, diffed on
 * reload, removed at SIGTERM even under -V), the VMAC removed at stop and deletion, a deleted and
 * re-created interface (and its VMAC) recovering adverts, GARPs on an equal-priority advert from
 * a lower address, and a configured source address missing from the host, or an interface without
 * an address of the instance's family (FAULT until it appears).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, lan, parseConfig } from '../unit/actors/vrrp/harness.js';
import type { InterfaceInit } from '../../src/sim/net/index.js';

const MAC_A = '52:54:00:00:00:0a';
const MAC_B = '52:54:00:00:00:0b';

function instance(priority: number, body = '', name = 'VI_1', vrid = 51): string {
  return `vrrp_instance ${name} {\n interface eth0\n virtual_router_id ${vrid}\n priority ${priority}\n advert_int 1\n${body}\n virtual_ipaddress {\n  192.168.1.${vrid + 49}/24\n }\n}\n`;
}

const statics = (routes: string, address = '10.77.1.1/24 dev eth1') => `static_ipaddress {
  ${address}
  10.77.2.1/32 dev lo
}
static_routes {
  ${routes}
}
static_rules {
  from 10.77.1.0/24 table 100 priority 1000
}
`;

function withEth1(ip: string, mac: string): InterfaceInit[] {
  return [lan(ip, mac), { name: 'eth1', mac: '52:54:00:00:01:01', addresses: [] }, { name: 'lo', mac: '', addresses: [] }];
}

test('static addresses, routes and rules: set before the instances, diffed on reload, removed at stop even with -V', async () => {
  const s = new Scenario();
  const a = s.addNode('A', withEth1('192.168.1.1', MAC_A));
  const first = statics('10.88.0.0/16 via 10.77.1.254 dev eth1\n  blackhole 10.99.0.0/16');
  await a.subsystem.start(parseConfig(first + instance(150)));
  const { addresses } = a.node;
  assert.deepEqual(addresses.addressesOn('eth1'), ['10.77.1.1']);
  assert.deepEqual(addresses.addressesOn('lo'), ['10.77.2.1']);
  assert.deepEqual([...addresses.routes.values()].map((r) => `${r.type ?? 'unicast'} ${r.destination}/${r.prefixLength}`), ['unicast 10.88.0.0/16', 'blackhole 10.99.0.0/16']);
  assert.deepEqual([...addresses.rules.values()].map((r) => `${r.from}/${r.fromPrefixLength} ${r.table} ${r.priority}`), ['10.77.1.0/24 100 1000']);
  // Leftovers of a previous run are deleted first, then everything added; no instance work yet.
  assert.deepEqual(addresses.log.map((op) => `${op.op} ${op.kind}`), [
    'remove address', 'remove address', 'remove route', 'remove route', 'remove rule',
    'add address', 'add address', 'add route', 'add route', 'add rule',
  ]);
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');

  // Reload: the dropped route and the changed address go, the rest stays.
  addresses.log.length = 0;
  await a.subsystem.reload(parseConfig(statics('blackhole 10.99.0.0/16', '10.77.1.2/24 dev eth1') + instance(150)));
  assert.deepEqual(addresses.addressesOn('eth1'), ['10.77.1.2']);
  assert.deepEqual([...addresses.routes.values()].map((r) => r.destination), ['10.99.0.0']);
  assert.ok(addresses.log.some((op) => op.op === 'remove' && op.item.startsWith('10.77.1.1/24')));
  assert.equal(s.state('A', 'VI_1'), 'MASTER');

  // SIGTERM under -V: the VIP stays, the static entries go.
  await a.subsystem.stop({ releaseVips: false });
  assert.ok(addresses.addressesOn('eth0').includes('192.168.1.100'));
  assert.deepEqual(addresses.addressesOn('eth1'), []);
  assert.deepEqual(addresses.addressesOn('lo'), []);
  assert.equal(addresses.routes.size, 0);
  assert.equal(addresses.rules.size, 0);
});

test("a static address deleted by someone else is put back at once with keepalived's line; not one marked no_track, nor a static route", async () => {
  const s = new Scenario();
  const a = s.addNode('A', withEth1('192.168.1.1', MAC_A));
  await a.subsystem.start(parseConfig(statics('10.88.0.0/16 via 10.77.1.254 dev eth1', '10.77.1.1/24 dev eth1 label eth1:5\n  10.77.1.9/24 dev eth1 no_track') + instance(150)));
  const { addresses } = a.node;
  assert.deepEqual(addresses.addressesOn('eth1'), ['10.77.1.1', '10.77.1.9']);
  a.node.linkMonitor.removeAddress('eth1', '10.77.1.1');
  a.node.linkMonitor.removeAddress('eth1', '10.77.1.9');
  addresses.deleteRoutes('10.88.0.0', 16);
  await s.advance(10);
  assert.deepEqual(addresses.addressesOn('eth1'), ['10.77.1.1']);
  assert.deepEqual([...addresses.routes.values()], []);
  assert.deepEqual(s.lines.filter((line) => line.includes('Restoring')), ['A: Restoring deleted static address 10.77.1.1/24 dev eth1 scope global label eth1:5 set']);
  // Our own removals at stop are not put back.
  await a.subsystem.stop({ releaseVips: true });
  assert.deepEqual(addresses.addressesOn('eth1'), []);
});

test('use_vmac: the VMAC goes at stop and when its instance is deleted, stays under -V', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  const both = instance(150, ' use_vmac') + instance(150, ' use_vmac', 'VI_2', 52);
  await a.subsystem.start(parseConfig(both));
  await s.advance(5_000);
  assert.ok(a.node.linkMonitor.link('vrrp.51') !== undefined && a.node.linkMonitor.link('vrrp.52') !== undefined);
  await a.subsystem.reload(parseConfig(instance(150, ' use_vmac')));
  assert.equal(a.node.linkMonitor.link('vrrp.52'), undefined, 'deleted instance: VMAC removed');
  await a.subsystem.stop({ releaseVips: true });
  assert.equal(a.node.linkMonitor.link('vrrp.51'), undefined, 'stop: VMAC removed');

  const b = s.restartNode(a.node);
  await b.subsystem.start(parseConfig(instance(150, ' use_vmac')));
  await s.advance(5_000);
  await b.subsystem.stop({ releaseVips: false });
  assert.ok(a.node.linkMonitor.link('vrrp.51') !== undefined, '-V: VMAC left in place');
});

for (const vmac of [false, true]) {
  test(`interface deleted and re-created${vmac ? ' (use_vmac: the VMAC is created again)' : ''}: the link reopens, adverts resume, the master takes over again`, async () => {
    const s = new Scenario();
    const body = vmac ? ' use_vmac' : '';
    const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
    const b = s.addNode('B', [lan('192.168.1.2', MAC_B)]);
    await a.subsystem.start(parseConfig(instance(150, body)));
    await b.subsystem.start(parseConfig(instance(100, body)));
    await s.advance(5_000);
    assert.equal(s.state('A', 'VI_1'), 'MASTER');
    a.node.linkMonitor.removeLink('eth0');
    await s.advance(5_000);
    assert.equal(s.state('A', 'VI_1'), 'FAULT');
    assert.equal(s.state('B', 'VI_1'), 'MASTER');
    const back = s.clock.nowMs();
    a.node.linkMonitor.addLink(lan('192.168.1.1', MAC_A));
    await s.advance(10_000);
    assert.equal(s.state('A', 'VI_1'), 'MASTER');
    assert.equal(s.state('B', 'VI_1'), 'BACKUP', 'B hears the re-opened link');
    assert.ok(s.network.adverts.filter((ad) => ad.node === 'A' && ad.atMs > back).length >= 5);
    if (vmac) assert.deepEqual(a.node.addresses.addressesOn('vrrp.51'), ['192.168.1.100']);
    await a.subsystem.stop({ releaseVips: true });
    await b.subsystem.stop({ releaseVips: true });
  });
}

test('an equal-priority advert from a lower address counts as lower priority: the Master re-sends its GARPs', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.2', MAC_A)]);
  const b = s.addNode('B', [lan('192.168.1.1', MAC_B)]);
  s.network.isolate('A');
  await a.subsystem.start(parseConfig(instance(100)));
  await b.subsystem.start(parseConfig(instance(100)));
  await s.advance(10_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'MASTER');
  // Only B's adverts get through: A (higher address) hears an equal priority from a lower address.
  s.network.isolate('A', false);
  s.network.setPolicy('A', 'B', { drop: true });
  const healedAt = s.clock.nowMs();
  await s.advance(1_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  // B's one advert of that second: garp_lower_prio_repeat (5) frames at once.
  const garps = s.network.frames.filter((f) => f.node === 'A' && f.atMs >= healedAt).map((f) => f.atMs);
  assert.equal(garps.length, 5);
  assert.ok(garps.every((t) => t === garps[0]));
  await a.subsystem.stop({ releaseVips: true });
  await b.subsystem.stop({ releaseVips: true });
});

test('unicast_src_ip missing from the host: FAULT (src address not configured) until the address appears', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  await a.subsystem.start(parseConfig(instance(150, ' unicast_src_ip 192.168.1.55\n unicast_peer {\n  192.168.1.2\n }')));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  assert.equal(s.transition('A', 'VI_1', 'FAULT')?.reason, 'src address not configured');
  assert.equal(s.network.adverts.length, 0);
  a.node.linkMonitor.addAddress('eth0', { family: 'ipv4', address: '192.168.1.55', prefixLength: 24 });
  await s.advance(5_000);
  assert.ok(s.transition('A', 'VI_1', 'BACKUP'));
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.ok(s.network.adverts.every((ad) => ad.destination === '192.168.1.2'));
  await a.subsystem.stop({ releaseVips: true });
});

test('an interface without an IPv4 address: FAULT (no IPv4 address for interface) until one is added, then adverts from it', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [{ name: 'eth0', mac: MAC_A, addresses: [] }]);
  await a.subsystem.start(parseConfig(instance(150)));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  assert.equal(s.transition('A', 'VI_1', 'FAULT')?.reason, 'no IPv4 address for interface');
  assert.equal(s.network.adverts.length, 0);
  a.node.linkMonitor.addAddress('eth0', { family: 'ipv4', address: '192.168.1.7', prefixLength: 24 });
  await s.advance(5_000);
  assert.equal(s.transition('A', 'VI_1', 'BACKUP')?.reason, 'address 192.168.1.7 on eth0');
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.ok(s.network.adverts.length > 0);
  // The IPv4 header's source: the address that appeared, not the stand-in the FAULT machine had.
  assert.ok(s.network.adverts.every((ad) => [...ad.bytes.subarray(12, 16)].join('.') === '192.168.1.7'));
  await a.subsystem.stop({ releaseVips: true });
});

test('an IPv6 instance on an interface with a global address only: FAULT until a link-local one is added', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [{ name: 'eth0', mac: MAC_A, addresses: [{ family: 'ipv6', address: '2001:db8::1', prefixLength: 64 }] }]);
  const config = 'vrrp_instance VI_6 {\n interface eth0\n virtual_router_id 52\n priority 150\n advert_int 1\n virtual_ipaddress {\n  2001:db8::100/64\n }\n}\n';
  await a.subsystem.start(parseConfig(config));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_6'), 'FAULT');
  assert.equal(s.transition('A', 'VI_6', 'FAULT')?.reason, 'no IPv6 address for interface');
  a.node.linkMonitor.addAddress('eth0', { family: 'ipv6', address: 'fe80::1', prefixLength: 64 });
  await s.advance(5_000);
  assert.ok(s.transition('A', 'VI_6', 'BACKUP'));
  assert.equal(s.state('A', 'VI_6'), 'MASTER');
  await a.subsystem.stop({ releaseVips: true });
});

const advertSource = (bytes: Uint8Array): string => [...bytes.subarray(12, 16)].join('.');
const advertPriority = (bytes: Uint8Array): number => bytes[20 + 2]!;

test("the Master's only IPv4 address removed: priority 0, BACKUP and FAULT; a new address: Backup, then Master advertising from it", async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  await a.subsystem.start(parseConfig(instance(150)));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.ok(a.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  const sentBefore = s.network.adverts.length;
  const removedAt = s.clock.nowMs();
  a.node.linkMonitor.removeAddress('eth0', '192.168.1.1');
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  // Through BACKUP first (its line and notifications), as keepalived's.
  assert.equal(s.transition('A', 'VI_1', 'BACKUP', removedAt)?.reason, 'source address 192.168.1.1 removed from eth0');
  assert.equal(s.transition('A', 'VI_1', 'FAULT')?.reason, 'no IPv4 address for interface');
  assert.ok(!a.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  // One last advert, priority 0 (a Backup takes over at once), then silence.
  assert.deepEqual(s.network.adverts.slice(sentBefore).map((ad) => advertPriority(ad.bytes)), [0]);

  a.node.linkMonitor.addAddress('eth0', { family: 'ipv4', address: '192.168.1.9', prefixLength: 24 });
  const sentWhileFault = s.network.adverts.length;
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  const after = s.network.adverts.slice(sentWhileFault);
  assert.ok(after.length > 0 && after.every((ad) => advertSource(ad.bytes) === '192.168.1.9'));
  await a.subsystem.stop({ releaseVips: true });
});

test('one of two IPv4 addresses removed, the one adverts left from: the Master stays Master and advertises from the other', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  a.node.linkMonitor.addAddress('eth0', { family: 'ipv4', address: '192.168.1.2', prefixLength: 24 });
  await a.subsystem.start(parseConfig(instance(150)));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  const sentBefore = s.network.adverts.length;
  a.node.linkMonitor.removeAddress('eth0', '192.168.1.1');
  await s.advance(3_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.transition('A', 'VI_1', 'FAULT'), undefined);
  const after = s.network.adverts.slice(sentBefore);
  assert.ok(after.length >= 3 && after.every((ad) => advertSource(ad.bytes) === '192.168.1.2' && advertPriority(ad.bytes) === 150));
  assert.ok(a.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  await a.subsystem.stop({ releaseVips: true });
});

test('an interface down at start: the instance waits in FAULT, then runs once it is up', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A, { up: false })]);
  await a.subsystem.start(parseConfig(instance(255)));
  await s.advance(3_000);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  assert.equal(s.network.adverts.length, 0);
  a.node.setLinkUp('eth0', true);
  // Out of FAULT through BACKUP: Master after Master_Down_Interval (3 s), as keepalived's.
  await s.advance(3_500);
  assert.ok(s.transition('A', 'VI_1', 'BACKUP'));
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.ok(s.network.adverts.length > 0 && s.network.adverts.every((ad) => advertSource(ad.bytes) === '192.168.1.1'));
  await a.subsystem.stop({ releaseVips: true });
});

test("a VIP deleted under the Master by someone else: priority 0, BACKUP, and MASTER again after Skew_Time with the VIPs back; not for no_track", async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  const config = 'vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 150\n advert_int 1\n virtual_ipaddress {\n  192.168.1.100/24\n  192.168.1.101/24 no_track\n }\n}\n';
  await a.subsystem.start(parseConfig(config));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');

  // no_track: nothing happens, and the address stays gone until the next time it becomes Master.
  const untracked = s.clock.nowMs();
  a.node.linkMonitor.removeAddress('eth0', '192.168.1.101');
  await s.advance(2_000);
  assert.equal(s.transition('A', 'VI_1', 'BACKUP', untracked), undefined);
  assert.ok(!a.node.addresses.addressesOn('eth0').includes('192.168.1.101'));

  const sentBefore = s.network.adverts.length;
  const deleted = s.clock.nowMs();
  a.node.linkMonitor.removeAddress('eth0', '192.168.1.100');
  await s.advance(1_000);
  const backup = s.transition('A', 'VI_1', 'BACKUP', deleted);
  const master = s.transition('A', 'VI_1', 'MASTER', deleted);
  assert.equal(backup?.reason, 'virtual address 192.168.1.100 deleted from eth0');
  // Skew_Time at priority 150: (256 − 150) / 256 s.
  assert.ok(master !== undefined && Math.abs(master.atMs - deleted - (256 - 150) / 256 * 1000) < 1, `${master?.atMs} - ${deleted}`);
  assert.deepEqual(s.network.adverts.slice(sentBefore, sentBefore + 2).map((ad) => advertPriority(ad.bytes)), [0, 150]);
  assert.ok(a.node.addresses.addressesOn('eth0').includes('192.168.1.100'));
  assert.ok(a.node.addresses.addressesOn('eth0').includes('192.168.1.101'));
  await a.subsystem.stop({ releaseVips: true });
});

test('a virtual route or rule deleted under the Master by someone else: as for a VIP; not for no_track or a route without its own interface', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  const config = `vrrp_instance VI_1 {
 interface eth0
 virtual_router_id 51
 priority 150
 advert_int 1
 virtual_ipaddress {
  192.168.1.100/24
 }
 virtual_routes {
  198.51.100.0/24 via 192.168.1.254 dev eth0
  203.0.113.0/24 dev eth0 no_track
  192.0.2.0/24 via 192.168.1.254
 }
 virtual_rules {
  from 198.18.0.0/16 table 100 preference 1000
 }
}
`;
  await a.subsystem.start(parseConfig(config));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  const routes = () => [...a.node.addresses.routes.values()].map((r) => `${r.destination}/${r.prefixLength}`).sort();
  assert.deepEqual(routes(), ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24']);

  // Neither no_track nor a route without `dev` is followed.
  const untracked = s.clock.nowMs();
  assert.equal(a.node.addresses.deleteRoutes('203.0.113.0', 24), 1);
  assert.equal(a.node.addresses.deleteRoutes('192.0.2.0', 24), 1);
  await s.advance(2_000);
  assert.equal(s.transition('A', 'VI_1', 'BACKUP', untracked), undefined);

  for (const [what, remove] of [
    ['virtual route 198.51.100.0/24 deleted', () => a.node.addresses.deleteRoutes('198.51.100.0', 24)],
    ['virtual rule from 198.18.0.0/16 deleted', () => a.node.addresses.deleteRulesFrom('198.18.0.0', 16)],
  ] as const) {
    const sentBefore = s.network.adverts.length;
    const deleted = s.clock.nowMs();
    assert.equal(remove(), 1);
    await s.advance(1_000);
    assert.equal(s.transition('A', 'VI_1', 'BACKUP', deleted)?.reason, what);
    const master = s.transition('A', 'VI_1', 'MASTER', deleted);
    assert.ok(master !== undefined && Math.abs(master.atMs - deleted - (256 - 150) / 256 * 1000) < 1, `${master?.atMs} - ${deleted}`);
    assert.deepEqual(s.network.adverts.slice(sentBefore, sentBefore + 2).map((ad) => advertPriority(ad.bytes)), [0, 150]);
    // Mastership taken back puts every route and the rule back, the untracked ones too.
    assert.deepEqual(routes(), ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24']);
    assert.equal(a.node.addresses.rules.size, 1);
  }
  await a.subsystem.stop({ releaseVips: true });
});

test("-D detail lines in keepalived's words and order: takeover, gratuitous ARPs, and giving mastership up", async () => {
  const s = new Scenario(1, true);
  const a = s.addNode('A', [lan('192.168.1.1', MAC_A)]);
  const config = `vrrp_instance VI_1 {
 interface eth0
 virtual_router_id 51
 priority 150
 advert_int 1
 garp_master_delay 0
 virtual_ipaddress {
  192.168.1.100/24
 }
 virtual_routes {
  198.51.100.0/24 via 192.168.1.254 dev eth0
 }
}
`;
  await a.subsystem.start(parseConfig(config));
  await s.advance(5_000);
  const from = (line: string) => s.lines.slice(s.lines.indexOf(line));
  const garp = 'A: Sending gratuitous ARP on eth0 for 192.168.1.100';
  assert.deepEqual(from('A: (VI_1) Receive advertisement timeout').slice(0, 10), [
    'A: (VI_1) Receive advertisement timeout',
    'A: (VI_1) Entering MASTER STATE',
    'A: (VI_1) setting VIPs.',
    'A: (VI_1) setting Virtual Routes',
    'A: (VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.168.1.100',
    garp, garp, garp, garp, garp,
  ]);
  a.node.addresses.deleteRoutes('198.51.100.0', 24);
  await s.advance(10);
  assert.deepEqual(from('A: (VI_1) Entering BACKUP STATE'), [
    'A: (VI_1) Entering BACKUP STATE',
    'A: (VI_1) sent 0 priority',
    'A: (VI_1) removing Virtual Routes',
    'A: (VI_1) removing VIPs.',
  ]);
  await a.subsystem.stop({ releaseVips: true });
});
