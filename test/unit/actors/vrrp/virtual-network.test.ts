import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualNetwork } from '../../../../src/sim/net/index.js';
import type { ReceivedAdvert, VrrpLink } from '../../../../src/ports/vrrp-link.js';
import { VirtualClock } from '../../../../src/sim/virtual-time.js';
import { lan } from './harness.js';

function open(net: VirtualNetwork, node: string, log: string[]): VrrpLink {
  const link = net.node(node).links.open(
    { instance: 'VI_1', interfaceName: 'eth0', family: 'ipv4', vrid: 1, unicastPeers: [], multicastGroup: '224.0.0.18' },
    (advert: ReceivedAdvert) => log.push(`${advert.receivedAtMs} ${node} <- ${advert.packet.family === 'ipv4' ? advert.packet.datagram[0] : '?'}`),
  );
  assert.ok(!('error' in link));
  return link;
}

test('multicast reaches every other node on the segment at the same instant, in send order; hooks drop and delay', () => {
  const clock = new VirtualClock();
  const net = new VirtualNetwork(clock);
  net.addNode('A', [lan('10.0.0.1', '52:54:00:00:00:01')]);
  net.addNode('B', [lan('10.0.0.2', '52:54:00:00:00:02')]);
  net.addNode('C', [lan('10.0.0.3', '52:54:00:00:00:03')]);
  const log: string[] = [];
  const a = open(net, 'A', log);
  open(net, 'B', log);
  open(net, 'C', log);
  assert.equal(a.sourceAddress, '10.0.0.1');
  assert.equal(a.send(Uint8Array.of(1), '224.0.0.18'), undefined);
  assert.equal(a.send(Uint8Array.of(2), '224.0.0.18'), undefined);
  clock.advanceBy(1);
  assert.deepEqual(log, ['0 B <- 1', '0 C <- 1', '0 B <- 2', '0 C <- 2']);

  log.length = 0;
  net.setPolicy('A', 'B', { drop: true });
  net.setPolicy('A', 'C', { delayMs: 2.5 });
  a.send(Uint8Array.of(3), '224.0.0.18');
  clock.advanceBy(10);
  assert.deepEqual(log, ['3.5 C <- 3']);

  net.node('A').setLinkUp('eth0', false);
  assert.equal(a.send(Uint8Array.of(4), '224.0.0.18'), 'interface down');
});

test('a link cannot open without an address of its family; unicast goes only to the owner of the address', () => {
  const clock = new VirtualClock();
  const net = new VirtualNetwork(clock);
  net.addNode('A', [lan('10.0.0.1', '52:54:00:00:00:01')]);
  net.addNode('B', [{ name: 'eth0', mac: '52:54:00:00:00:02', addresses: [] }]);
  const failed = net.node('B').links.open(
    { instance: 'VI_1', interfaceName: 'eth0', family: 'ipv4', vrid: 1, unicastPeers: [], multicastGroup: '224.0.0.18' },
    () => {},
  );
  assert.ok('error' in failed);
  net.node('B').linkMonitor.addAddress('eth0', { family: 'ipv4', address: '10.0.0.2', prefixLength: 24 });
  net.addNode('C', [lan('10.0.0.3', '52:54:00:00:00:03')]);
  const log: string[] = [];
  const a = open(net, 'A', log);
  open(net, 'B', log);
  open(net, 'C', log);
  a.send(Uint8Array.of(9), '10.0.0.2');
  clock.advanceBy(1);
  assert.deepEqual(log, ['0 B <- 9']);
});
