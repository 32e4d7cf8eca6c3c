import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GratuitousScheduler } from '../../../../src/actors/vrrp/garp.js';
import type { GarpSettings } from '../../../../src/actors/vrrp/params.js';
import type { AddressSpec } from '../../../../src/ports/addresses.js';
import { VirtualClock } from '../../../../src/sim/virtual-time.js';

const defaults: GarpSettings = {
  masterDelayMs: 5000, masterRepeat: 5, refreshMs: 0, refreshRepeat: 1, lowerPrioDelayMs: 5000, lowerPrioRepeat: 5, arpIntervalMs: 0, naIntervalMs: 0,
};

const vips: AddressSpec[] = [
  { family: 'ipv4', address: '10.0.0.1', prefixLength: 24, interfaceName: 'eth0' },
  { family: 'ipv6', address: '2001:db8::1', prefixLength: 64, interfaceName: 'eth0' },
];

function rig(settings: Partial<GarpSettings>) {
  const clock = new VirtualClock();
  const sent: string[] = [];
  const failures: string[] = [];
  const garp = new GratuitousScheduler(
    {
      clock,
      frames: { sendFrame: (name, frame) => void sent.push(`${clock.nowMs()} ${name} ${frame[12] === 0x08 ? 'arp' : 'na'}`) },
      macOf: () => '52:54:00:00:00:01',
      onFailure: (why) => failures.push(why),
    },
    { ...defaults, ...settings },
    () => vips,
  );
  return { clock, sent, failures, garp };
}

test('becoming Master: repeat rounds over every address now, again after garp_master_delay', () => {
  const { clock, sent, garp } = rig({ masterRepeat: 2, masterDelayMs: 1000 });
  garp.becameMaster();
  clock.advanceBy(5000);
  assert.deepEqual(sent, ['0 eth0 arp', '0 eth0 na', '0 eth0 arp', '0 eth0 na', '1000 eth0 arp', '1000 eth0 na', '1000 eth0 arp', '1000 eth0 na']);
});

test('vrrp_garp_interval / vrrp_gna_interval space frames of their kind on an interface', () => {
  const { clock, sent, garp } = rig({ masterRepeat: 3, masterDelayMs: 0, arpIntervalMs: 10, naIntervalMs: 25 });
  garp.becameMaster();
  clock.advanceBy(1000);
  assert.deepEqual(sent, ['0 eth0 arp', '0 eth0 na', '10 eth0 arp', '20 eth0 arp', '25 eth0 na', '50 eth0 na']);
});

test('garp_master_refresh repeats while Master; stop() cancels everything pending', () => {
  const { clock, sent, garp } = rig({ masterRepeat: 1, masterDelayMs: 0, refreshMs: 100, refreshRepeat: 1 });
  garp.becameMaster();
  clock.advanceBy(250);
  garp.stop();
  clock.advanceBy(1000);
  assert.deepEqual(sent.filter((s) => s.endsWith('arp')), ['0 eth0 arp', '100 eth0 arp', '200 eth0 arp']);
});

test('lower priority advert heard: garp_lower_prio_repeat now and after garp_lower_prio_delay; 0 repeat sends nothing', () => {
  const { clock, sent, garp } = rig({ lowerPrioRepeat: 1, lowerPrioDelayMs: 300 });
  garp.lowerPriorityHeard();
  clock.advanceBy(1000);
  assert.deepEqual(sent, ['0 eth0 arp', '0 eth0 na', '300 eth0 arp', '300 eth0 na']);
  const quiet = rig({ lowerPrioRepeat: 0 });
  quiet.garp.lowerPriorityHeard();
  quiet.clock.advanceBy(10_000);
  assert.deepEqual(quiet.sent, []);
});

// ---- garp_group, shared pacing per base interface, the NA Router flag. ----

test('garp_group intervals per interface, the global ones elsewhere; one queue per base interface shared by instances', async () => {
  const { GarpPacing } = await import('../../../../src/actors/vrrp/garp.js');
  const { garpIntervals } = await import('../../../../src/actors/vrrp/params.js');
  const { parseConfig } = await import('./harness.js');
  const config = parseConfig(`global_defs {
  vrrp_garp_interval 0.01
}
garp_group {
  garp_interval 0.1
  interfaces {
    eth1
  }
}
`);
  const clock = new VirtualClock();
  const pacing = new GarpPacing(clock);
  const { fallback, byInterface } = garpIntervals(config);
  pacing.configure(fallback, byInterface);
  assert.equal(pacing.intervalMs('ipv4', 'eth0'), 10);
  assert.equal(pacing.intervalMs('ipv4', 'eth1'), 100);
  // The group leaves gna_interval unset: no NA spacing on eth1, not the global one.
  assert.equal(pacing.intervalMs('ipv6', 'eth1'), 0);
  const sent: string[] = [];
  const scheduler = (address: string, interfaceName: string) =>
    new GratuitousScheduler(
      {
        clock,
        frames: { sendFrame: (name) => void sent.push(`${clock.nowMs()} ${name} ${address}`) },
        macOf: () => '52:54:00:00:00:01',
        onFailure: () => {},
        pacing,
        baseOf: (name) => (name === 'vrrp.51' ? 'eth1' : name),
      },
      { ...defaults, masterRepeat: 2, masterDelayMs: 0 },
      () => [{ family: 'ipv4', address, prefixLength: 24, interfaceName }],
    );
  const a = scheduler('10.0.0.1', 'eth0');
  const b = scheduler('10.0.0.2', 'eth0');
  const c = scheduler('10.1.0.1', 'vrrp.51');
  a.becameMaster();
  b.becameMaster();
  c.becameMaster();
  clock.advanceBy(1000);
  assert.deepEqual(sent, [
    '0 eth0 10.0.0.1', '0 vrrp.51 10.1.0.1', '10 eth0 10.0.0.1', '20 eth0 10.0.0.2', '30 eth0 10.0.0.2', '100 vrrp.51 10.1.0.1',
  ]);
  // Leaving Master drops only that instance's pending frames.
  sent.length = 0;
  a.becameMaster();
  b.becameMaster();
  a.stop();
  clock.advanceBy(1000);
  assert.deepEqual(sent, ['1000 eth0 10.0.0.1', '1010 eth0 10.0.0.2', '1020 eth0 10.0.0.2']);
});

test('unsolicited NA: Router flag set when IPv6 forwarding is on for the (base) interface', () => {
  const clock = new VirtualClock();
  const frames: Uint8Array[] = [];
  let forwarding = false;
  const garp = new GratuitousScheduler(
    {
      clock,
      frames: { sendFrame: (_name, frame) => void frames.push(frame), isIpv6Router: (name) => name === 'eth0' && forwarding },
      macOf: () => '52:54:00:00:00:01',
      onFailure: () => {},
    },
    { ...defaults, masterRepeat: 1, masterDelayMs: 0 },
    () => [vips[1]!],
  );
  garp.becameMaster();
  forwarding = true;
  garp.becameMaster();
  // Ethernet 14 + IPv6 40: ICMPv6 type 136, flags in the byte after the checksum (R 0x80, O 0x20).
  assert.deepEqual(frames.map((f) => [f[54], f[58]]), [[136, 0x20], [136, 0xa0]]);
});

test('a reload keeping a Master: one round for every address now, the delayed round of its takeover dropped', () => {
  const { clock, sent, garp } = rig({ masterRepeat: 2, masterDelayMs: 1000 });
  garp.becameMaster();
  clock.advanceBy(500);
  sent.length = 0;
  garp.reloaded();
  clock.advanceBy(5000);
  assert.deepEqual(sent, ['500 eth0 arp', '500 eth0 na', '500 eth0 arp', '500 eth0 na']);
});
