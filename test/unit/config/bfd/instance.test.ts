import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../lvs/harness.js';

test('a bfd_instance with its settings', () => {
  const r = parse('bfd_instance B1 {\n  neighbor_ip 10.0.0.2\n  source_ip 10.0.0.1\n  min_rx 3.312\n  idle_tx 2000\n  multiplier 3\n  passive\n  weight -20 reverse\n  vrrp\n}\n');
  assert.deepEqual(r.lines, []);
  assert.equal(r.exitCode, 0);
  const b = r.config.bfd.instances[0];
  assert.ok(b);
  assert.deepEqual(b.neighbor, { family: 'inet', address: '10.0.0.2' });
  assert.equal(b.minRxMs, 3.312);
  assert.equal(b.minTxMs, 10);
  assert.equal(b.idleTxMs, 2000);
  assert.equal(b.multiplier, 3);
  assert.equal(b.passive, true);
  assert.equal(b.weight, -20);
  assert.equal(b.reverse, true);
  assert.equal(b.notifyVrrp, true);
  assert.equal(b.notifyChecker, false);
});

test('out-of-range values keep the defaults, with keepalived\'s two lines each', () => {
  const r = parse('bfd_instance B1 {\n  neighbor_ip 10.0.0.2\n  min_rx 0\n  idle_tx abc\n  multiplier 0\n  ttl 256\n  max_hops 300\n  weight 254\n}\n');
  assert.deepEqual(r.lines, [
    "(t.conf: Line 3) number '0' outside range [1.000, 4294967.000]",
    '(t.conf: Line 3) Configuration error: BFD instance B1 min_rx value 0 is not valid (must be in range [1-4294967]), ignoring',
    "(t.conf: Line 4) invalid number 'abc'",
    '(t.conf: Line 4) Configuration error: BFD instance B1 idle_tx value abc is not valid (must be in range [1000-4294967]), ignoring',
    "(t.conf: Line 5) number '0' outside range [1, 255]",
    '(t.conf: Line 5) Configuration error: BFD instance B1 multiplier value 0 not valid (must be in range [1-255]), ignoring',
    "(t.conf: Line 6) number '256' outside range [1, 255]",
    '(t.conf: Line 6) Configuration error: BFD instance B1 ttl/hoplimit value 256 not valid (must be in range [1-255]), ignoring',
    "(t.conf: Line 7) number '300' outside range [-1, 255]",
    '(t.conf: Line 7) Configuration error: BFD instance B1 max_hops value 300 not valid (must be in range [-1-255]), ignoring',
    "(t.conf: Line 8) number '254' outside range [-253, 253]",
    '(t.conf: Line 8) Configuration error: BFD instance B1 weight value 254 not valid (must be in range [-253-253]), ignoring',
  ]);
  assert.equal(r.exitCode, 5);
  assert.equal(r.config.bfd.instances[0]?.multiplier, 5);
});

test('instances keepalived refuses', () => {
  const r = parse(
    'bfd_instance B1 {\n  neighbor_ip 10.0.0.2\n}\n' +
      'bfd_instance B2 {\n  source_ip 10.0.0.1\n}\n' +
      'bfd_instance B3 {\n  neighbor_ip 10.0.0.x\n}\n' +
      'bfd_instance B4 {\n  neighbor_ip 10.0.0.2\n}\n' +
      'bfd_instance B1 {\n  neighbour_ip 10.0.0.3\n}\n' +
      'bfd_instance ThisIsAVeryLongBfdInstanceNameMoreThan31 {\n  neighbor_ip 10.0.0.9\n}\n',
  );
  assert.deepEqual(r.lines, [
    '(t.conf: Line 6) Configuration error: BFD instance B2 has no neighbor address set, disabling instance',
    '(t.conf: Line 8) Configuration error: BFD instance B3 has malformed neighbor address 10.0.0.x, ignoring instance',
    '(t.conf: Line 12) Configuration error: BFD instance B4 has duplicate neighbor address 10.0.0.2, ignoring instance',
    '(t.conf: Line 13) BFD B1 already specified',
    '(t.conf: Line 13) Configuration error: BFD instance B1 already configured - ignoring',
    '(t.conf: Line 16) BFD name ThisIsAVeryLongBfdInstanceNameMoreThan31 too long',
    '(t.conf: Line 16) Configuration error: BFD instance ThisIsAVeryLongBfdInstanceNameMoreThan31 name too long (maximum length is 31 characters) - ignoring',
  ]);
  assert.deepEqual(r.config.bfd.instances.map((i) => i.name), ['B1']);
});
