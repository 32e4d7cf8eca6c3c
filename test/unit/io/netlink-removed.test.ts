import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endianness } from 'node:os';
import fc from 'fast-check';
import { encodeRoute } from '../../../src/io/net/netlink/route-messages.js';
import { encodeRule } from '../../../src/io/net/netlink/rule-messages.js';
import { decodeRemovedRoute, decodeRemovedRule } from '../../../src/io/net/netlink/removed-messages.js';
import { createNetlinkRoutingMonitor } from '../../../src/io/net/netlink/routing-monitor.js';
import { encodeMessage } from '../../../src/io/net/netlink/codec.js';
import { RTM_DELROUTE, RTM_NEWROUTE } from '../../../src/io/net/netlink/constants.js';
import type { NetlinkTransport } from '../../../src/io/net/netlink/transport.js';
import type { RoutingEvent } from '../../../src/ports/routing.js';

const le = endianness() === 'LE';
const payload = (parts: Buffer[] | string): Buffer => {
  assert.ok(typeof parts !== 'string', String(parts));
  return Buffer.concat(parts);
};

test('a deleted route reads back as the kernel describes it', { skip: !le && 'little-endian attributes' }, () => {
  const v4 = payload(encodeRoute({ family: 'ipv4', destination: '198.51.100.0', prefixLength: 24, via: '192.0.2.254', interfaceName: 'eth0', metric: 7 }, 3, true));
  assert.deepEqual(decodeRemovedRoute(v4), {
    family: 'ipv4', destination: '198.51.100.0', prefixLength: 24, table: 254, ifindex: 3, gateway: '192.0.2.254', metric: 7,
  });
  const v6 = payload(encodeRoute({ family: 'ipv6', destination: 'default', prefixLength: 0, table: 1000 }, undefined, true));
  assert.deepEqual(decodeRemovedRoute(v6), {
    family: 'ipv6', destination: '::', prefixLength: 0, table: 1000, ifindex: undefined, gateway: undefined, metric: undefined,
  });
});

test('a deleted rule reads back with its selectors, priority, table and interfaces', { skip: !le && 'little-endian attributes' }, () => {
  const rule = payload(encodeRule({ family: 'ipv4', from: '198.18.0.0', fromPrefixLength: 16, table: 100, priority: 1000, action: 'table', iif: 'eth1' }));
  assert.deepEqual(decodeRemovedRule(rule), {
    family: 'ipv4', from: '198.18.0.0', fromPrefixLength: 16, to: undefined, toPrefixLength: 0, priority: 1000, table: 100,
    fwmark: undefined, iif: 'eth1', oif: undefined,
  });
});

test('garbage never throws: a payload is decoded or refused', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
    decodeRemovedRoute(Buffer.from(bytes));
    decodeRemovedRule(Buffer.from(bytes));
  }));
});

test('the monitor opens its socket for the first listener, reports deletions only, and closes after the last', () => {
  const sockets: { joined: number[]; closed: boolean; deliver?: (datagram: Buffer) => void }[] = [];
  const open = (): NetlinkTransport => {
    const socket: (typeof sockets)[number] = { joined: [], closed: false };
    sockets.push(socket);
    return {
      send: () => undefined,
      onDatagram: (listener) => (socket.deliver = listener),
      onError: () => undefined,
      join: (group) => socket.joined.push(group),
      close: () => (socket.closed = true),
    };
  };
  const monitor = createNetlinkRoutingMonitor({ open });
  assert.equal(sockets.length, 0);
  const seen: RoutingEvent[] = [];
  const off = monitor.subscribe((event) => seen.push(event));
  assert.equal(sockets.length, 1);
  assert.deepEqual(sockets[0]?.joined.sort((x, y) => x - y), [7, 8, 11, 19]);
  const route = payload(encodeRoute({ family: 'ipv4', destination: '10.0.0.0', prefixLength: 8 }, 2, false));
  const header = { flags: 0, seq: 0, pid: 0 };
  sockets[0]?.deliver?.(Buffer.concat([encodeMessage({ ...header, type: RTM_NEWROUTE }, [route]), encodeMessage({ ...header, type: RTM_DELROUTE }, [route])]));
  assert.deepEqual(seen.map((e) => e.type === 'route-removed' && `${e.route.destination}/${e.route.prefixLength}`), ['10.0.0.0/8']);
  off();
  assert.equal(sockets[0]?.closed, true);
});
