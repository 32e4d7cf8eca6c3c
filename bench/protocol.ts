// Codec throughput on one core: decode+validate and encode, per protocol variant, against the
// rate the daemon must sustain (1000 instances at 1 s adverts + 100 at 50 ms).
import { nodeHmacMd5 } from '../src/io/crypto.js';
import {
  ahSpiFor, Ipv4AdvertEncoder, Ipv6AdvertEncoder, makeReceiveContext, passwordAuthData, receiveAdvert,
} from '../src/protocol/index.js';
import type { Advertisement, ReceivedPacket, ReceiveContextOptions } from '../src/protocol/index.js';

const REQUIRED_PPS = 1000 / 1 + 100 / 0.05;
const KEY = passwordAuthData('secret12');
const SRC4 = '10.77.0.1';
const SRC6 = 'fe80::77:ff:fe00:1';
const VIPS4 = ['10.77.0.100', '10.77.0.101', '10.77.0.102'];
const VIPS6 = ['fd77::100', 'fd77::101'];

interface Variant {
  readonly name: string;
  readonly advert: Advertisement;
  readonly ctx: ReceiveContextOptions;
}

const variants: Variant[] = [
  { name: 'v2 IPv4', advert: { version: 2, family: 'ipv4', vrid: 51, priority: 100, advertIntervalS: 1, auth: { type: 'none' }, addresses: VIPS4 }, ctx: { family: 'ipv4', version: 2, vrid: 51, advertIntervalS: 1, addresses: VIPS4 } },
  { name: 'v2 IPv4 PASS', advert: { version: 2, family: 'ipv4', vrid: 51, priority: 100, advertIntervalS: 1, auth: { type: 'pass', authData: KEY }, addresses: VIPS4 }, ctx: { family: 'ipv4', version: 2, vrid: 51, advertIntervalS: 1, authType: 'pass', authKey: KEY, addresses: VIPS4 } },
  { name: 'v2 IPv4 AH', advert: { version: 2, family: 'ipv4', vrid: 51, priority: 100, advertIntervalS: 1, auth: { type: 'ah', spi: ahSpiFor(SRC4), sequence: 1 }, addresses: VIPS4 }, ctx: { family: 'ipv4', version: 2, vrid: 51, advertIntervalS: 1, authType: 'ah', authKey: KEY, hmacMd5: nodeHmacMd5, addresses: VIPS4 } },
  { name: 'v3 IPv4', advert: { version: 3, family: 'ipv4', vrid: 53, priority: 100, maxAdvertIntervalCs: 100, addresses: VIPS4 }, ctx: { family: 'ipv4', version: 3, vrid: 53, addresses: VIPS4 } },
  { name: 'v3 IPv6', advert: { version: 3, family: 'ipv6', vrid: 55, priority: 100, maxAdvertIntervalCs: 100, addresses: VIPS6 }, ctx: { family: 'ipv6', version: 3, vrid: 55, addresses: VIPS6 } },
];

function measure(fn: (i: number) => void): { nsPerOp: number; pps: number } {
  for (let i = 0; i < 20_000; i++) fn(i); // warm up the JIT
  let iterations = 0;
  const start = process.hrtime.bigint();
  let elapsedNs = 0n;
  while (elapsedNs < 500_000_000n) {
    for (let i = 0; i < 10_000; i++) fn(iterations + i);
    iterations += 10_000;
    elapsedNs = process.hrtime.bigint() - start;
  }
  const nsPerOp = Number(elapsedNs) / iterations;
  return { nsPerOp, pps: 1e9 / nsPerOp };
}

const rows: string[][] = [];
for (const v of variants) {
  const ctxResult = makeReceiveContext(v.ctx);
  if (!ctxResult.ok) throw new Error(ctxResult.error);
  const ctx = ctxResult.context;
  let packet: ReceivedPacket;
  let encode: (i: number) => void;
  if (v.advert.family === 'ipv4') {
    const enc = new Ipv4AdvertEncoder(v.advert, { source: SRC4 }, { authKey: KEY, hmacMd5: nodeHmacMd5 });
    packet = { family: 'ipv4', datagram: enc.encode(100, 1, 1).slice() };
    encode = (i) => { enc.encode(100, (i & 0xfffe) + 1, i + 1); };
  } else {
    const enc = new Ipv6AdvertEncoder(v.advert, { source: SRC6, destination: 'ff02::12' });
    packet = { family: 'ipv6', payload: enc.encode(100).slice(), source: SRC6, destination: 'ff02::12', hopLimit: 255 };
    encode = () => { enc.encode(100); };
  }
  const first = receiveAdvert(packet, ctx);
  if (!first.ok) throw new Error(`${v.name}: bench packet rejected: ${first.reason}`);
  const decode = measure(() => {
    const r = receiveAdvert(packet, ctx);
    if (!r.ok) throw new Error(r.reason);
  });
  const enc = measure(encode);
  const fmt = (m: { nsPerOp: number; pps: number }): string[] => [m.nsPerOp.toFixed(0), Math.round(m.pps).toLocaleString('en-US'), `${(m.pps / REQUIRED_PPS).toFixed(0)}x`];
  rows.push([v.name, ...fmt(decode), ...fmt(enc)]);
}

const header = ['variant', 'decode ns/op', 'decode pkt/s', 'vs need', 'encode ns/op', 'encode pkt/s', 'vs need'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`required: ${REQUIRED_PPS.toLocaleString('en-US')} pkt/s per direction (1000 instances @ 1 s + 100 @ 50 ms), one core`);
console.log(line(header));
for (const r of rows) console.log(line(r));
