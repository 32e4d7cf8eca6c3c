/** Default and configured source addresses of adverts. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSourceAddress, systemInterfaceAddresses, type HostAddress } from '../../../src/io/net/source-address.js';
import { isIpv6LinkLocal } from '../../../src/protocol/address.js';

const table: Record<string, HostAddress[]> = {
  eth0: [
    { family: 'ipv6', address: '2001:db8::5' },
    { family: 'ipv4', address: '192.0.2.10' },
    { family: 'ipv4', address: '192.0.2.11' },
    { family: 'ipv6', address: 'fe80::aa:bbff:fecc:1' },
  ],
  eth1: [{ family: 'ipv6', address: '2001:db8::6' }],
};
const addressesOf = (name: string): readonly HostAddress[] => table[name] ?? [];

describe('resolveSourceAddress', () => {
  it('uses the first IPv4 address of the interface', () => {
    assert.equal(resolveSourceAddress('ipv4', 'eth0', undefined, addressesOf), '192.0.2.10');
  });

  it('uses the link-local IPv6 address, not a global one listed first', () => {
    assert.equal(resolveSourceAddress('ipv6', 'eth0', undefined, addressesOf), 'fe80::aa:bbff:fecc:1');
  });

  it('says clearly when the interface has no suitable address yet', () => {
    assert.deepEqual(resolveSourceAddress('ipv6', 'eth1', undefined, addressesOf), { error: 'eth1 has no IPv6 link-local address (yet)' });
    assert.deepEqual(resolveSourceAddress('ipv4', 'eth1', undefined, addressesOf), { error: 'eth1 has no IPv4 address (yet)' });
    assert.deepEqual(resolveSourceAddress('ipv4', 'gone0', undefined, addressesOf), { error: 'gone0 has no IPv4 address (yet)' });
  });

  it('takes a configured address as is (canonical form), checking only its family', () => {
    assert.equal(resolveSourceAddress('ipv6', 'eth1', '2001:DB8:0::7', addressesOf), '2001:db8::7');
    assert.equal(resolveSourceAddress('ipv4', 'eth1', '198.51.100.1', addressesOf), '198.51.100.1');
    assert.deepEqual(resolveSourceAddress('ipv4', 'eth1', 'fe80::1', addressesOf), { error: 'source address fe80::1 is not an ipv4 address' });
  });
});

describe('source address helpers', () => {
  it('recognises fe80::/10', () => {
    assert.ok(isIpv6LinkLocal('fe80::1'));
    assert.ok(isIpv6LinkLocal('FEBF::1'));
    assert.ok(!isIpv6LinkLocal('fec0::1'));
    assert.ok(!isIpv6LinkLocal('2001:db8::1'));
  });

  it('reads the loopback addresses of this host with getifaddrs', () => {
    assert.ok(systemInterfaceAddresses('lo').some((a) => a.family === 'ipv4' && a.address === '127.0.0.1'));
    assert.deepEqual(systemInterfaceAddresses('no-such-if0'), []);
  });
});
