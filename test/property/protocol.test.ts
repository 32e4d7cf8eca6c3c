// Codec properties: round trip, single-byte corruption is always noticed or meaningful, and the
// decoder never throws whatever it is fed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeAdvert, encodeAdvertIPv4, encodeAdvertIPv6, formatIPv4, formatIPv6, makeReceiveContext, parseIPv4, receiveAdvert,
} from '../../src/protocol/index.js';
import type {
  Advertisement, DecodeResult, EncodeOptions, Ipv4Envelope, Ipv6Envelope, ReceivedPacket, ReceiveContext, ReceiveState, V2Auth,
} from '../../src/protocol/index.js';
import { nodeHmacMd5 } from '../../src/io/crypto.js';

/** Plain objects, so deepEqual compares them with the decoder's output. */
const NO_NULL_PROTO = { noNullPrototype: true } as const;
const KEY = new Uint8Array([1, 2, 3, 4, 5, 6, 0, 0]);
const bytes = (n: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: n, maxLength: n });
const ipv4 = bytes(4).map((b) => formatIPv4(b));
const ipv6 = bytes(16).map((b) => formatIPv6(b));
const u32 = fc.integer({ min: 0, max: 0xffffffff });

interface Case {
  readonly advert: Advertisement;
  readonly ip: Ipv4Envelope | Ipv6Envelope;
}

const v4Envelope = fc.record({
  family: fc.constant('ipv4' as const),
  source: ipv4,
  destination: fc.oneof(fc.constant('224.0.0.18'), ipv4),
  ttl: fc.integer({ min: 0, max: 255 }),
  tos: fc.integer({ min: 0, max: 255 }),
  id: fc.integer({ min: 0, max: 0xffff }),
  dontFragment: fc.boolean(),
}, NO_NULL_PROTO);

const common = { vrid: fc.integer({ min: 1, max: 255 }), priority: fc.integer({ min: 0, max: 255 }) };

const v4Case: fc.Arbitrary<Case> = v4Envelope.chain((ip) => {
  const addresses = fc.array(ipv4, { maxLength: 20 });
  const auth: fc.Arbitrary<V2Auth> = fc.oneof(
    fc.constant({ type: 'none' as const }),
    bytes(8).map((authData) => ({ type: 'pass' as const, authData })),
    fc.record({ type: fc.constant('ah' as const), spi: u32, sequence: u32 }, NO_NULL_PROTO),
  );
  const v2 = fc.record({
    version: fc.constant(2 as const), family: fc.constant('ipv4' as const), ...common,
    advertIntervalS: fc.integer({ min: 0, max: 255 }), auth, addresses,
  }, NO_NULL_PROTO);
  const v3 = fc.record({
    version: fc.constant(3 as const), family: fc.constant('ipv4' as const), ...common,
    maxAdvertIntervalCs: fc.integer({ min: 0, max: 0xfff }), addresses,
  }, NO_NULL_PROTO);
  return fc.oneof(v2, v3).map((advert) => ({ advert, ip }));
});

const v6Case: fc.Arbitrary<Case> = fc.record({
  family: fc.constant('ipv6' as const), source: ipv6, destination: fc.oneof(fc.constant('ff02::12'), ipv6),
  hopLimit: fc.integer({ min: 0, max: 255 }),
}, NO_NULL_PROTO).chain((ip) => {
  const addresses = fc.array(ipv6, { maxLength: 10 });
  const v2 = fc.record({
    version: fc.constant(2 as const), family: fc.constant('ipv6' as const), ...common,
    advertIntervalS: fc.integer({ min: 0, max: 255 }), auth: fc.constant({ type: 'none' as const }), addresses,
  }, NO_NULL_PROTO);
  const v3 = fc.record({
    version: fc.constant(3 as const), family: fc.constant('ipv6' as const), ...common,
    maxAdvertIntervalCs: fc.integer({ min: 0, max: 0xfff }), addresses,
  }, NO_NULL_PROTO);
  return fc.oneof(v2, v3).map((advert) => ({ advert, ip }));
});

const anyCase = fc.oneof(v4Case, v6Case);
const ahOptions: EncodeOptions = { authKey: KEY, hmacMd5: nodeHmacMd5 };

function encode(c: Case): ReceivedPacket {
  if (c.ip.family === 'ipv4') return { family: 'ipv4', datagram: encodeAdvertIPv4(c.advert, c.ip, ahOptions) };
  const { source, destination, hopLimit } = c.ip;
  return { family: 'ipv6', payload: encodeAdvertIPv6(c.advert, c.ip), source, destination, hopLimit };
}

function withBytes(p: ReceivedPacket, b: Uint8Array): ReceivedPacket {
  return p.family === 'ipv4' ? { family: 'ipv4', datagram: b } : { ...p, payload: b };
}

const bytesOf = (p: ReceivedPacket): Uint8Array => (p.family === 'ipv4' ? p.datagram : p.payload);
const comparable = (r: Extract<DecodeResult, { ok: true }>): unknown => ({ advert: r.advert, ip: r.ip });

/** The instance that would accept this advert: lets AH adverts have their ICV checked too. */
function contextFor(c: Case): { ctx: ReceiveContext; state: ReceiveState } | null {
  const a = c.advert;
  if (c.ip.family !== 'ipv4' || a.version !== 2 || a.auth.type !== 'ah') return null;
  const multicast = (parseIPv4(c.ip.destination)![0]! & 0xf0) === 0xe0;
  const r = makeReceiveContext({
    family: 'ipv4', version: 2, vrid: a.vrid, authType: 'ah', authKey: KEY, hmacMd5: nodeHmacMd5,
    advertIntervalS: a.advertIntervalS, addresses: a.addresses, unicastPeers: multicast ? [] : [{ address: c.ip.source }],
  });
  assert.ok(r.ok);
  return { ctx: r.context, state: { ahLastSequence: a.auth.sequence - 1 } };
}

test('decode(encode(p)) = p for every valid advert (v2/v3, IPv4/IPv6, none/PASS/AH)', () => {
  fc.assert(fc.property(anyCase, (c) => {
    const r = decodeAdvert(encode(c));
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.deepEqual(comparable(r), { advert: c.advert, ip: c.ip });
  }), { numRuns: 500 });
});

test('any single mutated byte is rejected with a reason or decodes to a different packet', () => {
  fc.assert(fc.property(anyCase, fc.integer({ min: 1, max: 255 }), (c, flip) => {
    const packet = encode(c);
    const original = bytesOf(packet);
    const checked = contextFor(c);
    for (let i = 0; i < original.length; i++) {
      const mutated = original.slice();
      mutated[i]! ^= flip;
      const m = withBytes(packet, mutated);
      const r = checked === null ? decodeAdvert(m) : receiveAdvert(m, checked.ctx, checked.state);
      if (!r.ok) {
        assert.equal(typeof r.reason, 'string');
        continue;
      }
      assert.notDeepEqual(comparable(r), { advert: c.advert, ip: c.ip }, `byte ${i} ^ ${flip} went unnoticed`);
    }
  }), { numRuns: 200 });
});

test('the decoder never throws on arbitrary bytes', () => {
  const ah = makeReceiveContext({
    family: 'ipv4', version: 2, vrid: 1, authType: 'ah', authKey: KEY, hmacMd5: nodeHmacMd5, advertIntervalS: 1, addresses: ['10.0.0.1'],
  });
  const v6 = makeReceiveContext({ family: 'ipv6', version: 3, vrid: 1, addresses: ['fd00::1'], unicastPeers: [{ address: 'fd00::2', maxTtl: 10 }] });
  assert.ok(ah.ok && v6.ok);
  const arbitrary = fc.uint8Array({ maxLength: 200 });
  // Mostly-valid input reaches deeper checks than pure noise.
  const nearlyValid = fc.tuple(anyCase, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }))
    .map(([c, edits]) => {
      const b = bytesOf(encode(c)).slice();
      for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v;
      return b;
    });
  fc.assert(fc.property(fc.oneof(arbitrary, nearlyValid), fc.integer({ min: -1, max: 255 }), (b, hopLimit) => {
    decodeAdvert({ family: 'ipv4', datagram: b });
    receiveAdvert({ family: 'ipv4', datagram: b }, ah.context, { ahLastSequence: 0 });
    decodeAdvert({ family: 'ipv6', payload: b, source: 'fe80::1', destination: 'ff02::12', hopLimit });
    receiveAdvert({ family: 'ipv6', payload: b, source: 'fd00::2', destination: 'fd00::3', hopLimit }, v6.context);
    receiveAdvert({ family: 'ipv6', payload: b, source: 'not an address', destination: 'ff02::12', hopLimit }, v6.context);
  }), { numRuns: 2000 });
});
