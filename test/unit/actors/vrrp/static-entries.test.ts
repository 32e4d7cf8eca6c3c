import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restoringLine } from '../../../../src/actors/vrrp/static-entries.js';

test("a static address put back is named in keepalived 2.2.7's address format", () => {
  assert.equal(
    restoringLine({ family: 'ipv4', address: '192.168.50.51', prefixLength: 24, interfaceName: 'eth0', label: 'eth0:1' }),
    'Restoring deleted static address 192.168.50.51/24 dev eth0 scope global label eth0:1 set',
  );
  assert.equal(
    restoringLine({ family: 'ipv6', address: '2001:db8::51', prefixLength: 64, interfaceName: 'eth0' }),
    'Restoring deleted static address 2001:db8::51/64 dev eth0 scope global preferred_lft forever set',
  );
});
