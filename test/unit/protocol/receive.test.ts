// keepalived 2.2.7's vrrp_check_packet order and verdicts, one rejection reason at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ahSpiFor, decodeAdvert, encodeAdvertIPv4, encodeAdvertIPv6, Ipv4AdvertEncoder, makeReceiveContext, passwordAuthData,
  receiveAdvert, REJECT_EFFECTS, REJECT_REASONS, statsCounterFor, statsCountersForAccepted, STATS_FILE_COUNTERS,
} from '../../../src/protocol/index.js';
import type {
  Advertisement, DecodeResult, Ipv4EnvelopeInput, ReceiveContext, ReceiveContextOptions, RejectReason, ReceiveState,
} from '../../../src/protocol/index.js';
import { nodeHmacMd5 } from '../../../src/io/crypto.js';
import { finishChecksum, sumBytes } from '../../../src/protocol/checksum.js';

const SRC = '10.0.0.2';
const v2: Advertisement = { version: 2, family: 'ipv4', vrid: 7, priority: 100, advertIntervalS: 1, auth: { type: 'none' }, addresses: ['10.0.0.100', '10.0.0.101'] };
const v3: Advertisement = { version: 3, family: 'ipv4', vrid: 7, priority: 100, maxAdvertIntervalCs: 100, addresses: ['10.0.0.100', '10.0.0.101'] };
const KEY = passwordAuthData('s3cret');

function ctxOf(o: Partial<ReceiveContextOptions> & Pick<ReceiveContextOptions, 'version'>): ReceiveContext {
  const r = makeReceiveContext({ family: 'ipv4', vrid: 7, addresses: ['10.0.0.100', '10.0.0.101'], advertIntervalS: 1, ...o });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.context;
}

function reasonOf(r: DecodeResult): RejectReason | 'ok' {
  return r.ok ? 'ok' : r.reason;
}

function rx(datagram: Uint8Array, ctx: ReceiveContext, state?: ReceiveState): RejectReason | 'ok' {
  return reasonOf(receiveAdvert({ family: 'ipv4', datagram }, ctx, state));
}

/** Recompute the IPv4 header checksum after editing the header (as a real sender would have). */
function fixIp(d: Uint8Array): Uint8Array {
  d[10] = 0; d[11] = 0;
  const s = finishChecksum(sumBytes(d, 0, 20));
  d[10] = s >> 8; d[11] = s & 0xff;
  return d;
}

/** Recompute the v2 VRRP checksum after editing the VRRP message at offset v. */
function fixV2(d: Uint8Array, v = 20): Uint8Array {
  d[v + 6] = 0; d[v + 7] = 0;
  const s = finishChecksum(sumBytes(d, v, d.length));
  d[v + 6] = s >> 8; d[v + 7] = s & 0xff;
  return d;
}

const enc = (a: Advertisement, ip: Partial<Ipv4EnvelopeInput> = {}): Uint8Array => encodeAdvertIPv4(a, { source: SRC, id: 1, ...ip });

test('a good advert is accepted and counted', () => {
  assert.equal(rx(enc(v2), ctxOf({ version: 2 })), 'ok');
  assert.equal(rx(enc(v3), ctxOf({ version: 3 })), 'ok');
  assert.deepEqual(statsCountersForAccepted(0), ['advert_rcvd', 'pri_zero_rcvd']);
  assert.deepEqual(statsCountersForAccepted(1), ['advert_rcvd']);
});

test('structural rejections', () => {
  const ctx = ctxOf({ version: 2 });
  assert.equal(rx(new Uint8Array(10), ctx), 'too-short');
  const bad = enc(v2); bad[0] = 0x65;
  assert.equal(rx(bad, ctx), 'ip-version');
  const badSum = enc(v2); badSum[11]! ^= 1;
  assert.equal(rx(badSum, ctx), 'ip-checksum');
  const frag = enc(v2); frag[6] = 0x20;
  assert.equal(rx(fixIp(frag), ctx), 'ip-fragment');
  const proto = enc(v2); proto[9] = 17;
  assert.equal(rx(fixIp(proto), ctx), 'ip-protocol');
  assert.equal(rx(enc({ ...v2, vrid: 8 }), ctx), 'vrid-mismatch');
});

test('keepalived order: length before TTL before version before auth before type', () => {
  const ctx = ctxOf({ version: 2 });
  // Wrong TTL and wrong version: TTL wins.
  const ttlAndVersion = enc(v3, { ttl: 64 });
  assert.equal(rx(ttlAndVersion, ctx), 'ttl');
  assert.equal(rx(enc(v3), ctx), 'version');
  // Truncated: length wins over TTL.
  const short = fixIp(enc(v2, { ttl: 64 }).slice(0, 40));
  assert.equal(rx(short, ctx), 'length');
  // A v2 advert with wrong type and wrong auth type: auth type is checked first.
  const typeAndAuth = enc(v2); typeAndAuth[20] = 0x22; typeAndAuth[24] = 9;
  assert.equal(rx(fixV2(typeAndAuth), ctx), 'invalid-auth-type');
  const typeOnly = enc(v2); typeOnly[20] = 0x22;
  assert.equal(rx(fixV2(typeOnly), ctx), 'type');
});

test('v2 authentication: mismatch, PASS failure, interval', () => {
  const none = ctxOf({ version: 2 });
  const passCtx = ctxOf({ version: 2, authType: 'pass', authKey: KEY });
  const withPass = enc({ ...v2, auth: { type: 'pass', authData: KEY } });
  assert.equal(rx(withPass, passCtx), 'ok');
  assert.equal(rx(withPass, none), 'auth-type-mismatch');
  assert.equal(rx(enc(v2), passCtx), 'auth-type-mismatch');
  assert.equal(rx(enc({ ...v2, auth: { type: 'pass', authData: passwordAuthData('wrong') } }), passCtx), 'auth-failure');
  assert.equal(rx(enc({ ...v2, advertIntervalS: 2 }), none), 'advert-interval');
  // Interval is checked after auth.
  assert.equal(rx(enc({ ...v2, advertIntervalS: 2, auth: { type: 'pass', authData: passwordAuthData('x') } }), passCtx), 'auth-failure');
});

test('passwords longer than 8 bytes are truncated, shorter ones zero padded', () => {
  assert.deepEqual([...passwordAuthData('1234')], [49, 50, 51, 52, 0, 0, 0, 0]);
  assert.deepEqual(passwordAuthData('secret12345'), passwordAuthData('secret12'));
});

test('v2 AH: encodes per keepalived and verifies ICV, SPI and sequence', () => {
  const ah: Advertisement = { ...v2, auth: { type: 'ah', spi: ahSpiFor(SRC), sequence: 5 } };
  const d = encodeAdvertIPv4(ah, { source: SRC, id: 3 }, { authKey: KEY, hmacMd5: nodeHmacMd5 });
  assert.equal(d.length, 20 + 24 + 8 + 8 + 8);
  assert.equal(d[9], 51);
  assert.deepEqual([...d.subarray(20, 24)], [112, 4, 0, 0]);
  assert.deepEqual([...d.subarray(24, 28)], [10, 0, 0, 2]);
  assert.deepEqual([...d.subarray(28, 32)], [0, 0, 0, 5]);
  const ctx = ctxOf({ version: 2, authType: 'ah', authKey: KEY, hmacMd5: nodeHmacMd5 });
  assert.equal(rx(d, ctx, { ahLastSequence: 4 }), 'ok');
  assert.equal(rx(d, ctx, { ahLastSequence: 5 }), 'ah-replay');
  const decoded = decodeAdvert({ family: 'ipv4', datagram: d });
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.advert, ah);
  // TOS is outside the ICV (mutable), TTL inside it for multicast instances.
  const tos = d.slice(); tos[1] = 0; fixIp(tos);
  assert.equal(rx(tos, ctx), 'ok');
  const wrongKey = ctxOf({ version: 2, authType: 'ah', authKey: passwordAuthData('other'), hmacMd5: nodeHmacMd5 });
  assert.equal(rx(d, wrongKey), 'ah-icv');
  const badSpi = encodeAdvertIPv4({ ...v2, auth: { type: 'ah', spi: 1, sequence: 5 } }, { source: SRC }, { authKey: KEY, hmacMd5: nodeHmacMd5 });
  assert.equal(rx(badSpi, ctx), 'ah-spi');
  const nh = d.slice(); nh[20] = 6;
  assert.equal(rx(nh, ctx), 'ah-next-header');
  assert.equal(rx(enc(v2), ctx), 'auth-type-mismatch');
  assert.equal(rx(d, ctxOf({ version: 2 })), 'auth-type-mismatch');
});

test('received Buffers are never modified or aliased (sockets hand out Buffers, whose slice() is a view)', () => {
  const ah: Advertisement = { ...v2, auth: { type: 'ah', spi: ahSpiFor(SRC), sequence: 5 } };
  const packet = Buffer.from(encodeAdvertIPv4(ah, { source: SRC, id: 3 }, { authKey: KEY, hmacMd5: nodeHmacMd5 }));
  const before = Buffer.from(packet);
  const ctx = ctxOf({ version: 2, authType: 'ah', authKey: KEY, hmacMd5: nodeHmacMd5 });
  assert.equal(rx(packet, ctx), 'ok');
  assert.equal(rx(packet, ctx), 'ok');
  assert.deepEqual(packet, before);

  const pass: Advertisement = { ...v2, auth: { type: 'pass', authData: KEY } };
  const passPacket = Buffer.from(encodeAdvertIPv4(pass, { source: SRC, id: 4 }));
  const decoded = decodeAdvert({ family: 'ipv4', datagram: passPacket });
  assert.ok(decoded.ok);
  passPacket.fill(0);
  assert.ok(decoded.advert.version === 2 && decoded.advert.auth.type === 'pass');
  assert.deepEqual([...decoded.advert.auth.authData], [...KEY]);
});

test('AH with unicast peers zeroes TTL in the ICV (keepalived), so a changed TTL still verifies', () => {
  const ah: Advertisement = { ...v2, auth: { type: 'ah', spi: ahSpiFor(SRC), sequence: 1 } };
  const opts = { authKey: KEY, hmacMd5: nodeHmacMd5, unicast: true };
  const d = encodeAdvertIPv4(ah, { source: SRC, destination: '10.0.0.1' }, opts);
  const ctx = ctxOf({ version: 2, authType: 'ah', authKey: KEY, hmacMd5: nodeHmacMd5, unicastPeers: [{ address: SRC }] });
  assert.equal(rx(d, ctx), 'ok');
  d[8] = 60; fixIp(d);
  assert.equal(rx(d, ctx), 'ok');
});

test('address count, total length, checksum, cast, VIP list and unicast source', () => {
  const ctx = ctxOf({ version: 3 });
  assert.equal(rx(enc({ ...v3, addresses: ['10.0.0.100'] }), ctx), 'address-count');
  assert.equal(reasonOf(receiveAdvert({ family: 'ipv4', datagram: enc({ ...v3, addresses: ['10.0.0.100'] }) }, ctx, { checkAddresses: false })), 'ok');
  const tl = enc(v3); tl[3]! += 4;
  assert.equal(rx(fixIp(tl), ctx), 'ip-total-length');
  const cs = enc(v3); cs[26]! ^= 0x10;
  assert.equal(rx(cs, ctx), 'checksum');
  assert.equal(rx(enc(v3, { destination: '10.0.0.1' }), ctx), 'cast-mismatch');
  assert.equal(rx(enc({ ...v3, addresses: ['10.0.0.100', '10.0.0.102'] }), ctx), 'address-list');
  const uni = ctxOf({ version: 3, unicastPeers: [{ address: '10.0.0.3', minTtl: 250 }] });
  assert.equal(rx(enc(v3, { destination: '10.0.0.1' }), uni), 'unicast-source');
  const uni2 = ctxOf({ version: 3, unicastPeers: [{ address: SRC, minTtl: 250 }] });
  assert.equal(rx(enc(v3, { destination: '10.0.0.1' }), uni2), 'ok');
  assert.equal(rx(enc(v3, { destination: '10.0.0.1', ttl: 64 }), uni2), 'unicast-ttl');
  // Unicast instances do not require TTL 255.
  assert.equal(rx(enc(v3, { destination: '10.0.0.1', ttl: 64 }), ctxOf({ version: 3, unicastPeers: [{ address: SRC }] })), 'ok');
  assert.equal(rx(enc(v3), uni2), 'cast-mismatch');
});

test('VRRPv3 unicast old checksum: auto-detected in standard mode, refused with never, used with old', () => {
  const old = encodeAdvertIPv4(v3, { source: SRC, destination: '10.0.0.1' }, { oldUnicastChecksum: true });
  const peers = [{ address: SRC }];
  const standard = receiveAdvert({ family: 'ipv4', datagram: old }, ctxOf({ version: 3, unicastPeers: peers }));
  assert.ok(standard.ok);
  assert.equal(standard.oldUnicastChecksum, true);
  assert.equal(rx(old, ctxOf({ version: 3, unicastPeers: peers, unicastChecksum: 'never' })), 'checksum');
  const configured = receiveAdvert({ family: 'ipv4', datagram: old }, ctxOf({ version: 3, unicastPeers: peers, unicastChecksum: 'old' }));
  assert.ok(configured.ok);
  assert.equal(configured.oldUnicastChecksum, false);
  const modern = encodeAdvertIPv4(v3, { source: SRC, destination: '10.0.0.1' });
  assert.equal(rx(modern, ctxOf({ version: 3, unicastPeers: peers, unicastChecksum: 'old' })), 'checksum');
});

test('IPv6: hop limit, checksum with pseudo-header, unknown hop limit skips the check', () => {
  const a: Advertisement = { version: 3, family: 'ipv6', vrid: 9, priority: 50, maxAdvertIntervalCs: 100, addresses: ['fd00::1'] };
  const payload = encodeAdvertIPv6(a, { source: 'fe80::1', destination: 'ff02::12' });
  const r = makeReceiveContext({ family: 'ipv6', version: 3, vrid: 9, addresses: ['fd00::1'] });
  assert.ok(r.ok);
  const rx6 = (hopLimit: number, source = 'fe80::1'): RejectReason | 'ok' =>
    reasonOf(receiveAdvert({ family: 'ipv6', payload, source, destination: 'ff02::12', hopLimit }, r.context));
  assert.equal(rx6(255), 'ok');
  assert.equal(rx6(254), 'ttl');
  assert.equal(rx6(-1), 'ok');
  assert.equal(rx6(255, 'fe80::2'), 'checksum');
});

test('every reason maps onto keepalived counters; file counters are the SIGUSR2 ones', () => {
  assert.equal(REJECT_REASONS.length, Object.keys(REJECT_EFFECTS).length);
  assert.equal(statsCounterFor('ttl'), 'ip_ttl_err');
  assert.equal(statsCounterFor('unicast-ttl'), 'ip_ttl_err');
  assert.equal(statsCounterFor('length'), 'packet_len_err');
  assert.equal(statsCounterFor('ip-total-length'), 'packet_len_err');
  assert.equal(statsCounterFor('type'), 'invalid_type_rcvd');
  assert.equal(statsCounterFor('invalid-auth-type'), 'invalid_authtype');
  assert.equal(statsCounterFor('auth-type-mismatch'), 'authtype_mismatch');
  for (const r of ['auth-failure', 'ah-icv', 'ah-spi', 'ah-replay'] as const) assert.equal(statsCounterFor(r), 'auth_failure');
  for (const r of ['address-count', 'address-list', 'cast-mismatch'] as const) assert.equal(statsCounterFor(r), 'addr_list_err');
  assert.equal(statsCounterFor('advert-interval'), null);
  assert.equal(statsCounterFor('vrid-mismatch'), null);
  assert.equal(REJECT_EFFECTS['address-list'].countedAsReceived, true);
  assert.equal(STATS_FILE_COUNTERS.length, 14);
});

test('the reusable encoder matches the one-shot encoder', () => {
  const e = new Ipv4AdvertEncoder(v3, { source: SRC });
  const a = e.encode(0, 42).slice();
  assert.deepEqual(a, encodeAdvertIPv4({ ...v3, priority: 0 }, { source: SRC, id: 42 }));
  assert.deepEqual(e.encode(100, 43).slice(), encodeAdvertIPv4(v3, { source: SRC, id: 43 }));
});

test('encoders reject invalid adverts (caller bugs)', () => {
  assert.throws(() => encodeAdvertIPv4({ ...v3, vrid: 256 }, { source: SRC }));
  assert.throws(() => encodeAdvertIPv4({ ...v3, maxAdvertIntervalCs: 4096 }, { source: SRC }));
  assert.throws(() => encodeAdvertIPv4({ ...v3, addresses: ['fd00::1'] }, { source: SRC }));
  assert.throws(() => encodeAdvertIPv4({ ...v2, auth: { type: 'ah', spi: 0, sequence: 1 } }, { source: SRC }));
});
