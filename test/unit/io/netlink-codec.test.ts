import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endianness } from 'node:os';
import { decodeMessages, encodeMessage, errorCode, parseAttributes, u32 } from '../../../src/io/net/netlink/codec.js';
import { decodeAddress, encodeAddress } from '../../../src/io/net/netlink/address-messages.js';
import { encodeRoute } from '../../../src/io/net/netlink/route-messages.js';
import { encodeRule } from '../../../src/io/net/netlink/rule-messages.js';
import { decodeLink, encodeMacvlan, linkLocalFromMac, vrrpMac } from '../../../src/io/net/netlink/link-messages.js';

const le = endianness() === 'LE';
const hex = (parts: Buffer[] | string): string => {
  assert.ok(typeof parts !== 'string', String(parts));
  return Buffer.concat(parts).toString('hex');
};

test('message framing round-trips and reads errors', { skip: !le && 'byte expectations are little-endian' }, () => {
  const m = encodeMessage({ type: 20, flags: 0x605, seq: 7, pid: 0 }, [Buffer.from([1, 2, 3, 4])]);
  assert.equal(m.toString('hex'), '14000000' + '1400' + '0506' + '07000000' + '00000000' + '01020304');
  const err = encodeMessage({ type: 2, flags: 0, seq: 9, pid: 0 }, [u32(-17 >>> 0), Buffer.alloc(16)]);
  const decoded = decodeMessages(Buffer.concat([m, err]));
  assert.equal(decoded.length, 2);
  assert.equal(decoded[0]!.seq, 7);
  assert.equal(errorCode(decoded[1]!), 17);
  assert.equal(errorCode(decoded[0]!), undefined);
  assert.deepEqual(decodeMessages(m.subarray(0, 10)), [], 'a truncated message is dropped');
});

test('address: ifaddrmsg, local/address, label, broadcast +, cacheinfo, flags', { skip: !le }, () => {
  const bytes = hex(encodeAddress({
    family: 'ipv4', address: '10.9.0.100', prefixLength: 24, interfaceName: 'a0', label: 'a0:1', broadcast: '+', noDad: true,
    preferredLifetimeS: 0, home: true, noPrefixRoute: true,
  }, 3, true));
  assert.equal(bytes,
    '02181200' + '03000000' + // family 2, /24, flags nodad|home (low byte), scope 0, ifindex 3
    '08000200' + '0a090064' + // IFA_LOCAL
    '08000100' + '0a090064' + // IFA_ADDRESS
    '09000300' + '61303a3100000000' + // IFA_LABEL "a0:1\0" padded
    '08000400' + '0a0900ff' + // IFA_BROADCAST (host bits set)
    '14000600' + '00000000' + 'ffffffff' + '0000000000000000' + // IFA_CACHEINFO preferred 0, valid forever
    '08000800' + '12020000'); // IFA_FLAGS nodad|home|noprefixroute
  const v6 = encodeAddress({ family: 'ipv6', address: '2001:db8::1', prefixLength: 64, interfaceName: 'a0', label: 'x', scope: 'link' }, 2, false);
  assert.ok(typeof v6 !== 'string');
  assert.equal(v6[0]!.toString('hex'), '0a4000fd02000000');
  assert.equal(v6.length, 3, 'IPv6 carries no label; a delete no broadcast or lifetimes');
  assert.equal(encodeAddress({ family: 'ipv4', address: '2001:db8::1', prefixLength: 64, interfaceName: 'a0' }, 2, true), 'invalid ipv4 address 2001:db8::1');
  assert.equal(encodeAddress({ family: 'ipv4', address: '1.2.3.4', prefixLength: 8, interfaceName: 'a0', scope: 'bogus' }, 2, true), 'invalid scope bogus');
});

test('address: decoding prefers IFA_LOCAL and reads the label', { skip: !le }, () => {
  const parts = encodeAddress({ family: 'ipv4', address: '10.0.0.1', prefixLength: 8, interfaceName: 'a0', peer: '10.0.0.2', label: 'a0:x' }, 4, false);
  assert.ok(typeof parts !== 'string');
  assert.deepEqual(decodeAddress(Buffer.concat(parts)), { family: 'ipv4', ifindex: 4, address: '10.0.0.1', prefixLength: 8, label: 'a0:x' });
  assert.equal(decodeAddress(Buffer.from([7, 0, 0, 0, 0, 0, 0, 0])), undefined);
});

test('route: rtmsg and attributes for add and delete', { skip: !le }, () => {
  const spec = { family: 'ipv4', destination: '192.168.50.0', prefixLength: 24, via: '10.9.0.2', interfaceName: 'a0', table: 100, metric: 7, onlink: true, attributes: { mtu: 1400, mtu_lock: 1 } } as const;
  assert.equal(hex(encodeRoute(spec, 5, true)),
    '02180000' + '6412' + '0001' + '04000000' + // family, /24, src 0, tos 0, table 100, proto keepalived, scope universe, unicast, onlink
    '08000f00' + '64000000' + // RTA_TABLE
    '08000100' + 'c0a83200' + // RTA_DST
    '08000500' + '0a090002' + // RTA_GATEWAY
    '08000400' + '05000000' + // RTA_OIF
    '08000600' + '07000000' + // RTA_PRIORITY
    '14000800' + '08000100' + '04000000' + '08000200' + '78050000'); // RTA_METRICS: lock mtu, mtu 1400
  const del = encodeRoute({ family: 'ipv4', destination: '192.168.60.0', prefixLength: 24, type: 'blackhole', table: 1000 }, undefined, false);
  assert.ok(typeof del !== 'string');
  assert.equal(del[0]!.toString('hex'), '021800000000ff0600000000', 'table over 255 goes in RTA_TABLE only; delete scope is a wildcard');
  assert.equal(hex(encodeRoute({ family: 'ipv6', destination: 'default', prefixLength: 0 }, 2, true)).slice(0, 24), '0a000000fe12000100000000', 'no gateway: still scope universe, as keepalived 2.2.7 (test/lab/daemon-static)');
  assert.match(String(encodeRoute({ family: 'ipv4', destination: '10.0.0.0', prefixLength: 8, attributes: { realms: 'x' } }, undefined, true)), /realms/);
});

test('route: multipath next hops as RTA_MULTIPATH', { skip: !le }, () => {
  const spec = { family: 'ipv4', destination: '10.88.0.0', prefixLength: 16, nexthops: [{ via: '192.168.50.254', interfaceName: 'a0', weight: 2 }, { interfaceName: 'a1', onlink: true }] } as const;
  const parts = encodeRoute(spec, undefined, true, [5, 6]);
  assert.ok(typeof parts !== 'string');
  assert.equal(parts.at(-1)!.toString('hex'),
    '1c000900' + // RTA_MULTIPATH, 28 bytes
    '1000' + '00' + '01' + '05000000' + '08000500' + 'c0a832fe' + // 16-byte hop: weight 2, ifindex 5, RTA_GATEWAY
    '0800' + '04' + '00' + '06000000'); // 8-byte hop: onlink, weight 1, ifindex 6
});

test('rule: fib_rule_hdr and attributes', { skip: !le }, () => {
  assert.equal(hex(encodeRule({ family: 'ipv4', from: '10.9.0.0', fromPrefixLength: 24, table: 100, action: 'table', priority: 100, fwmark: 16, fwmask: 255, iif: 'a0', invert: true })),
    '0200180064000001' + '02000000' + // family, dst 0, src /24, tos, table 100, res, res, FR_ACT_TO_TBL; flags invert
    '08000200' + '0a090000' + // FRA_SRC
    '08000600' + '64000000' + // FRA_PRIORITY
    '08000f00' + '64000000' + // FRA_TABLE
    '08000a00' + '10000000' + // FRA_FWMARK
    '08001000' + 'ff000000' + // FRA_FWMASK
    '07000300' + '61300000'); // FRA_IIFNAME "a0\0"
  assert.equal(hex(encodeRule({ family: 'ipv6', action: 'blackhole', attributes: { sport: '10-20' } })), '0a00000000000006' + '00000000' + '08001700' + '0a001400');
  assert.ok(hex(encodeRule({ family: 'ipv4', table: 100 }, true)).endsWith('05001500' + '12000000'), 'added rules carry FRA_PROTOCOL keepalived');
});

test('link: macvlan request, VRRP MACs, link-local and decoding', { skip: !le }, () => {
  assert.equal(vrrpMac(51, 'ipv4').toString('hex'), '00005e000133');
  assert.equal(vrrpMac(255, 'ipv6').toString('hex'), '00005e0002ff');
  assert.equal(linkLocalFromMac(Buffer.from('0200005e0001', 'hex')), 'fe80::ff:fe5e:1');
  const payload = Buffer.concat(encodeMacvlan('vrrp.51', 2, vrrpMac(51, 'ipv4')));
  const attrs = parseAttributes(payload, 16);
  assert.deepEqual(attrs.map((a) => a.type), [18, 5, 3, 1]);
  assert.equal(attrs[0]!.data.toString('hex'), '0c0001006d6163766c616e00' + '0c000200' + '08000100' + '01000000', 'kind macvlan, mode private');
  // Flags: UP|RUNNING → up.
  payload.writeUInt32LE(0x41, 8);
  payload.writeUInt32LE(9, 4);
  assert.deepEqual(decodeLink(payload), { ifindex: 9, name: 'vrrp.51', flags: 0x41, up: true, mac: '00:00:5e:00:01:33', lowerIndex: 2, kind: 'macvlan' });
  payload.writeUInt32LE(0x1, 8);
  assert.equal(decodeLink(payload)!.up, false, 'up without carrier is down');
});
