/** A bug in one instance actor is contained: that instance is rebuilt, its sibling never notices. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, lan, parseConfig } from '../unit/actors/vrrp/harness.js';

const two = `
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 150
  advert_int 1
  virtual_ipaddress {
    192.168.1.100/24
  }
}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  priority 100
  advert_int 1
  virtual_ipaddress {
    192.168.1.200/24
  }
}
`;

test('an instance actor that throws is restarted from its config without disturbing its sibling', async () => {
  const s = new Scenario();
  let armed = false;
  const faultHook = (instance: string, point: string): void => {
    if (armed && instance === 'VI_2' && point === 'ADVERT') {
      armed = false;
      throw new Error('injected bug');
    }
  };
  const a = s.addNode('A', [lan('192.168.1.1', '52:54:00:00:00:0a')]);
  const b = s.addNode('B', [lan('192.168.1.2', '52:54:00:00:00:0b')], { faultHook });
  await a.subsystem.start(parseConfig(two));
  await b.subsystem.start(parseConfig(two.replace('priority 150', 'priority 50').replace('priority 100', 'priority 200')));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_2'), 'MASTER');
  const vi1Before = b.events.filter((e) => e.type === 'instance-state' && e.instance === 'VI_1').length;
  const vi1Received = b.subsystem.status().instances[0]!.counters.advert_rcvd;

  // A's VI_2 (a backup) is silent: cut B's VI_2 adverts towards A so A's VI_2 takes over and
  // advertises; the first of those adverts B's VI_2 receives trips the injected bug.
  armed = true;
  s.network.setPolicy('B', 'A', { drop: (p) => p.vrid === 52 });
  await s.advance(5_000);
  s.network.setPolicy('B', 'A', undefined);
  await s.advance(10_000);

  const restarted = b.events.find((e) => e.type === 'actor-restarted');
  assert.ok(restarted, 'restart reported');
  assert.equal(restarted.type === 'actor-restarted' && restarted.actor, 'VI_2');
  assert.match(restarted.type === 'actor-restarted' ? restarted.reason : '', /injected bug/);
  // The rebuilt VI_2 (priority 200) wins again; VI_1 saw no transition and kept counting adverts.
  assert.equal(s.state('B', 'VI_2'), 'MASTER');
  assert.equal(b.events.filter((e) => e.type === 'instance-state' && e.instance === 'VI_1').length, vi1Before);
  assert.ok(b.subsystem.status().instances[0]!.counters.advert_rcvd > vi1Received);
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  await a.subsystem.stop({ releaseVips: true });
  await b.subsystem.stop({ releaseVips: true });
  assert.deepEqual(b.node.addresses.addressesOn('eth0'), ['192.168.1.2']);
});

test('a bug that keeps coming back: the supervisor gives up and reports the escalation', async () => {
  const s = new Scenario();
  const faultHook = (instance: string, point: string): void => {
    if (instance === 'VI_1' && point === 'sendAdvert') throw new Error('persistent bug');
  };
  const a = s.addNode('A', [lan('192.168.1.1', '52:54:00:00:00:0a')], { faultHook, intensity: { maxRestarts: 2, periodMs: 60_000 } });
  await a.subsystem.start(parseConfig(two));
  await s.advance(30_000);
  const restarts = a.events.filter((e) => e.type === 'actor-restarted');
  const escalations = a.events.filter((e) => e.type === 'actor-escalated');
  assert.equal(restarts.length, 2);
  assert.equal(escalations.length, 1);
  assert.match(escalations[0]!.type === 'actor-escalated' ? escalations[0]!.reason : '', /more than 2 restarts/);
  await a.subsystem.stop({ releaseVips: true });
});

test('no link yet (no address): the instances wait in FAULT, as keepalived, then run once the address appears', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [{ name: 'eth0', mac: '52:54:00:00:00:0a', addresses: [] }]);
  await a.subsystem.start(parseConfig(two));
  await s.advance(3_000);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  assert.equal(s.state('A', 'VI_2'), 'FAULT');
  a.node.linkMonitor.addAddress('eth0', { family: 'ipv4', address: '192.168.1.1', prefixLength: 24 });
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('A', 'VI_2'), 'MASTER');
  await a.subsystem.stop({ releaseVips: true });
  await s.advance(10_000);
  assert.equal(s.clock.pendingTimers(), 0, 'nothing left running after stop');
});
