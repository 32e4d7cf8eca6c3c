/**
 * The host FrameSender over a veth pair: a gratuitous ARP and an unsolicited neighbour advert
 * built by the codec and sent from namespace A arrive in B byte for byte (tcpdump); after the
 * interface is deleted and recreated under the same name (new ifindex), the cached socket is
 * replaced and sending works again; a missing interface is a returned error.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labUnavailable, Netns, vethPair } from '../support/lab.js';
import { DaemonProcess } from '../support/keepalived.js';
import { readPcap } from '../support/pcap.js';
import { interfaceIndex, macAddress, nativeUnavailable } from '../../src/io/native/index.js';
import { createFrameSender, type HostFrameSender } from '../../src/io/net/frame-sender.js';
import { buildGratuitousArp, buildUnsolicitedNa } from '../../src/protocol/index.js';

const unavailable = labUnavailable(['ip', 'tcpdump']) ?? nativeMissing();

function nativeMissing(): string | undefined {
  const reason = nativeUnavailable()?.message;
  if (reason !== undefined && process.env.CI === 'true') throw new Error(reason);
  return reason;
}

describe('host frame sender between two namespaces', { skip: unavailable }, () => {
  let a: Netns;
  let b: Netns;
  let dir: string;
  let sender: HostFrameSender;
  const nsA = (): string => `/run/netns/${a.name}`;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kt-frames-'));
    a = new Netns('ktfra');
    b = new Netns('ktfrb');
    vethPair(a, b, '10.67.0.1/24', '10.67.0.2/24');
    sender = createFrameSender({ netns: nsA() });
  });

  after(() => {
    sender?.close();
    a?.dispose();
    b?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts tcpdump in B, runs `send` once it listens, and returns the first captured frame. */
  async function captureOne(filter: string, file: string, send: () => void): Promise<Uint8Array> {
    const tcpdump = new DaemonProcess(b, 'tcpdump', ['-i', 'b0', '-U', '-n', '-c', '1', '-w', join(dir, file), filter]);
    const deadline = Date.now() + 5000;
    while (!tcpdump.output.includes('listening on') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    send();
    if (!(await tcpdump.waitExit(5000))) await tcpdump.stop('SIGINT', 1000);
    const frames = readPcap(readFileSync(join(dir, file)));
    assert.equal(frames.length, 1, `tcpdump saw: ${tcpdump.output}`);
    return new Uint8Array(frames[0]!.data);
  }

  it('sends a gratuitous ARP that tcpdump in the other namespace sees byte for byte', async () => {
    const garp = buildGratuitousArp({ sourceMac: macAddress('a0', nsA())!, address: '10.67.0.100' });
    const seen = await captureOne('arp', 'garp.pcap', () => assert.equal(sender.sendFrame('a0', garp), undefined));
    assert.deepEqual(seen, garp);
  });

  it('sends an unsolicited neighbour advert byte for byte', async () => {
    const na = buildUnsolicitedNa({ sourceMac: macAddress('a0', nsA())!, address: 'fd67::100' });
    const seen = await captureOne('icmp6 and ip6[40] == 136', 'na.pcap', () => assert.equal(sender.sendFrame('a0', na), undefined));
    assert.deepEqual(seen, na);
  });

  it('follows the interface when it is deleted and recreated under the same name', async () => {
    const before = interfaceIndex('a0', nsA());
    execFileSync('ip', ['-n', a.name, 'link', 'del', 'a0']);
    vethPair(a, b, '10.67.0.1/24', '10.67.0.2/24');
    assert.notEqual(interfaceIndex('a0', nsA()), before, 'the new a0 has a new index');
    const garp = buildGratuitousArp({ sourceMac: macAddress('a0', nsA())!, address: '10.67.0.101' });
    const seen = await captureOne('arp', 'garp2.pcap', () => assert.equal(sender.sendFrame('a0', garp), undefined));
    assert.deepEqual(seen, garp);
  });

  it('returns why a frame could not go out instead of throwing', () => {
    const garp = buildGratuitousArp({ sourceMac: new Uint8Array(6), address: '10.67.0.102' });
    assert.match(sender.sendFrame('nope0', garp) ?? '', /nope0: .*ENODEV/);
    a.run('ip', ['link', 'set', 'a0', 'down']);
    assert.match(sender.sendFrame('a0', garp) ?? '', /a0: .*ENETDOWN/);
  });
});
