import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUnsolicitedNa, parseMac, virtualRouterMac, formatMac } from '../../../src/protocol/index.js';

test('virtual router MACs (RFC 5798 §7.3)', () => {
  assert.equal(formatMac(virtualRouterMac(51, 'ipv4')), '00:00:5e:00:01:33');
  assert.equal(formatMac(virtualRouterMac(255, 'ipv6')), '00:00:5e:00:02:ff');
});

test('unsolicited NA sets Router only when asked, and keeps a valid checksum', () => {
  const mac = parseMac('02:77:00:00:00:01')!;
  const plain = buildUnsolicitedNa({ sourceMac: mac, address: 'fd77::100' });
  const router = buildUnsolicitedNa({ sourceMac: mac, address: 'fd77::100', router: true });
  assert.equal(plain[54 + 4], 0x20);
  assert.equal(router[54 + 4], 0xa0);
  // Changing a flag byte by 0x80 moves the checksum by the same amount (ones' complement).
  const cs = (f: Uint8Array): number => (f[56]! << 8) | f[57]!;
  assert.equal((cs(plain) - cs(router) + 0xffff) % 0xffff, 0x8000);
});
