import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fundamentalKey, instanceSettings } from '../../../../src/actors/vrrp/params.js';
import type { InstanceSettings } from '../../../../src/actors/vrrp/params.js';
import { parseConfig } from './harness.js';

function settingsOf(text: string, name = 'VI_1'): InstanceSettings {
  const config = parseConfig(text);
  const instance = config.vrrp.instances.find((i) => i.name === name);
  assert.ok(instance);
  const result = instanceSettings(config, instance);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.settings;
}

const block = (body: string, global = '') => `global_defs {\n${global}\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 7\n${body}\n}\n`;

test('keepalived defaults: priority 100, BACKUP, v2, advert 1 s, preempt, accept, 3 down adverts', () => {
  const s = settingsOf(block('virtual_ipaddress {\n 10.0.0.1/24\n}'));
  assert.equal(s.machine.priority, 100);
  assert.equal(s.machine.initialState, 'BACKUP');
  assert.equal(s.machine.version, 2);
  assert.equal(s.machine.family, 'inet');
  assert.equal(s.machine.advertIntervalMs, 1000);
  assert.equal(s.machine.nopreempt, false);
  assert.equal(s.machine.preemptDelayMs, 0);
  assert.equal(s.machine.accept, true);
  assert.equal(s.machine.downTimerAdverts, 3);
  assert.equal(s.family, 'ipv4');
  assert.equal(s.multicastGroup, '224.0.0.18');
  assert.equal(s.authType, 'none');
  assert.deepEqual(s.vips.map((v) => [v.address, v.prefixLength, v.interfaceName]), [['10.0.0.1', 24, 'eth0']]);
  assert.deepEqual(s.garp, {
    masterDelayMs: 5000, masterRepeat: 5, refreshMs: 0, refreshRepeat: 1, lowerPrioDelayMs: 5000, lowerPrioRepeat: 5, arpIntervalMs: 0, naIntervalMs: 0,
  });
});

test('state MASTER without a priority is the address owner (255)', () => {
  assert.equal(settingsOf(block('state MASTER\nvirtual_ipaddress {\n 10.0.0.1\n}')).machine.priority, 255);
  assert.equal(settingsOf(block('state MASTER\npriority 120\nvirtual_ipaddress {\n 10.0.0.1\n}')).machine.priority, 120);
});

test('version from vrrp_version, IPv6 family from the first VIP', () => {
  const s = settingsOf(block('advert_int 0.5\nvirtual_ipaddress {\n fe80::10\n 2001:db8::10/64\n 10.0.0.1/24\n}', 'vrrp_version 3'));
  assert.equal(s.version, 3);
  assert.equal(s.machine.family, 'inet6');
  assert.equal(s.machine.advertIntervalMs, 500);
  assert.equal(s.multicastGroup, 'ff02::12');
  assert.deepEqual(s.vips.map((v) => v.address), ['fe80::10', '2001:db8::10']);
  // The config layer already drops a VIP of the other family (keepalived: "address family must match").
  assert.deepEqual(s.excluded, []);
});

test('nopreempt, preempt_delay, auth, strict mode and instance garp settings over the global ones', () => {
  const s = settingsOf(block(
    'nopreempt\npreempt_delay 30\nauthentication {\n auth_type AH\n auth_pass secret\n}\ngarp_master_delay 2\ngarp_master_repeat 3\ngarp_master_refresh 60\nvirtual_ipaddress {\n 10.0.0.1\n}',
    'vrrp_strict\nvrrp_garp_interval 0.01\nvrrp_garp_master_delay 9\nvrrp_garp_lower_prio_repeat 2',
  ));
  assert.equal(s.machine.nopreempt, true);
  // keepalived: "preempt_delay is incompatible with nopreempt mode - resetting".
  assert.equal(s.machine.preemptDelayMs, 0);
  assert.equal(s.machine.accept, false);
  assert.equal(s.authType, 'ah');
  assert.equal(s.authPass, 'secret');
  assert.equal(s.garp.masterDelayMs, 2000);
  assert.equal(s.garp.masterRepeat, 3);
  assert.equal(s.garp.refreshMs, 60_000);
  assert.equal(s.garp.lowerPrioDelayMs, 2000);
  assert.equal(s.garp.lowerPrioRepeat, 2);
  assert.equal(s.garp.arpIntervalMs, 10);
});

test('use_vmac: VIPs and adverts on vrrp.VRID; track_interface and sync group membership reach the machine', () => {
  const text = `vrrp_sync_group G {\n group {\n VI_1\n }\n}\n${block('use_vmac\ntrack_interface {\n eth1 weight -20\n}\nvirtual_ipaddress {\n 10.0.0.1\n}')}`;
  const s = settingsOf(text);
  assert.deepEqual(s.vmac, { name: 'vrrp.7', baseInterface: 'eth0', vrid: 7, family: 'ipv4' });
  assert.equal(s.advertInterface, 'vrrp.7');
  assert.equal(s.vips[0]?.interfaceName, 'vrrp.7');
  assert.deepEqual(s.machine.tracked, [{ name: 'interface:eth1', weight: -20, reverse: false }]);
  assert.deepEqual(s.trackedInterfaces, [{ interfaceName: 'eth1', key: 'interface:eth1' }]);
  assert.deepEqual(s.machine.syncGroup, { name: 'G', trackingWeight: false });
  assert.equal(s.syncGroup, 'G');
});

test('fundamental changes: VRID and unicast/multicast change the key, priority does not', () => {
  const base = settingsOf(block('priority 100\nvirtual_ipaddress {\n 10.0.0.1\n}'));
  const prio = settingsOf(block('priority 150\nvirtual_ipaddress {\n 10.0.0.1\n}'));
  const unicast = settingsOf(block('priority 100\nunicast_peer {\n 10.0.0.2\n}\nvirtual_ipaddress {\n 10.0.0.1\n}'));
  assert.equal(fundamentalKey(prio), fundamentalKey(base));
  assert.notEqual(fundamentalKey(unicast), fundamentalKey(base));
  assert.notEqual(fundamentalKey(settingsOf(block('virtual_ipaddress {\n 10.0.0.1\n}').replace('virtual_router_id 7', 'virtual_router_id 8'))), fundamentalKey(base));
});
