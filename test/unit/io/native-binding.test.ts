/**
 * The addon loads and turns bad input into exceptions or returned errors, never a crash. Runs
 * without root: where opening a socket needs CAP_NET_RAW, EPERM is the expected answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { nativeBinding, type NativeSocket } from '../../../src/io/native/binding.js';
import {
  interfaceIndex, isNativeError, macAddress, nativeUnavailable, PacketSocket, RawIpSocket,
} from '../../../src/io/native/index.js';

const isRoot = process.getuid?.() === 0;

/** The built addon (`npm install` builds it into build/Release). */
function addonPath(): string {
  const path = resolve('build/Release/keepalived_ts_native.node');
  assert.ok(existsSync(path), `${path} is built`);
  return path;
}
const unavailable = nativeUnavailable()?.message;
// `npm install` builds the addon: in CI a missing build fails the run instead of skipping.
if (unavailable !== undefined && process.env.CI === 'true') throw new Error(unavailable);

/** Junk for every argument position: none of it may crash the process. */
const JUNK: readonly unknown[] = [
  undefined, null, -1, 0, 1.5, NaN, Infinity, 2 ** 40, '', 'x'.repeat(300), '::1', {}, [], () => 0,
  new Uint8Array(0), Symbol('s'), 10n,
];

describe('native addon', { skip: unavailable }, () => {
  it('loads and exports the socket class, lookups and constants', () => {
    const binding = nativeBinding();
    assert.equal(typeof binding.Socket, 'function');
    assert.equal(binding.constants.IPV6_RECVHOPLIMIT, 51);
    assert.equal(binding.constants.ETH_P_ARP, 0x0806);
    assert.equal(binding.constants.PACKET_OUTGOING, 4);
  });

  it('looks up the loopback interface', () => {
    assert.equal(interfaceIndex('lo'), 1);
    assert.equal(macAddress('lo'), undefined, 'loopback has no Ethernet address');
  });

  it('reports a missing interface as ENODEV', () => {
    assert.throws(() => interfaceIndex('no-such-if0'), (e: unknown) => isNativeError(e) && e.code === 'ENODEV'
      && e.syscall === 'ioctl' && e.errno < 0);
    assert.throws(() => macAddress('no-such-if0'), { code: 'ENODEV' });
  });

  it('rejects bad interface names and namespaces with errors', () => {
    assert.throws(() => interfaceIndex(''), TypeError);
    assert.throws(() => interfaceIndex('a'.repeat(16)), TypeError);
    assert.throws(() => interfaceIndex(42 as unknown as string), TypeError);
    assert.throws(() => interfaceIndex('lo', '/nonexistent/netns'), { code: 'ENOENT', syscall: 'open' });
  });

  it('rejects bad socket kinds and protocols with TypeError', () => {
    const { Socket } = nativeBinding();
    const construct = (...args: unknown[]): unknown => Reflect.construct(Socket, args);
    assert.throws(() => construct(), TypeError);
    assert.throws(() => construct('tcp', 6), TypeError);
    assert.throws(() => construct('raw6', 0), TypeError);
    assert.throws(() => construct('raw6', 256), TypeError);
    assert.throws(() => construct('packet', 0x10000), TypeError);
    assert.throws(() => construct('raw4', 112, 7), TypeError);
    assert.throws(() => RawIpSocket.open({ family: 'ipv6', protocol: 112, netns: '/nonexistent/netns' }), { code: 'ENOENT' });
    assert.throws(() => RawIpSocket.open({ family: 'ipv4', protocol: 112, checksumOffset: 6 }), TypeError);
  });

  it('without root, opening a raw socket fails with EPERM', () => {
    if (!isRoot) {
      assert.throws(() => RawIpSocket.open({ family: 'ipv6', protocol: 112 }), { code: 'EPERM', syscall: 'socket' });
      assert.throws(() => PacketSocket.open({ ifindex: 1 }), { code: 'EPERM' });
      return;
    }
    // As root, ask an unprivileged child (nobody) to try the same through the addon itself.
    const probe = `
      const { Socket } = require(${JSON.stringify(addonPath())});
      const codes = [];
      for (const [kind, protocol] of [['raw6', 112], ['packet', 0]]) {
        try { new Socket(kind, protocol); codes.push('opened'); } catch (e) { codes.push(e.code); }
      }
      process.stdout.write(codes.join(','));`;
    const child = spawnSync(process.execPath, ['-e', probe], { uid: 65534, gid: 65534, encoding: 'utf8', cwd: '/' });
    assert.equal(child.stdout, 'EPERM,EPERM', child.stderr);
  });

  describe('with an open socket (root)', { skip: isRoot ? undefined : 'needs CAP_NET_RAW' }, () => {
    it('survives junk in every method and argument position', () => {
      for (const kind of ['packet', 'raw4', 'raw6'] as const) {
        const socket = new (nativeBinding().Socket)(kind, kind === 'packet' ? 0 : 112);
        const methods = ['setIntOption', 'bindToDevice', 'bindInterface', 'bindAddress', 'membership',
          'multicastInterface', 'send', 'start', 'setRef'] as const;
        try {
          for (const method of methods) {
            const fn = socket[method] as (...args: unknown[]) => unknown;
            for (const a of JUNK) {
              for (const b of [undefined, 'ff02::12', 1]) {
                try {
                  fn.call(socket, a, b, b, -1, '');
                } catch (error) {
                  assert.ok(error instanceof Error, `${kind}.${method} threw a non-Error`);
                }
              }
            }
          }
        } finally {
          socket.close();
        }
      }
    });

    it('returns send failures as errors, throws only for malformed arguments', () => {
      const socket = RawIpSocket.open({ family: 'ipv6', protocol: 112 });
      try {
        assert.throws(() => socket.send(new Uint8Array(8), 'not-an-address'), TypeError);
        assert.throws(() => socket.send(new Uint8Array(8), '::1', { hopLimit: 256 }), TypeError);
        assert.throws(() => socket.send('text' as unknown as Uint8Array, '::1'), TypeError);
        // No interface 999999 exists: the kernel refuses, and the error comes back as a value.
        const error = socket.send(new Uint8Array(8), 'ff02::12', { ifindex: 999_999 });
        assert.ok(isNativeError(error), 'an error value');
        assert.equal(error.syscall, 'sendmsg');
      } finally {
        socket.close();
      }
    });

    it('is closed idempotently and reports EBADF after close', () => {
      const socket = PacketSocket.open({ ifindex: 1 });
      assert.equal(socket.closed, false);
      socket.close();
      socket.close();
      assert.equal(socket.closed, true);
      assert.equal(socket.send(new Uint8Array(60))?.code, 'EBADF');
      assert.throws(() => socket.receive(() => {}, () => {}), { code: 'EBADF' });
      socket.stopReceiving();
      socket.unref().ref();
    });

    it('rejects frames shorter than an Ethernet header', () => {
      const socket = PacketSocket.open({ ifindex: 1 });
      try {
        assert.throws(() => socket.send(new Uint8Array(13)), TypeError);
      } finally {
        socket.close();
      }
    });

    it('reports a bad interface binding as an error with the errno name', () => {
      assert.throws(() => PacketSocket.open({ ifindex: 999_999 }), { code: 'ENODEV', syscall: 'bind' });
      assert.throws(() => RawIpSocket.open({ family: 'ipv4', protocol: 112, device: 'no-such-if0' }), { code: 'ENODEV' });
      assert.throws(
        () => RawIpSocket.open({ family: 'ipv6', protocol: 112, bindAddress: '2001:db8::1' }),
        { code: 'EADDRNOTAVAIL', syscall: 'bind' },
      );
    });

    it('lets sockets be dropped without close (the garbage collector closes them)', () => {
      const sockets: NativeSocket[] = [];
      for (let i = 0; i < 20; i++) sockets.push(new (nativeBinding().Socket)('raw6', 112));
      sockets.length = 0;
      (globalThis as { gc?: () => void }).gc?.();
    });
  });
});
