import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIPv6, formatMac, parseIPv4, parseIPv6, parseMac, formatIPv4 } from '../../../src/protocol/index.js';

test('IPv4 text round-trips and bad text is null', () => {
  assert.equal(formatIPv4(parseIPv4('10.77.0.100')!), '10.77.0.100');
  for (const bad of ['1.2.3', '1.2.3.256', '01.2.3.4', 'a.b.c.d', '', '1.2.3.4.5']) assert.equal(parseIPv4(bad), null, bad);
});

test('IPv6 formats per RFC 5952 and parses the usual forms', () => {
  const cases: [string, string][] = [
    ['fd77::100', 'fd77::100'], ['FE80:0:0:0:0:77:0:100', 'fe80::77:0:100'], ['::', '::'], ['::1', '::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'], ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'], ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'], ['ff02::12', 'ff02::12'], ['1::', '1::'],
  ];
  for (const [input, canonical] of cases) assert.equal(formatIPv6(parseIPv6(input)!), canonical, input);
  for (const bad of ['1::2::3', '12345::', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', ':::', 'g::1', '1.2.3.4::', '1:2:3:4:5:6:7::8']) {
    assert.equal(parseIPv6(bad), null, bad);
  }
});

test('MAC text round-trips', () => {
  assert.equal(formatMac(parseMac('02:77:00:00:00:01')!), '02:77:00:00:00:01');
  assert.equal(parseMac('02:77:00:00:00'), null);
});
