/** SIGHUP: unchanged instances keep state and VIPs, changed ones adapt, removed go DELETED, new start. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, lan, parseConfig } from '../unit/actors/vrrp/harness.js';

function config(instances: readonly { name: string; vrid: number; priority: number; vips: readonly string[] }[]): string {
  return instances.map((i) => `vrrp_instance ${i.name} {
  state BACKUP
  interface eth0
  virtual_router_id ${i.vrid}
  priority ${i.priority}
  advert_int 1
  virtual_ipaddress {
    ${i.vips.join('\n    ')}
  }
}
`).join('');
}

test('reload: unchanged keeps state without a flap; removed goes DELETED with priority 0; new starts', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', '52:54:00:00:00:0a')]);
  const b = s.addNode('B', [lan('192.168.1.2', '52:54:00:00:00:0b')]);
  const v1 = { name: 'VI_1', vrid: 51, priority: 150, vips: ['192.168.1.100/24'] };
  const v2 = { name: 'VI_2', vrid: 52, priority: 150, vips: ['192.168.1.200/24'] };
  await a.subsystem.start(parseConfig(config([v1, v2])));
  await b.subsystem.start(parseConfig(config([{ ...v1, priority: 100 }, { ...v2, priority: 100 }])));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('A', 'VI_2'), 'MASTER');
  const before = a.events.length;
  const addressOpsBefore = a.node.addresses.log.length;

  const v3 = { name: 'VI_3', vrid: 53, priority: 150, vips: ['192.168.1.150/24'] };
  await a.subsystem.reload(parseConfig(config([v1, v3])));
  await s.advance(5_000);

  const after = a.events.slice(before);
  assert.ok(!after.some((e) => e.type === 'instance-state' && e.instance === 'VI_1'), 'VI_1 did not flap');
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.ok(after.some((e) => e.type === 'instance-state' && e.instance === 'VI_2' && e.to === 'DELETED'));
  assert.ok(!a.node.addresses.addressesOn('eth0').includes('192.168.1.200'));
  // B heard VI_2's priority 0 and took over after its skew time.
  assert.equal(s.state('B', 'VI_2'), 'MASTER');
  assert.equal(s.state('A', 'VI_3'), 'MASTER');
  assert.ok(a.node.addresses.addressesOn('eth0').includes('192.168.1.150'));
  assert.ok(!a.node.addresses.log.slice(addressOpsBefore).some((op) => op.item.startsWith('192.168.1.100')), 'VI_1 addresses untouched');
  assert.deepEqual(a.subsystem.status().instances.map((i) => i.name), ['VI_1', 'VI_3']);
  await a.subsystem.stop({ releaseVips: true });
  await b.subsystem.stop({ releaseVips: true });
});

test('reload: a Master adapts priority and VIPs in place (no flap); a lower priority hands over', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', '52:54:00:00:00:0a')]);
  const b = s.addNode('B', [lan('192.168.1.2', '52:54:00:00:00:0b')]);
  const v1 = { name: 'VI_1', vrid: 51, priority: 150, vips: ['192.168.1.100/24'] };
  await a.subsystem.start(parseConfig(config([v1])));
  await b.subsystem.start(parseConfig(config([{ ...v1, priority: 100, vips: ['192.168.1.100/24', '192.168.1.101/24'] }])));
  await s.advance(5_000);
  const before = a.events.length;
  // Same priority, one more VIP (as B has it): addresses adapt, the state stays.
  await a.subsystem.reload(parseConfig(config([{ ...v1, vips: ['192.168.1.100/24', '192.168.1.101/24'] }])));
  await s.advance(3_000);
  assert.ok(!a.events.slice(before).some((e) => e.type === 'instance-state'));
  assert.deepEqual(a.node.addresses.addressesOn('eth0'), ['192.168.1.1', '192.168.1.100', '192.168.1.101']);
  assert.equal(b.subsystem.status().instances[0]!.counters.addr_list_err > 0, true, 'B rejected the 1-VIP adverts before');
  const errorsAfterReload = b.subsystem.status().instances[0]!.counters.addr_list_err;
  await s.advance(3_000);
  assert.equal(b.subsystem.status().instances[0]!.counters.addr_list_err, errorsAfterReload, 'adverts now carry both VIPs');
  // Priority below B's: A keeps Master until B preempts after its down timer.
  await a.subsystem.reload(parseConfig(config([{ ...v1, priority: 90, vips: ['192.168.1.100/24', '192.168.1.101/24'] }])));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'BACKUP');
  assert.equal(s.state('B', 'VI_1'), 'MASTER');
  assert.equal(a.subsystem.status().instances[0]!.basePriority, 90);
  await a.subsystem.stop({ releaseVips: true });
  await b.subsystem.stop({ releaseVips: true });
});

test('reload: a VRID change restarts the instance', async () => {
  const s = new Scenario();
  const a = s.addNode('A', [lan('192.168.1.1', '52:54:00:00:00:0a')]);
  const v1 = { name: 'VI_1', vrid: 51, priority: 150, vips: ['192.168.1.100/24'] };
  await a.subsystem.start(parseConfig(config([v1])));
  await s.advance(5_000);
  await a.subsystem.reload(parseConfig(config([{ ...v1, vrid: 61 }])));
  await s.advance(5_000);
  const states = a.events.filter((e) => e.type === 'instance-state').map((e) => e.type === 'instance-state' ? `${e.from}->${e.to}` : '');
  assert.deepEqual(states, ['INIT->BACKUP', 'BACKUP->MASTER', 'MASTER->DELETED', 'INIT->BACKUP', 'BACKUP->MASTER']);
  assert.equal(a.subsystem.status().instances[0]!.vrid, 61);
  await a.subsystem.stop({ releaseVips: true });
});
