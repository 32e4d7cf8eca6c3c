// Golden frames captured from keepalived 2.2.7 (see test/fixtures/golden/README.md): every
// advert decodes to the fields its config implies and re-encodes byte for byte; GARP and
// unsolicited NA frames are rebuilt from the same inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildGratuitousArp, buildUnsolicitedNa, decodeAdvert, encodeAdvertIPv4, encodeAdvertIPv6, ethernetFrame,
  ipv4MulticastMac, ipv6MulticastMac, makeReceiveContext, parseIPv4, parseIPv6, parseMac, passwordAuthData,
  receiveAdvert, writeIPv6Header, ETHERTYPE_IPV4, ETHERTYPE_IPV6, IPPROTO_VRRP,
} from '../../src/protocol/index.js';
import type { Advertisement, DecodeResult, ReceiveContextOptions } from '../../src/protocol/index.js';

const dir = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
const frame = (name: string): Uint8Array => Uint8Array.from(Buffer.from(readFileSync(`${dir}${name}.hex`, 'utf8').trim(), 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const NODE_MAC = parseMac('02:77:00:00:00:01')!;
const NODE_IP = '10.77.0.1';
const NODE_LL6 = 'fe80::77:ff:fe00:1';
const GROUP4 = parseIPv4('224.0.0.18')!;
const GROUP6 = parseIPv6('ff02::12')!;

interface V4Case {
  readonly name: string;
  readonly advert: Advertisement;
  readonly id: number;
  readonly ctx: ReceiveContextOptions;
}

const v2Base = { version: 2, family: 'ipv4', advertIntervalS: 1 } as const;
const v3Base = { version: 3, family: 'ipv4' } as const;
const pass = { type: 'pass', authData: passwordAuthData('secret12') } as const;
const v4Cases: V4Case[] = [
  { name: 'v2_advert', id: 1, advert: { ...v2Base, vrid: 51, priority: 120, auth: { type: 'none' }, addresses: ['10.77.0.100'] } },
  { name: 'v2_prio0', id: 9, advert: { ...v2Base, vrid: 51, priority: 0, auth: { type: 'none' }, addresses: ['10.77.0.100'] } },
  { name: 'v2_auth_3vip_advert', id: 1, advert: { ...v2Base, vrid: 52, priority: 150, auth: pass, addresses: ['10.77.0.101', '10.77.0.102', '10.77.0.103'] } },
  { name: 'v2_auth_3vip_prio0', id: 9, advert: { ...v2Base, vrid: 52, priority: 0, auth: pass, addresses: ['10.77.0.101', '10.77.0.102', '10.77.0.103'] } },
  { name: 'v3_ipv4_advert', id: 1, advert: { ...v3Base, vrid: 53, priority: 120, maxAdvertIntervalCs: 100, addresses: ['10.77.0.104'] } },
  { name: 'v3_ipv4_prio0', id: 9, advert: { ...v3Base, vrid: 53, priority: 0, maxAdvertIntervalCs: 100, addresses: ['10.77.0.104'] } },
  { name: 'v3_ipv4_adv0.05_advert', id: 1, advert: { ...v3Base, vrid: 54, priority: 120, maxAdvertIntervalCs: 5, addresses: ['10.77.0.105'] } },
  { name: 'v3_ipv4_adv0.05_prio0', id: 0x90, advert: { ...v3Base, vrid: 54, priority: 0, maxAdvertIntervalCs: 5, addresses: ['10.77.0.105'] } },
].map((c) => ({
  ...c,
  advert: c.advert as Advertisement,
  ctx: {
    family: 'ipv4',
    version: c.advert.version,
    vrid: c.advert.vrid,
    addresses: c.advert.addresses,
    ...(c.advert.version === 2
      ? { advertIntervalS: 1, authType: c.advert.auth.type, authKey: c.advert.auth.type === 'pass' ? pass.authData : undefined }
      : {}),
  } as ReceiveContextOptions,
}));

function okResult(r: DecodeResult): Extract<DecodeResult, { ok: true }> {
  assert.ok(r.ok, r.ok ? '' : `rejected: ${r.reason}`);
  return r;
}

for (const c of v4Cases) {
  test(`golden ${c.name}: decodes field by field and re-encodes byte-identically`, () => {
    const f = frame(c.name);
    assert.equal(hex(f.subarray(0, 14)), hex(ethernetFrame(ipv4MulticastMac(GROUP4), NODE_MAC, ETHERTYPE_IPV4, new Uint8Array(0))));
    const datagram = f.subarray(14);
    const r = okResult(decodeAdvert({ family: 'ipv4', datagram }));
    assert.deepEqual(r.advert, c.advert);
    assert.deepEqual(r.ip, { family: 'ipv4', source: NODE_IP, destination: '224.0.0.18', ttl: 255, tos: 0xc0, id: c.id, dontFragment: false });
    assert.equal(r.oldUnicastChecksum, false);

    const encoded = encodeAdvertIPv4(c.advert, { source: NODE_IP, id: c.id });
    assert.equal(hex(ethernetFrame(ipv4MulticastMac(GROUP4), NODE_MAC, ETHERTYPE_IPV4, encoded)), hex(f));

    // And the instance that sent it accepts it as a peer's advert.
    const ctx = makeReceiveContext(c.ctx);
    assert.ok(ctx.ok);
    okResult(receiveAdvert({ family: 'ipv4', datagram }, ctx.context));
  });
}

interface V6Case { readonly name: string; readonly advert: Advertisement }
const v6Cases: V6Case[] = [
  { name: 'v3_ipv6_advert', advert: { version: 3, family: 'ipv6', vrid: 55, priority: 120, maxAdvertIntervalCs: 100, addresses: ['fd77::100'] } },
  { name: 'v3_ipv6_prio0', advert: { version: 3, family: 'ipv6', vrid: 55, priority: 0, maxAdvertIntervalCs: 100, addresses: ['fd77::100'] } },
  { name: 'v3_ipv6_llfirst_advert', advert: { version: 3, family: 'ipv6', vrid: 56, priority: 120, maxAdvertIntervalCs: 100, addresses: ['fe80::77:100', 'fd77::101'] } },
  { name: 'v3_ipv6_llfirst_prio0', advert: { version: 3, family: 'ipv6', vrid: 56, priority: 0, maxAdvertIntervalCs: 100, addresses: ['fe80::77:100', 'fd77::101'] } },
];

for (const c of v6Cases) {
  test(`golden ${c.name}: decodes field by field and re-encodes byte-identically`, () => {
    const f = frame(c.name);
    const ip6 = f.subarray(14, 54);
    const payload = f.subarray(54);
    const hopLimit = ip6[7]!;
    const r = okResult(decodeAdvert({ family: 'ipv6', payload, source: ip6.subarray(8, 24), destination: ip6.subarray(24, 40), hopLimit }));
    assert.deepEqual(r.advert, c.advert);
    assert.deepEqual(r.ip, { family: 'ipv6', source: NODE_LL6, destination: 'ff02::12', hopLimit: 255 });

    const encoded = encodeAdvertIPv6(c.advert, { source: NODE_LL6, destination: 'ff02::12' });
    // The kernel writes the IPv6 header; keepalived asks for traffic class 0xc0 (IPV6_TCLASS).
    // The flow label is the kernel's own hash, so it is taken from the capture.
    const flowLabel = ((ip6[1]! & 0x0f) << 16) | (ip6[2]! << 8) | ip6[3]!;
    const packet = new Uint8Array(40 + encoded.length);
    writeIPv6Header(packet, 0, {
      trafficClass: 0xc0, flowLabel, payloadLength: encoded.length, nextHeader: IPPROTO_VRRP, hopLimit: 255,
      source: parseIPv6(NODE_LL6)!, destination: GROUP6,
    });
    packet.set(encoded, 40);
    assert.equal(hex(ethernetFrame(ipv6MulticastMac(GROUP6), NODE_MAC, ETHERTYPE_IPV6, packet)), hex(f));

    const ctx = makeReceiveContext({ family: 'ipv6', version: 3, vrid: c.advert.vrid, addresses: c.advert.addresses });
    assert.ok(ctx.ok);
    okResult(receiveAdvert({ family: 'ipv6', payload, source: NODE_LL6, destination: 'ff02::12', hopLimit }, ctx.context));
  });
}

for (const [name, address] of [
  ['v2_garp', '10.77.0.100'], ['v2_auth_3vip_garp', '10.77.0.101'], ['v3_ipv4_garp', '10.77.0.104'], ['v3_ipv4_adv0.05_garp', '10.77.0.105'],
] as const) {
  test(`golden ${name}: gratuitous ARP rebuilt byte-identically`, () => {
    assert.equal(hex(buildGratuitousArp({ sourceMac: NODE_MAC, address })), hex(frame(name)));
  });
}

for (const [name, address] of [['v3_ipv6_unsolicited_na', 'fd77::100'], ['v3_ipv6_llfirst_unsolicited_na', 'fe80::77:100']] as const) {
  test(`golden ${name}: unsolicited NA rebuilt byte-identically`, () => {
    assert.equal(hex(buildUnsolicitedNa({ sourceMac: NODE_MAC, address })), hex(frame(name)));
  });
}
