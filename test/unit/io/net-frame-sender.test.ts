/** The AF_PACKET FrameSender over a fake host: cached sockets, re-resolution, returned errors. */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NativeError } from '../../../src/io/native/index.js';
import type { FrameSocketLike, NetHost } from '../../../src/io/net/host.js';
import { createFrameSender, type HostFrameSender } from '../../../src/io/net/frame-sender.js';

function nativeError(code: string, syscall = 'sendto'): NativeError {
  return Object.assign(new Error(`${syscall}: ${code} (fake)`), { code, errno: -1, syscall });
}

class FakeFrameSocket implements FrameSocketLike {
  readonly sent: Uint8Array[] = [];
  closed = false;
  failSend: NativeError | undefined;

  constructor(readonly ifindex: number) {}

  send(frame: Uint8Array): NativeError | undefined {
    if (this.failSend) return this.failSend;
    this.sent.push(frame);
    return undefined;
  }

  close(): void {
    this.closed = true;
  }
}

class FakeHost implements NetHost {
  readonly interfaces = new Map<string, number>([['eth0', 2], ['eth1', 3]]);
  readonly sockets: FakeFrameSocket[] = [];
  failOpen: NativeError | undefined;
  lookups = 0;

  openRawSocket(): never {
    throw new Error('not used by the frame sender');
  }

  openFrameSocket(ifindex: number): FakeFrameSocket {
    if (this.failOpen) throw this.failOpen;
    const socket = new FakeFrameSocket(ifindex);
    this.sockets.push(socket);
    return socket;
  }

  interfaceIndex(name: string): number {
    this.lookups++;
    const index = this.interfaces.get(name);
    if (index === undefined) throw nativeError('ENODEV', 'ioctl');
    return index;
  }
}

const frame = new Uint8Array(42).fill(1);

describe('host FrameSender (fake host)', () => {
  let host: FakeHost;
  let sender: HostFrameSender;

  beforeEach(() => {
    host = new FakeHost();
    sender = createFrameSender({ host });
  });

  it('opens one socket per interface, on its index, and keeps it', () => {
    assert.equal(sender.sendFrame('eth0', frame), undefined);
    assert.equal(sender.sendFrame('eth0', frame), undefined);
    assert.equal(sender.sendFrame('eth1', frame), undefined);
    assert.deepEqual(host.sockets.map((s) => [s.ifindex, s.sent.length]), [[2, 2], [3, 1]]);
    assert.equal(host.lookups, 2, 'looked up once per interface');
  });

  it('re-resolves and retries once when the interface behind the cached index is gone', () => {
    assert.equal(sender.sendFrame('eth0', frame), undefined);
    host.sockets[0]!.failSend = nativeError('ENXIO');
    host.interfaces.set('eth0', 12);
    assert.equal(sender.sendFrame('eth0', frame), undefined);
    assert.ok(host.sockets[0]!.closed);
    assert.equal(host.sockets[1]!.ifindex, 12);
    assert.equal(host.sockets[1]!.sent.length, 1);
  });

  it('reports an interface that disappeared for good', () => {
    assert.equal(sender.sendFrame('eth0', frame), undefined);
    host.sockets[0]!.failSend = nativeError('ENODEV');
    host.interfaces.delete('eth0');
    assert.equal(sender.sendFrame('eth0', frame), 'eth0: ioctl: ENODEV (fake)');
  });

  it('returns other send failures without reopening', () => {
    assert.equal(sender.sendFrame('eth0', frame), undefined);
    host.sockets[0]!.failSend = nativeError('ENETDOWN');
    assert.equal(sender.sendFrame('eth0', frame), 'eth0: sendto: ENETDOWN (fake)');
    assert.equal(host.sockets.length, 1);
    assert.ok(!host.sockets[0]!.closed);
  });

  it('returns lookup and open failures, and opens again on the next send', () => {
    assert.equal(sender.sendFrame('gone0', frame), 'gone0: ioctl: ENODEV (fake)');
    host.failOpen = nativeError('EPERM', 'socket');
    assert.equal(sender.sendFrame('eth0', frame), 'eth0: socket: EPERM (fake)');
    host.failOpen = undefined;
    assert.equal(sender.sendFrame('eth0', frame), undefined);
  });

  it('closes every cached socket on close()', () => {
    sender.sendFrame('eth0', frame);
    sender.sendFrame('eth1', frame);
    sender.close();
    assert.ok(host.sockets.every((s) => s.closed));
    assert.equal(sender.sendFrame('eth0', frame), undefined);
    assert.equal(host.sockets.length, 3);
  });

  it('rethrows bugs (bad arguments) instead of hiding them', () => {
    host.failOpen = new TypeError('ifindex must be an integer') as unknown as NativeError;
    assert.throws(() => sender.sendFrame('eth0', frame), TypeError);
  });
});
