/**
 * The host VrrpLinkFactory over a fake NetHost: socket options as keepalived sets them, one
 * shared receive socket per (interface, family, protocol), group memberships counted, datagrams
 * routed by VRID and destination, per-family send paths, and every failure returned and rolled back.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NativeError, RawIpSocketOptions, ReceivedDatagram, SendOptions } from '../../../src/io/native/index.js';
import type { NetHost, RawSocketLike } from '../../../src/io/net/host.js';
import { createVrrpLinkFactory, type HostVrrpLinkFactory, type HostVrrpLinkSpec } from '../../../src/io/net/vrrp-link.js';
import type { HostAddress } from '../../../src/io/net/source-address.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { ReceivedAdvert, VrrpLink } from '../../../src/ports/vrrp-link.js';
import { encodeAdvertIPv4, encodeAdvertIPv6 } from '../../../src/protocol/index.js';

function nativeError(code: string, syscall = 'setsockopt'): NativeError {
  return Object.assign(new Error(`${syscall}: ${code} (fake)`), { code, errno: -1, syscall });
}

class FakeRawSocket implements RawSocketLike {
  readonly joined: string[] = [];
  readonly left: string[] = [];
  readonly sent: Array<{ payload: Uint8Array; destination: string; options: SendOptions | undefined }> = [];
  closed = false;
  failJoin: NativeError | undefined;
  failSend: NativeError | undefined;
  private onDatagram: ((d: ReceivedDatagram) => void) | undefined;

  constructor(readonly options: Omit<RawIpSocketOptions, 'netns'>) {}

  joinGroup(group: string, ifindex: number): void {
    if (this.failJoin) throw this.failJoin;
    this.joined.push(`${group}%${ifindex}`);
  }

  leaveGroup(group: string, ifindex: number): void {
    this.left.push(`${group}%${ifindex}`);
  }

  send(payload: Uint8Array, destination: string, options?: SendOptions): NativeError | undefined {
    if (this.failSend) return this.failSend;
    this.sent.push({ payload: payload.slice(), destination, options });
    return undefined;
  }

  receive(onDatagram: (d: ReceivedDatagram) => void): void {
    this.onDatagram = onDatagram;
  }

  close(): void {
    this.closed = true;
  }

  /** As if the kernel delivered a datagram. */
  deliver(d: Partial<Omit<ReceivedDatagram, 'data'>> & { readonly data: Uint8Array }): void {
    this.onDatagram?.({
      family: this.options.family, source: '', destination: '', hopLimit: 255, ifindex: 0, truncated: false, ageMs: 0, ...d,
      data: Buffer.from(d.data),
    });
  }
}

class FakeHost implements NetHost {
  readonly interfaces = new Map<string, number>([['eth0', 2], ['eth1', 3]]);
  readonly rawSockets: FakeRawSocket[] = [];
  failOpen: NativeError | undefined;

  openRawSocket(options: Omit<RawIpSocketOptions, 'netns'>): FakeRawSocket {
    if (this.failOpen) throw this.failOpen;
    const socket = new FakeRawSocket(options);
    this.rawSockets.push(socket);
    return socket;
  }

  openFrameSocket(): never {
    throw new Error('not used by VRRP links');
  }

  interfaceIndex(name: string): number {
    const index = this.interfaces.get(name);
    if (index === undefined) throw nativeError('ENODEV', 'ioctl');
    return index;
  }

  open(): FakeRawSocket[] {
    return this.rawSockets.filter((s) => !s.closed);
  }
}

const fixedClock: Clock = {
  nowMs: () => 1234.5,
  wallClockMs: () => 0,
  setTimer: () => ({ timerId: 0 }),
  clearTimer: () => {},
};

const addresses: Record<string, HostAddress[]> = {
  eth0: [{ family: 'ipv4', address: '192.0.2.1' }, { family: 'ipv6', address: 'fe80::1' }],
  eth1: [{ family: 'ipv4', address: '198.51.100.1' }, { family: 'ipv6', address: 'fe80::3' }],
};

const mcast4: HostVrrpLinkSpec = {
  instance: 'VI_1', interfaceName: 'eth0', family: 'ipv4', vrid: 1, unicastPeers: [], multicastGroup: '224.0.0.18',
};
const mcast6: HostVrrpLinkSpec = { ...mcast4, instance: 'VI_6', family: 'ipv6', vrid: 6, multicastGroup: 'ff02::12' };

function v3ipv4(vrid: number, destination = '224.0.0.18'): Uint8Array {
  return encodeAdvertIPv4({ version: 3, family: 'ipv4', vrid, priority: 100, maxAdvertIntervalCs: 100, addresses: ['192.0.2.100'] }, { source: '192.0.2.9', destination });
}

function v3ipv6(vrid: number): Uint8Array {
  return encodeAdvertIPv6({ version: 3, family: 'ipv6', vrid, priority: 100, maxAdvertIntervalCs: 100, addresses: ['fe80::100'] }, { source: 'fe80::9', destination: 'ff02::12' });
}

describe('host VrrpLinkFactory (fake host)', () => {
  let host: FakeHost;
  let factory: HostVrrpLinkFactory;
  const got = new Map<string, ReceivedAdvert[]>();

  const open = (spec: HostVrrpLinkSpec): VrrpLink => {
    const inbox: ReceivedAdvert[] = [];
    got.set(spec.instance, inbox);
    const link = factory.open(spec, (advert) => inbox.push(advert));
    if ('error' in link) assert.fail(link.error);
    return link;
  };
  const socket = (match: Partial<RawIpSocketOptions>): FakeRawSocket => {
    const found = host.open().filter((s) => Object.entries(match).every(([k, v]) => (s.options as Record<string, unknown>)[k] === v));
    assert.equal(found.length, 1, `sockets matching ${JSON.stringify(match)}: ${found.length}`);
    return found[0]!;
  };

  beforeEach(() => {
    host = new FakeHost();
    got.clear();
    factory = createVrrpLinkFactory({ clock: fixedClock, host, interfaceAddresses: (name) => addresses[name] ?? [] });
  });

  it('opens IPv4 sockets as keepalived does: device-bound receivers for 112 and 51, a header-included sender', () => {
    const link = open(mcast4);
    assert.equal(link.sourceAddress, '192.0.2.1');
    assert.deepEqual(host.open().map((s) => s.options), [
      { family: 'ipv4', protocol: 112, device: 'eth0', multicastAll: false },
      { family: 'ipv4', protocol: 51, device: 'eth0', multicastAll: false },
      { family: 'ipv4', protocol: 255, device: 'eth0', headerIncluded: true, multicastInterface: 2, multicastLoop: false, multicastAll: false },
    ]);
    assert.deepEqual(socket({ protocol: 112 }).joined, ['224.0.0.18%2']);
    assert.deepEqual(socket({ protocol: 51 }).joined, ['224.0.0.18%2']);
  });

  it('opens one IPv6 socket that receives and sends: kernel checksum at 6, hop limit 255, no loop', () => {
    const link = open(mcast6);
    assert.equal(link.sourceAddress, 'fe80::1');
    assert.deepEqual(host.open().map((s) => s.options), [{
      family: 'ipv6', protocol: 112, device: 'eth0', checksumOffset: 6, multicastAll: false, multicastHops: 255,
      unicastHops: 255, multicastInterface: 2, multicastLoop: false,
    }]);
    assert.deepEqual(socket({ family: 'ipv6' }).joined, ['ff02::12%2']);
  });

  it('listens only on the protocol of a known auth type', () => {
    open({ ...mcast4, authType: 'ah' });
    assert.deepEqual(host.open().map((s) => s.options.protocol), [51, 255]);
    open({ ...mcast4, instance: 'VI_2', vrid: 2, authType: 'pass' });
    assert.deepEqual(host.open().map((s) => s.options.protocol), [51, 255, 112]);
  });

  it('shares sockets and memberships among the instances of an interface, releasing them with the last', () => {
    const one = open(mcast4);
    const two = open({ ...mcast4, instance: 'VI_2', vrid: 2 });
    const other = open({ ...mcast4, instance: 'VI_3', vrid: 3, interfaceName: 'eth1' });
    assert.equal(host.rawSockets.length, 6, 'three per interface');
    const rx = socket({ protocol: 112, device: 'eth0' });
    assert.deepEqual(rx.joined, ['224.0.0.18%2'], 'joined once');
    one.close();
    one.close();
    assert.equal(host.open().length, 6);
    assert.deepEqual(rx.left, []);
    two.close();
    assert.deepEqual(rx.left, ['224.0.0.18%2']);
    assert.ok(rx.closed);
    assert.deepEqual(factory.openSockets().map((k) => k.split(' ')[2]), ['eth1#3', 'eth1#3', 'eth1#3']);
    other.close();
    assert.deepEqual(factory.openSockets(), []);
    assert.equal(host.open().length, 0);
  });

  it('hands each instance only the adverts of its VRID sent to its destination', () => {
    open(mcast4);
    open({ ...mcast4, instance: 'VI_2', vrid: 2 });
    open({ ...mcast4, instance: 'VI_U', vrid: 3, unicastPeers: ['192.0.2.2'], sourceAddress: '192.0.2.1' });
    const rx = socket({ protocol: 112 });
    rx.deliver({ data: v3ipv4(1), destination: '224.0.0.18', ifindex: 2 });
    rx.deliver({ data: v3ipv4(2), destination: '224.0.0.18', ifindex: 2 });
    rx.deliver({ data: v3ipv4(3, '192.0.2.1'), destination: '192.0.2.1', ifindex: 2 });
    // Unicast VRID 3 to the group, multicast VRID 1 to our address, unknown VRID: nobody's.
    rx.deliver({ data: v3ipv4(3), destination: '224.0.0.18', ifindex: 2 });
    rx.deliver({ data: v3ipv4(1, '192.0.2.1'), destination: '192.0.2.1', ifindex: 2 });
    rx.deliver({ data: v3ipv4(9), destination: '224.0.0.18', ifindex: 2 });
    const vrids = (instance: string): number[] => got.get(instance)!.map((a) => (a.packet.family === 'ipv4' ? a.packet.datagram[21]! : -1));
    assert.deepEqual(vrids('VI_1'), [1]);
    assert.deepEqual(vrids('VI_2'), [2]);
    assert.deepEqual(vrids('VI_U'), [3]);
    const advert = got.get('VI_1')![0]!;
    assert.deepEqual(advert, { packet: { family: 'ipv4', datagram: Buffer.from(v3ipv4(1)) }, destination: '224.0.0.18', ifindex: 2, receivedAtMs: 1234.5 });    // A kernel stamp dates the advert back to its arrival (timers armed for it count from there).
    rx.deliver({ data: v3ipv4(2), destination: '224.0.0.18', ifindex: 2, ageMs: 0.75 });
    assert.equal(got.get('VI_2')!.at(-1)!.receivedAtMs, 1234.5 - 0.75);
  });

  it('drops datagrams of another interface and truncated ones; takes the IPv4 destination from the header when unreported', () => {
    open(mcast4);
    const rx = socket({ protocol: 112 });
    rx.deliver({ data: v3ipv4(1), destination: '224.0.0.18', ifindex: 7 });
    rx.deliver({ data: v3ipv4(1), destination: '224.0.0.18', ifindex: 2, truncated: true });
    assert.equal(got.get('VI_1')!.length, 0);
    rx.deliver({ data: v3ipv4(1), destination: '', ifindex: 0 });
    assert.equal(got.get('VI_1')!.length, 1);
    assert.equal(got.get('VI_1')![0]!.destination, '224.0.0.18');
  });

  it('delivers IPv6 payloads with addresses and hop limit for the codec', () => {
    open(mcast6);
    const rx = socket({ family: 'ipv6' });
    rx.deliver({ data: v3ipv6(6), source: 'fe80::9', destination: 'ff02::12', hopLimit: 255, ifindex: 2 });
    rx.deliver({ data: v3ipv6(6), source: 'fe80::9', destination: 'ff02::1', hopLimit: 255, ifindex: 2 });
    assert.equal(got.get('VI_6')!.length, 1);
    const packet = got.get('VI_6')![0]!.packet;
    assert.equal(packet.family, 'ipv6');
    if (packet.family === 'ipv6') {
      assert.equal(packet.hopLimit, 255);
      assert.equal(packet.source, 'fe80::9');
      assert.equal(packet.destination, 'ff02::12');
    }
  });

  it('sends IPv4 datagrams whole through the header-included socket on the interface', () => {
    const link = open(mcast4);
    const datagram = v3ipv4(1);
    assert.equal(link.send(datagram, '224.0.0.18'), undefined);
    const tx = socket({ protocol: 255 });
    assert.deepEqual(tx.sent, [{ payload: datagram, destination: '224.0.0.18', options: { ifindex: 2 } }]);
  });

  it('sends IPv6 from the link-local source with hop limit 255, or unicast_ttl to a unicast peer', () => {
    const multicast = open(mcast6);
    const unicast = open({ ...mcast6, instance: 'VI_7', vrid: 7, unicastPeers: ['fe80::2'], unicastTtl: 17 });
    assert.equal(multicast.send(v3ipv6(6), 'ff02::12'), undefined);
    assert.equal(unicast.send(v3ipv6(7), 'fe80::2'), undefined);
    const rx = socket({ family: 'ipv6' });
    assert.deepEqual(rx.sent.map((s) => [s.destination, s.options]), [
      ['ff02::12', { ifindex: 2, hopLimit: 255, source: 'fe80::1' }],
      ['fe80::2', { ifindex: 2, hopLimit: 17, source: 'fe80::1' }],
    ]);
    assert.deepEqual(rx.joined, ['ff02::12%2'], 'the unicast instance joins nothing');
  });

  it('returns send failures as text, and refuses to send once closed', () => {
    const link = open(mcast4);
    socket({ protocol: 255 }).failSend = nativeError('ENETDOWN', 'sendmsg');
    assert.equal(link.send(v3ipv4(1), '224.0.0.18'), 'sendmsg: ENETDOWN (fake)');
    link.close();
    assert.equal(link.send(v3ipv4(1), '224.0.0.18'), 'link closed');
  });

  it('explains a missing interface, a missing address, bad groups and VRIDs', () => {
    const fail = (spec: HostVrrpLinkSpec): string => {
      const r = factory.open(spec, () => {});
      assert.ok('error' in r, 'expected an error');
      return r.error;
    };
    assert.equal(fail({ ...mcast4, interfaceName: 'gone0' }), 'VI_1: interface gone0: ioctl: ENODEV (fake)');
    host.interfaces.set('new0', 9);
    assert.equal(fail({ ...mcast4, interfaceName: 'new0' }), 'VI_1: new0 has no IPv4 address (yet)');
    assert.equal(fail({ ...mcast4, multicastGroup: 'ff02::12' }), 'VI_1: multicast group ff02::12 is not an ipv4 address');
    assert.equal(fail({ ...mcast4, vrid: 0 }), 'VI_1: VRID 0 out of range');
    assert.equal(host.rawSockets.length, 0);
  });

  it('rolls back what it opened when a socket or a membership fails', () => {
    host.failOpen = nativeError('EPERM', 'socket');
    assert.deepEqual(factory.open(mcast4, () => {}), { error: 'VI_1: opening the ipv4 receive socket: socket: EPERM (fake)' });
    host.failOpen = undefined;
    const first = open({ ...mcast4, instance: 'VI_U', unicastPeers: ['192.0.2.2'] });
    socket({ protocol: 112 }).failJoin = nativeError('ENOBUFS');
    assert.deepEqual(factory.open(mcast4, () => {}), { error: 'VI_1: joining 224.0.0.18 on eth0: setsockopt: ENOBUFS (fake)' });
    assert.equal(host.open().length, 3, 'the unicast link keeps its sockets');
    first.close();
    assert.equal(host.open().length, 0);
  });

  it('opens fresh sockets for a recreated interface instead of the stale ones', () => {
    const old = open(mcast4);
    host.interfaces.set('eth0', 12);
    open({ ...mcast4, instance: 'VI_2', vrid: 2 });
    assert.equal(host.open().length, 6);
    old.close();
    assert.ok(host.open().every((s) => s.options.multicastInterface === undefined || s.options.multicastInterface === 12));
    assert.deepEqual(socket({ protocol: 112 }).joined, ['224.0.0.18%12']);
  });
});
