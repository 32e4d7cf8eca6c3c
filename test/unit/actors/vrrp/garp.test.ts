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
