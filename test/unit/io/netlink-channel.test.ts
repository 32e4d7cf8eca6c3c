import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/sim/virtual-time.js';
import { createRequestChannel } from '../../../src/io/net/netlink/channel.js';
import { decodeMessages, encodeMessage, u32 } from '../../../src/io/net/netlink/codec.js';
import type { NetlinkMessage } from '../../../src/io/net/netlink/codec.js';
import { createNetlinkAddressManager } from '../../../src/io/net/netlink/address-manager.js';
import type { NetlinkTransport } from '../../../src/io/net/netlink/transport.js';
import { LinkTable } from '../../../src/io/net/netlink/link-table.js';
import { applyMessage } from '../../../src/io/net/netlink/link-monitor.js';
import { encodeAddress } from '../../../src/io/net/netlink/address-messages.js';

/** A transport whose "kernel" is the test: it sees each request and answers when told. */
function fakeTransport(kernel?: (m: NetlinkMessage) => Buffer): NetlinkTransport & { sent: NetlinkMessage[]; reply(datagram: Buffer): void } {
  let listener: (d: Buffer) => void = () => {};
  const sent: NetlinkMessage[] = [];
  return {
    sent,
    send(datagram, done) {
      const messages = decodeMessages(datagram);
      sent.push(...messages);
      done(undefined);
      if (kernel !== undefined) for (const m of messages) setImmediate(() => listener(kernel(m)));
    },
    onDatagram(l) {
      listener = l;
    },
    onError() {},
    join() {},
    close() {},
    reply(datagram) {
      listener(datagram);
    },
  };
}

const ack = (seq: number, errno = 0): Buffer => encodeMessage({ type: 2, flags: 0, seq, pid: 0 }, [u32(-errno >>> 0), Buffer.alloc(16)]);

test('requests are serialised: the second is sent only after the first is answered', async () => {
  const t = fakeTransport();
  const channel = createRequestChannel(t, new VirtualClock(), 100);
  const first = channel.request(20, 0, [Buffer.alloc(8)]);
  const second = channel.request(21, 0, [Buffer.alloc(8)]);
  assert.equal(t.sent.length, 1);
  assert.equal(t.sent[0]!.flags & 0x5, 0x5, 'REQUEST|ACK');
  t.reply(ack(t.sent[0]!.seq + 100)); // someone else's sequence number: ignored
  assert.equal(t.sent.length, 1);
  t.reply(ack(t.sent[0]!.seq, 17));
  assert.deepEqual(await first, { ok: false, error: 'EEXIST' });
  assert.equal(t.sent.length, 2);
  assert.notEqual(t.sent[1]!.seq, t.sent[0]!.seq);
  t.reply(ack(t.sent[1]!.seq));
  assert.deepEqual(await second, { ok: true, messages: [] });
});

test('a request nobody answers times out on the clock and the queue moves on; a late answer is ignored', async () => {
  const t = fakeTransport();
  const clock = new VirtualClock();
  const channel = createRequestChannel(t, clock, 100);
  const first = channel.request(20, 0, []);
  const second = channel.request(20, 0, []);
  clock.advanceBy(100);
  assert.deepEqual(await first, { ok: false, error: 'ETIMEDOUT' });
  assert.equal(t.sent.length, 2);
  t.reply(ack(t.sent[0]!.seq, 17));
  t.reply(ack(t.sent[1]!.seq));
  assert.deepEqual(await second, { ok: true, messages: [] });
});

test('a dump collects messages up to NLMSG_DONE', async () => {
  const t = fakeTransport();
  const channel = createRequestChannel(t, new VirtualClock(), 100);
  const dump = channel.dump(22, [Buffer.alloc(8)]);
  const seq = t.sent[0]!.seq;
  assert.equal(t.sent[0]!.flags, 0x301);
  const part = (n: number): Buffer => encodeMessage({ type: 20, flags: 2, seq, pid: 0 }, [Buffer.from([n, 0, 0, 0])]);
  t.reply(Buffer.concat([part(1), part(2)]));
  t.reply(encodeMessage({ type: 3, flags: 2, seq, pid: 0 }, [u32(0)]));
  const reply = await dump;
  assert.ok(reply.ok);
  assert.deepEqual(reply.messages.map((m) => m.payload[0]), [1, 2]);
});

const linkReply = (m: NetlinkMessage): Buffer => {
  const link = Buffer.alloc(16);
  link.writeUInt32LE(3, 4);
  const name = Buffer.from([7, 0, 3, 0, 0x61, 0x30, 0, 0]);
  return Buffer.concat([encodeMessage({ type: 16, flags: 0, seq: m.seq, pid: 0 }, [link, name]), ack(m.seq)]);
};

test('address manager: EEXIST on add and EADDRNOTAVAIL on delete are successes, other errors are reported per item', async () => {
  // The kernel: GETLINK a0 → index 3; NEWADDR → EEXIST then EPERM; DELADDR → EADDRNOTAVAIL.
  const answers = [17, 1, 99];
  const t = fakeTransport((m) => (m.type === 18 ? linkReply(m) : ack(m.seq, answers.shift() ?? 0)));
  const manager = createNetlinkAddressManager({ clock: new VirtualClock(), transport: t, timeoutMs: 50 });
  const vip = { family: 'ipv4', address: '10.0.0.1', prefixLength: 24, interfaceName: 'a0' } as const;
  assert.deepEqual(await manager.addAddresses([vip, vip]), [undefined, 'EPERM']);
  assert.deepEqual(await manager.removeAddresses([vip]), [undefined]);
  assert.equal(t.sent[1]!.type, 20);
  assert.equal(t.sent[1]!.flags & 0x600, 0x600, 'CREATE|EXCL');
  assert.equal(readIndex(t.sent[1]!), 3);
});

test('address manager: a missing interface fails an add and counts as done for a delete', async () => {
  const t = fakeTransport((m) => ack(m.seq, 19));
  const manager = createNetlinkAddressManager({ clock: new VirtualClock(), transport: t });
  const vip = { family: 'ipv4', address: '10.0.0.1', prefixLength: 24, interfaceName: 'nosuch' } as const;
  assert.deepEqual(await manager.addAddresses([vip]), ['ENODEV (interface nosuch)']);
  assert.deepEqual(await manager.removeAddresses([vip]), [undefined]);
  assert.deepEqual(await manager.removeVmac('nosuch'), undefined);
});

function readIndex(m: NetlinkMessage): number {
  return m.payload.readUInt32LE(4);
}

test('link table: kernel messages become port events, duplicates and bridge messages are silent', () => {
  const table = new LinkTable();
  const link = (flags: number, family = 0, type = 16): NetlinkMessage => {
    const header = Buffer.alloc(16);
    header[0] = family;
    header.writeUInt32LE(5, 4);
    header.writeUInt32LE(flags, 8);
    return { type, flags: 0, seq: 0, pid: 0, payload: Buffer.concat([header, Buffer.from([7, 0, 3, 0, 0x61, 0x30, 0, 0])]) };
  };
  assert.deepEqual(applyMessage(table, link(0x41)).map((e) => e.type), ['link']);
  assert.deepEqual(applyMessage(table, link(0x41)), [], 'nothing changed');
  const down = applyMessage(table, link(0x01));
  assert.equal(down[0]?.type === 'link' && down[0].link.up, false);
  assert.deepEqual(applyMessage(table, link(0x01, 7, 17)), [], 'AF_BRIDGE DELLINK is a port leaving a bridge');
  const address = (type: number): NetlinkMessage => {
    const parts = encodeAddress({ family: 'ipv4', address: '10.0.0.1', prefixLength: 24, interfaceName: 'a0' }, 5, false);
    assert.ok(typeof parts !== 'string');
    return { type, flags: 0, seq: 0, pid: 0, payload: Buffer.concat(parts) };
  };
  assert.deepEqual(applyMessage(table, address(20)).map((e) => e.type), ['address-added']);
  assert.deepEqual(applyMessage(table, address(20)), []);
  assert.deepEqual(table.link('a0')?.addresses, [{ family: 'ipv4', address: '10.0.0.1', prefixLength: 24 }]);
  assert.deepEqual(applyMessage(table, address(21)).map((e) => e.type), ['address-removed']);
  assert.deepEqual(applyMessage(table, link(0x01, 0, 17)), [{ type: 'link-removed', name: 'a0', ifindex: 5 }]);
  assert.equal(table.link('a0'), undefined);
});
