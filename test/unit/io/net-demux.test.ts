/** VRID extraction from raw datagrams and the (VRID, destination) routing table. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AdvertDemux, canonicalAddress, vridOf } from '../../../src/io/net/demux.js';
import { encodeAdvertIPv4, encodeAdvertIPv6, passwordAuthData } from '../../../src/protocol/index.js';
import { nodeHmacMd5 } from '../../../src/io/crypto.js';

describe('vridOf', () => {
  it('reads VRRP byte 1 after the IPv4 header (v2 and v3)', () => {
    const v2 = encodeAdvertIPv4({ version: 2, family: 'ipv4', vrid: 7, priority: 100, advertIntervalS: 1, auth: { type: 'none' }, addresses: ['10.0.0.1'] }, { source: '10.0.0.2' });
    const v3 = encodeAdvertIPv4({ version: 3, family: 'ipv4', vrid: 200, priority: 100, maxAdvertIntervalCs: 100, addresses: ['10.0.0.1'] }, { source: '10.0.0.2' });
    assert.equal(vridOf('ipv4', v2), 7);
    assert.equal(vridOf('ipv4', v3), 200);
  });

  it('skips the 24-byte AH header of protocol 51', () => {
    const ah = encodeAdvertIPv4(
      { version: 2, family: 'ipv4', vrid: 42, priority: 100, advertIntervalS: 1, auth: { type: 'ah', spi: 1, sequence: 1 }, addresses: ['10.0.0.1'] },
      { source: '10.0.0.2' }, { authKey: passwordAuthData('k'), hmacMd5: nodeHmacMd5 },
    );
    assert.equal(ah[9], 51);
    assert.equal(vridOf('ipv4', ah), 42);
  });

  it('honours IPv4 header options (IHL > 5)', () => {
    const plain = encodeAdvertIPv4({ version: 3, family: 'ipv4', vrid: 9, priority: 100, maxAdvertIntervalCs: 100, addresses: ['10.0.0.1'] }, { source: '10.0.0.2' });
    const withOptions = new Uint8Array(plain.length + 4);
    withOptions.set(plain.subarray(0, 20));
    withOptions.set(plain.subarray(20), 24);
    withOptions[0] = 0x46;
    assert.equal(vridOf('ipv4', withOptions), 9);
  });

  it('reads byte 1 of an IPv6 payload', () => {
    const payload = encodeAdvertIPv6({ version: 3, family: 'ipv6', vrid: 33, priority: 100, maxAdvertIntervalCs: 100, addresses: ['fe80::1'] }, { source: 'fe80::2', destination: 'ff02::12' });
    assert.equal(vridOf('ipv6', payload), 33);
  });

  it('says undefined for datagrams too short or of another protocol', () => {
    assert.equal(vridOf('ipv4', new Uint8Array(10)), undefined);
    const header = new Uint8Array(20);
    header[0] = 0x45;
    header[9] = 112;
    assert.equal(vridOf('ipv4', header), undefined);
    header[9] = 17;
    assert.equal(vridOf('ipv4', new Uint8Array([...header, 0, 0, 0, 0])), undefined);
    assert.equal(vridOf('ipv6', new Uint8Array(1)), undefined);
  });
});

describe('canonicalAddress', () => {
  it('writes addresses as the kernel reports them', () => {
    assert.equal(canonicalAddress('FE80:0:0::0001'), 'fe80::1');
    assert.equal(canonicalAddress('10.0.0.1'), '10.0.0.1');
    assert.equal(canonicalAddress('nope'), undefined);
  });
});

describe('AdvertDemux', () => {
  it('routes by VRID and destination, to every listener of a key, until removed', () => {
    const demux = new AdvertDemux<string>();
    const undoA = demux.add(1, '224.0.0.18', 'a');
    demux.add(1, '224.0.0.18', 'b');
    demux.add(1, '10.0.0.1', 'unicast');
    demux.add(2, '224.0.0.18', 'c');
    assert.deepEqual([...demux.lookup(1, '224.0.0.18')!], ['a', 'b']);
    assert.deepEqual([...demux.lookup(1, '10.0.0.1')!], ['unicast']);
    assert.deepEqual([...demux.lookup(2, '224.0.0.18')!], ['c']);
    assert.equal(demux.lookup(3, '224.0.0.18'), undefined);
    assert.equal(demux.lookup(2, '10.0.0.1'), undefined);
    undoA();
    undoA();
    assert.deepEqual([...demux.lookup(1, '224.0.0.18')!], ['b']);
    assert.equal(demux.size, 3);
  });
});
