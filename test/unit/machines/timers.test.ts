import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAddresses, masterDownIntervalUs, skewTimeUs } from '../../../src/machines/index.js';

test('v2 skew is based on one second whatever advert_int is (keepalived TIMER_HZ/256)', () => {
  assert.equal(skewTimeUs({ version: 2, priority: 110, masterAdverIntervalUs: 1_000_000, downTimerAdverts: 3 }), 570_312);
  assert.equal(skewTimeUs({ version: 2, priority: 110, masterAdverIntervalUs: 5_000_000, downTimerAdverts: 3 }), 570_312);
  // Measured takeover bound at advert 1 s, priority 110: 3570.3 ms.
  assert.equal(masterDownIntervalUs({ version: 2, priority: 110, masterAdverIntervalUs: 1_000_000, downTimerAdverts: 3 }), 3_570_312);
});

test('v3 skew scales with Master_Adver_Interval in centiseconds (×625/16)', () => {
  assert.equal(skewTimeUs({ version: 3, priority: 110, masterAdverIntervalUs: 1_000_000, downTimerAdverts: 3 }), 570_312);
  assert.equal(skewTimeUs({ version: 3, priority: 110, masterAdverIntervalUs: 500_000, downTimerAdverts: 3 }), 285_156);
  assert.equal(masterDownIntervalUs({ version: 3, priority: 200, masterAdverIntervalUs: 100_000, downTimerAdverts: 5 }), 521_875);
});

test('owner skew is 1/256 of a second; down_timer_adverts multiplies the interval', () => {
  assert.equal(skewTimeUs({ version: 2, priority: 255, masterAdverIntervalUs: 1_000_000, downTimerAdverts: 3 }), 3_906);
  assert.equal(masterDownIntervalUs({ version: 2, priority: 255, masterAdverIntervalUs: 2_000_000, downTimerAdverts: 1 }), 2_003_906);
});

test('addresses compare as unsigned bytes', () => {
  assert.equal(compareAddresses('10.0.0.9', '10.0.0.10'), -1);
  assert.equal(compareAddresses('192.168.0.1', '10.255.255.255'), 1);
  assert.equal(compareAddresses('fe80::2', 'fe80::1'), 1);
  assert.equal(compareAddresses('fe80::1', Uint8Array.from([0xfe, 0x80, ...new Array<number>(13).fill(0), 1])), 0);
  assert.equal(compareAddresses('::ffff:10.0.0.1', '::ffff:9.255.0.1'), 1);
  assert.throws(() => compareAddresses('10.0.0.256', '10.0.0.1'));
});
