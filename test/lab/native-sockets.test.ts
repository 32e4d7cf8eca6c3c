/**
 * The addon on real links: two namespaces joined by a veth pair, sockets opened in each through
 * the addon's netns option (one test process, no helpers inside the namespaces).
 *  - AF_PACKET: a gratuitous ARP sent from A arrives byte for byte in B (seen by an AF_PACKET
 *    receiver and independently by tcpdump).
 *  - IPv6 VRRP: recvmsg reports hop limit 255 (and 64 when sent with 64, which the daemon must
 *    reject), A's link-local source, the ff02::12 destination, the interface, and the payload
 *    with the checksum the kernel filled in through IPV6_CHECKSUM.
 *  - IPv4 VRRP: IP_PKTINFO tells multicast 224.0.0.18 from unicast; TTL and TOS as set.
 *  - A receiving socket keeps the process alive only until unref()/close(); worker teardown
 *    with an open socket is clean.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { labUnavailable, Netns } from '../support/lab.js';
import {
  interfaceIndex, macAddress, nativeUnavailable, PacketSocket, RawIpSocket, toReceivedPacket,
  type ReceivedDatagram, type ReceivedFrame,
} from '../../src/io/native/index.js';
import {
  buildGratuitousArp, decodeAdvert, encodeAdvertIPv4, encodeAdvertIPv6, formatMac, type AdvertisementV3,
} from '../../src/protocol/index.js';

const unavailable = labUnavailable(['ip', 'tcpdump']) ?? nativeMissing();

/** The addon is built by `npm install`; in CI its absence is a failure, elsewhere a skip. */
function nativeMissing(): string | undefined {
  const reason = nativeUnavailable()?.message;
  if (reason !== undefined && process.env.CI === 'true') throw new Error(reason);
  return reason;
}
const MAC_A = '02:00:5e:00:00:0a';
const MAC_B = '02:00:5e:00:00:0b';
const WAIT_MS = 3000;

/** Collects what a socket receives; `next` waits for the first item matching a predicate. */
class Inbox<T> {
  private readonly items: T[] = [];
  private waiter: (() => void) | undefined;
  readonly errors: Error[] = [];

  push = (item: T): void => {
    this.items.push(item);
    this.waiter?.();
  };

  fail = (error: Error): void => {
    this.errors.push(error);
  };

  async next(match: (item: T) => boolean, what: string, waitMs = WAIT_MS): Promise<T> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const index = this.items.findIndex(match);
      if (index >= 0) return this.items.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; receive errors: ${this.errors.join(', ') || 'none'}`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        this.waiter = () => {
          clearTimeout(timer);
          done();
        };
      });
    }
  }
}

function advertV3(family: 'ipv4' | 'ipv6', addresses: string[]): AdvertisementV3 {
  return { version: 3, family, vrid: 51, priority: 150, maxAdvertIntervalCs: 100, addresses };
}

/** The first packet of a pcap file (little- or big-endian classic format). */
function firstPcapPacket(file: string): Uint8Array {
  const bytes = readFileSync(file);
  const little = bytes.readUInt32LE(0) === 0xa1b2c3d4;
  const capturedLength = little ? bytes.readUInt32LE(24 + 8) : bytes.readUInt32BE(24 + 8);
  return new Uint8Array(bytes.subarray(24 + 16, 24 + 16 + capturedLength));
}

describe('native sockets between two namespaces', { skip: unavailable }, () => {
  let a: Netns;
  let b: Netns;
  let ifA: number;
  let ifB: number;
  const nsPath = (ns: Netns): string => `/run/netns/${ns.name}`;
  const opened: Array<{ close(): void }> = [];
  const track = <T extends { close(): void }>(socket: T): T => {
    opened.push(socket);
    return socket;
  };

  before(() => {
    a = new Netns('ktnat');
    b = new Netns('ktnat');
    const must = (ns: Netns, ...args: string[]): void => {
      const r = ns.run(args[0]!, args.slice(1));
      assert.equal(r.status, 0, `${ns.name}: ${args.join(' ')}: ${r.stderr}`);
    };
    for (const ns of [a, b]) must(ns, 'sysctl', '-qw', 'net.ipv6.conf.default.accept_dad=0');
    must(a, 'ip', 'link', 'add', 'va', 'address', MAC_A, 'type', 'veth', 'peer', 'name', 'vb', 'address', MAC_B, 'netns', b.name);
    for (const [ns, dev, v6, v4] of [[a, 'va', 'fe80::a', '10.9.0.1'], [b, 'vb', 'fe80::b', '10.9.0.2']] as const) {
      must(ns, 'ip', 'link', 'set', dev, 'addrgenmode', 'none');
      must(ns, 'ip', '-6', 'addr', 'add', `${v6}/64`, 'dev', dev, 'nodad');
      must(ns, 'ip', 'addr', 'add', `${v4}/24`, 'dev', dev);
      must(ns, 'ip', 'link', 'set', dev, 'up');
    }
    ifA = interfaceIndex('va', nsPath(a));
    ifB = interfaceIndex('vb', nsPath(b));
  });

  after(() => {
    for (const socket of opened) socket.close();
    a?.dispose();
    b?.dispose();
  });

  it('reads the interfaces\' MAC addresses inside their namespaces', () => {
    assert.equal(formatMac(macAddress('va', nsPath(a))!), MAC_A);
    assert.equal(formatMac(macAddress('vb', nsPath(b))!), MAC_B);
    assert.throws(() => interfaceIndex('va', nsPath(b)), { code: 'ENODEV' });
  });

  it('sends a gratuitous ARP frame over AF_PACKET that arrives byte for byte', async () => {
    const garp = buildGratuitousArp({ sourceMac: macAddress('va', nsPath(a))!, address: '10.9.0.100' });
    const pcap = mkdtempSync(join(tmpdir(), 'ktnat-'));
    const pcapFile = join(pcap, 'garp.pcap');
    const tcpdump = spawn('ip', ['netns', 'exec', b.name, 'tcpdump', '-i', 'vb', '-c1', '-U', '-w', pcapFile, 'arp'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error('tcpdump did not start')), WAIT_MS);
        tcpdump.stderr.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('listening on')) {
            clearTimeout(timer);
            ready();
          }
        });
      });
      const exited = new Promise<number | null>((done) => tcpdump.on('exit', done));

      const inbox = new Inbox<ReceivedFrame>();
      const receiver = track(PacketSocket.open({ ifindex: ifB, receiveEthertype: 0x0806, netns: nsPath(b) }));
      receiver.receive(inbox.push, inbox.fail);
      const sender = track(PacketSocket.open({ ifindex: ifA, netns: nsPath(a) }));
      assert.equal(sender.send(garp), undefined);

      const got = await inbox.next((f) => f.ethertype === 0x0806, 'the ARP frame');
      assert.equal(got.ifindex, ifB);
      assert.equal(got.packetType, 'broadcast');
      assert.equal(got.truncated, false);
      // veth does not pad short frames; a NIC would add zeros after the 42 bytes.
      assert.deepEqual(new Uint8Array(got.frame.subarray(0, garp.length)), garp);

      assert.equal(await exited, 0, 'tcpdump captured one frame');
      assert.deepEqual(firstPcapPacket(pcapFile).subarray(0, garp.length), garp);
      assert.deepEqual(inbox.errors, []);
    } finally {
      tcpdump.kill('SIGKILL');
      rmSync(pcap, { recursive: true, force: true });
    }
  });

  describe('IPv6 VRRP (protocol 112)', () => {
    let inbox: Inbox<ReceivedDatagram>;
    let sender: RawIpSocket;
    const advert = advertV3('ipv6', ['fe80::100']);
    // What arrives must carry the codec's checksum, although we send zeros: the kernel fills it.
    const expected = encodeAdvertIPv6(advert, { source: 'fe80::a', destination: 'ff02::12' });
    const zeroChecksum = (): Uint8Array => {
      const payload = expected.slice();
      payload[6] = 0;
      payload[7] = 0;
      return payload;
    };

    before(() => {
      inbox = new Inbox<ReceivedDatagram>();
      const receiver = track(RawIpSocket.open({ family: 'ipv6', protocol: 112, netns: nsPath(b), device: 'vb', checksumOffset: 6 }));
      receiver.joinGroup('ff02::12', ifB);
      receiver.receive(inbox.push, inbox.fail);
      sender = track(RawIpSocket.open({
        family: 'ipv6', protocol: 112, netns: nsPath(a), device: 'va', checksumOffset: 6,
        bindAddress: 'fe80::a', scopeId: ifA, multicastLoop: false,
      }));
    });

    it('reports hop limit 255, link-local source, multicast destination and interface', async () => {
      assert.equal(sender.send(zeroChecksum(), 'ff02::12', { ifindex: ifA, hopLimit: 255 }), undefined);
      const got = await inbox.next((d) => d.hopLimit === 255, 'the advert with hop limit 255');
      assert.equal(got.family, 'ipv6');
      assert.equal(got.source, 'fe80::a');
      assert.equal(got.destination, 'ff02::12');
      assert.equal(got.ifindex, ifB);
      // The kernel's arrival stamp: before the read, and not by much.
      assert.ok(got.ageMs > 0 && got.ageMs < 1000, `age ${got.ageMs} ms`);
      assert.deepEqual(new Uint8Array(got.data), expected);
      const decoded = decodeAdvert(toReceivedPacket(got));
      assert.ok(decoded.ok, 'the codec accepts it');
      assert.deepEqual(decoded.advert, advert);
    });

    it('reports hop limit 64 when the sender used 64 (the daemon must reject it)', async () => {
      assert.equal(sender.send(zeroChecksum(), 'ff02::12', { ifindex: ifA, hopLimit: 64 }), undefined);
      const got = await inbox.next(() => true, 'the advert with hop limit 64');
      assert.equal(got.hopLimit, 64);
      assert.deepEqual(new Uint8Array(got.data), expected);
    });

    it('tells a unicast advert from a multicast one by its destination', async () => {
      const unicast = encodeAdvertIPv6(advert, { source: 'fe80::a', destination: 'fe80::b' });
      assert.equal(sender.send(unicast, 'fe80::b', { ifindex: ifA, hopLimit: 255 }), undefined);
      const got = await inbox.next(() => true, 'the unicast advert');
      assert.equal(got.destination, 'fe80::b');
      assert.deepEqual(new Uint8Array(got.data), unicast);
    });

    it('joins and leaves groups; raw IPv6 sockets see the group whoever joined it', async () => {
      const probe = new Inbox<ReceivedDatagram>();
      const receiver = track(RawIpSocket.open({ family: 'ipv6', protocol: 112, netns: nsPath(b), multicastAll: false }));
      receiver.receive(probe.push, probe.fail);
      receiver.joinGroup('ff02::12', ifB);
      assert.throws(() => receiver.joinGroup('ff02::12', ifB), { code: 'EADDRINUSE' });
      receiver.leaveGroup('ff02::12', ifB);
      assert.throws(() => receiver.leaveGroup('ff02::12', ifB), { code: 'EADDRNOTAVAIL' });
      // Unlike IPv4, Linux matches raw IPv6 sockets without looking at their own memberships
      // (IPV6_MULTICAST_ALL does not apply): the daemon must filter on destination and ifindex.
      assert.equal(sender.send(zeroChecksum(), 'ff02::12', { ifindex: ifA, hopLimit: 255 }), undefined);
      const got = await probe.next(() => true, 'the advert at the socket that left');
      assert.equal(got.destination, 'ff02::12');
      assert.equal(got.ifindex, ifB);
      await inbox.next(() => true, 'the advert at the joined receiver');
      receiver.close();
    });
  });

  describe('IPv4 VRRP (protocol 112)', () => {
    let inbox: Inbox<ReceivedDatagram>;
    let sender: RawIpSocket;
    const advert = advertV3('ipv4', ['10.9.0.100']);

    before(() => {
      inbox = new Inbox<ReceivedDatagram>();
      const receiver = track(RawIpSocket.open({ family: 'ipv4', protocol: 112, netns: nsPath(b), multicastAll: false }));
      receiver.joinGroup('224.0.0.18', ifB);
      receiver.receive(inbox.push, inbox.fail);
      sender = track(RawIpSocket.open({
        family: 'ipv4', protocol: 112, netns: nsPath(a), tos: 0xc0, multicastHops: 255, unicastHops: 255,
        multicastInterface: ifA, multicastLoop: false,
      }));
    });

    it('reports 224.0.0.18 as the destination of a multicast advert, with TTL 255 and TOS 0xc0', async () => {
      const datagram = encodeAdvertIPv4(advert, { source: '10.9.0.1' });
      assert.equal(sender.send(datagram.subarray(20), '224.0.0.18'), undefined);
      const got = await inbox.next(() => true, 'the multicast advert');
      assert.equal(got.destination, '224.0.0.18');
      assert.equal(got.source, '10.9.0.1');
      assert.equal(got.ifindex, ifB);
      assert.equal(got.hopLimit, 255);
      assert.equal(got.data[1], 0xc0, 'TOS');
      assert.deepEqual(new Uint8Array(got.data.subarray(20)), datagram.subarray(20));
      const decoded = decodeAdvert(toReceivedPacket(got));
      assert.ok(decoded.ok, 'the codec accepts it');
      assert.deepEqual(decoded.advert, advert);
    });

    it('reports the unicast address of a unicast advert, and a per-packet TTL', async () => {
      const datagram = encodeAdvertIPv4(advert, { source: '10.9.0.1', destination: '10.9.0.2' });
      assert.equal(sender.send(datagram.subarray(20), '10.9.0.2', { hopLimit: 64 }), undefined);
      const got = await inbox.next(() => true, 'the unicast advert');
      assert.equal(got.destination, '10.9.0.2');
      assert.equal(got.hopLimit, 64);
      assert.ok(decodeAdvert(toReceivedPacket(got)).ok);
    });

    it('delivers only groups the socket itself joined when multicastAll is off', async () => {
      const probe = new Inbox<ReceivedDatagram>();
      const receiver = track(RawIpSocket.open({ family: 'ipv4', protocol: 112, netns: nsPath(b), multicastAll: false }));
      receiver.receive(probe.push, probe.fail);
      const datagram = encodeAdvertIPv4(advert, { source: '10.9.0.1' });
      const sendOne = async (what: string): Promise<void> => {
        assert.equal(sender.send(datagram.subarray(20), '224.0.0.18'), undefined);
        await inbox.next(() => true, `${what} at the joined receiver`);
      };
      await sendOne('an advert before joining');
      receiver.joinGroup('224.0.0.18', ifB);
      await sendOne('an advert while joined');
      receiver.leaveGroup('224.0.0.18', ifB);
      await sendOne('an advert after leaving');
      // The other receiver has seen all three, so this socket's queue is settled too.
      await probe.next(() => true, 'the advert while joined');
      await assert.rejects(probe.next(() => true, 'nothing more', 300), /timed out/);
      receiver.close();
    });

    it('sends a whole datagram with IP_HDRINCL', async () => {
      const raw = track(RawIpSocket.open({ family: 'ipv4', protocol: 112, netns: nsPath(a), headerIncluded: true }));
      const datagram = encodeAdvertIPv4(advert, { source: '10.9.0.1' });
      assert.equal(raw.send(datagram, '224.0.0.18', { ifindex: ifA }), undefined);
      const got = await inbox.next(() => true, 'the header-included advert');
      assert.equal(got.destination, '224.0.0.18');
      assert.equal(got.hopLimit, 255);
      assert.ok(decodeAdvert(toReceivedPacket(got)).ok);
    });
  });

  describe('process lifetime', () => {
    const entry = resolve('src/io/native/index.ts');
    const runChild = (body: string): ReturnType<typeof spawnSync> => spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `import { RawIpSocket } from ${JSON.stringify(entry)};\n${body}`],
      { encoding: 'utf8', timeout: 8000, env: { ...process.env, NETNS: nsPath(a) } },
    );
    const open = "const s = RawIpSocket.open({ family: 'ipv6', protocol: 112, netns: process.env.NETNS });";

    it('lets the process exit while receiving once unref() was called', () => {
      const r = runChild(`${open} s.receive(() => {}, () => {}); s.unref(); setTimeout(() => {}, 100);`);
      assert.equal(r.status, 0, String(r.stderr));
      assert.equal(r.signal, null);
    });

    it('keeps the process alive while receiving until close()', () => {
      const r = runChild(`${open} s.receive(() => {}, () => {}); const t0 = Date.now();
        setTimeout(() => { s.close(); console.log(Date.now() - t0); }, 1500);`);
      assert.equal(r.status, 0, String(r.stderr));
      assert.ok(Number(r.stdout) >= 1400, 'the socket kept the loop alive until closed');
    });

    it('makes a throwing listener an uncaught exception, not a crash', () => {
      const r = runChild(`${open} s.receive(() => { throw new Error('listener boom'); }, () => {});
        s.send(new Uint8Array(8), '::1');`);
      assert.equal(r.signal, null, 'no abort');
      assert.equal(r.status, 1);
      assert.match(String(r.stderr), /listener boom/);
    });

    it('lets the garbage collector close sockets that were dropped without close()', () => {
      const r = spawnSync(process.execPath, ['--expose-gc', '-e', `
        const { Socket } = require(${JSON.stringify(resolve('build/Release/keepalived_ts_native.node'))});
        for (let i = 0; i < 200; i++) new Socket('raw6', 112, process.env.NETNS);
        gc();
        setImmediate(() => { gc(); setImmediate(() => console.log(require('fs').readdirSync('/proc/self/fd').length)); });`,
      ], { encoding: 'utf8', timeout: 8000, env: { ...process.env, NETNS: nsPath(a) } });
      assert.equal(r.status, 0, String(r.stderr));
      assert.ok(Number(r.stdout) < 100, `fds left open: ${r.stdout}`);
    });

    it('tears down cleanly when a worker with a receiving socket is terminated', async () => {
      // Plain CommonJS worker loading the addon itself: this is about the C++ cleanup hook.
      const addon = resolve('build/Release/keepalived_ts_native.node');
      const worker = new Worker(
        `const { parentPort } = require('node:worker_threads');
         const { Socket } = require(${JSON.stringify(addon)});
         const s = new Socket('raw6', 112, process.env.NETNS);
         s.start(() => {});
         parentPort.postMessage('ready');`,
        { eval: true, env: { ...process.env, NETNS: nsPath(a) }, execArgv: [] },
      );
      await new Promise<void>((ready, fail) => {
        worker.once('message', () => ready());
        worker.once('error', fail);
      });
      assert.equal(await worker.terminate(), 1);
    });
  });
});
