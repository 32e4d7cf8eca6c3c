/**
 * Interop of the codec with keepalived 2.2.7 on the wire: keepalived runs in one namespace, tcpdump
 * captures in the other, and our decoder validates every advert exactly as a peer would — VRRPv2
 * with IPsec AH (HMAC-MD5-96, sequence numbers), VRRPv3 over IPv6 (hop limit 255) and VRRPv3
 * unicast over IPv4. AH has no frozen golden capture, so this is its proof.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labUnavailable, Netns, vethPair } from '../support/lab.js';
import { capture, startKeepalived, type DaemonProcess } from '../support/keepalived.js';
import { ethernetPayload, readPcap } from '../support/pcap.js';
import {
  makeReceiveContext, passwordAuthData, receiveAdvert, ETHERTYPE_IPV4, ETHERTYPE_IPV6,
  type ReceiveContext, type ReceiveContextOptions,
} from '../../src/protocol/index.js';
import { nodeHmacMd5 } from '../../src/io/crypto.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'tcpdump']);

const config = `
global_defs {
    router_id cap_a
}
vrrp_instance VI_AH {
    interface a0
    virtual_router_id 61
    priority 150
    advert_int 1
    authentication {
        auth_type AH
        auth_pass secretAH
    }
    virtual_ipaddress {
        10.77.0.161/24
    }
}
vrrp_instance VI_V6 {
    version 3
    interface a0
    virtual_router_id 62
    priority 150
    advert_int 1
    virtual_ipaddress {
        fd77::62/64
    }
}
vrrp_instance VI_UNICAST {
    version 3
    interface a0
    virtual_router_id 63
    priority 150
    advert_int 1
    unicast_src_ip 10.77.0.1
    unicast_peer {
        10.77.0.2
    }
    virtual_ipaddress {
        10.77.0.163/24
    }
}
`;

function context(o: ReceiveContextOptions): ReceiveContext {
  const r = makeReceiveContext(o);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.context;
}

const ahContext = context({
  family: 'ipv4', version: 2, vrid: 61, authType: 'ah', authKey: passwordAuthData('secretAH'), hmacMd5: nodeHmacMd5,
  advertIntervalS: 1, addresses: ['10.77.0.161'],
});
const v6Context = context({ family: 'ipv6', version: 3, vrid: 62, addresses: ['fd77::62'] });
const unicastContext = context({ family: 'ipv4', version: 3, vrid: 63, addresses: ['10.77.0.163'], unicastPeers: [{ address: '10.77.0.1' }] });

describe('keepalived 2.2.7 adverts on the wire decode and validate', { skip: unavailable }, () => {
  let a: Netns;
  let b: Netns;
  let dir: string;
  let daemon: DaemonProcess | undefined;
  let frames: Uint8Array[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kt-cap-'));
    a = new Netns('ktcapa');
    b = new Netns('ktcapb');
    vethPair(a, b, '10.77.0.1/24', '10.77.0.2/24');
    const pcap = capture(b, 'b0', 'ip proto 51 or ip proto 112 or ip6 proto 112', join(dir, 'cap.pcap'), 12, 15_000);
    await new Promise((r) => setTimeout(r, 300)); // let tcpdump open the interface first
    daemon = startKeepalived(a, dir, config);
    frames = readPcap(readFileSync(await pcap)).map((f) => f.data);
  });

  after(async () => {
    await daemon?.stop('SIGKILL');
    a?.dispose();
    b?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ipv4 = () => frames.map(ethernetPayload).filter((f) => f.etherType === ETHERTYPE_IPV4).map((f) => f.payload);
  const ipv6 = () => frames.map(ethernetPayload).filter((f) => f.etherType === ETHERTYPE_IPV6).map((f) => f.payload);

  it('captured adverts of all three instances', () => {
    assert.ok(frames.length >= 6, `only ${frames.length} frames captured; keepalived said:\n${daemon?.output}`);
  });

  it('VRRPv2 with AH: HMAC-MD5-96 verifies and sequence numbers advance', () => {
    const ah = ipv4().filter((p) => p[9] === 51);
    assert.ok(ah.length >= 2, 'at least two AH adverts');
    let last: number | undefined;
    for (const datagram of ah) {
      const r = receiveAdvert({ family: 'ipv4', datagram }, ahContext, last === undefined ? {} : { ahLastSequence: last });
      assert.ok(r.ok, r.ok ? '' : `rejected: ${r.reason} ${Buffer.from(datagram).toString('hex')}`);
      assert.equal(r.advert.version, 2);
      assert.equal(r.advert.priority, 150);
      if (r.advert.version === 2 && r.advert.auth.type === 'ah') {
        if (last !== undefined) assert.ok(r.advert.auth.sequence > last);
        last = r.advert.auth.sequence;
      } else assert.fail('expected AH authentication');
    }
    // The same advert with the wrong key, or replayed, is rejected.
    const wrongKey = context({ ...ahContextOptions(), authKey: passwordAuthData('wrongkey') });
    const first = receiveAdvert({ family: 'ipv4', datagram: ah[0]! }, wrongKey);
    assert.equal(first.ok, false);
    const replay = receiveAdvert({ family: 'ipv4', datagram: ah[0]! }, ahContext, { ahLastSequence: last });
    assert.equal(replay.ok ? 'accepted' : replay.reason, 'ah-replay');
  });

  it('VRRPv3 over IPv6: hop limit 255, link-local source, checksum valid', () => {
    const v6 = ipv6().filter((p) => p[6] === 112);
    assert.ok(v6.length >= 1, 'at least one IPv6 advert');
    for (const packet of v6) {
      const r = receiveAdvert(
        { family: 'ipv6', payload: packet.subarray(40), source: packet.subarray(8, 24), destination: packet.subarray(24, 40), hopLimit: packet[7]! },
        v6Context,
      );
      assert.ok(r.ok, r.ok ? '' : `rejected: ${r.reason}`);
      assert.equal(r.ip.family, 'ipv6');
      if (r.ip.family === 'ipv6') {
        assert.equal(r.ip.hopLimit, 255);
        assert.ok(r.ip.source.startsWith('fe80:'), r.ip.source);
        assert.equal(r.ip.destination, 'ff02::12');
      }
    }
  });

  it('VRRPv3 unicast over IPv4: accepted from the configured peer', () => {
    const unicast = ipv4().filter((p) => p[9] === 112 && p[16] === 10);
    assert.ok(unicast.length >= 1, 'at least one unicast advert');
    for (const datagram of unicast) {
      const r = receiveAdvert({ family: 'ipv4', datagram }, unicastContext);
      assert.ok(r.ok, r.ok ? '' : `rejected: ${r.reason}`);
      assert.equal(r.advert.vrid, 63);
    }
  });
});

function ahContextOptions(): ReceiveContextOptions {
  return {
    family: 'ipv4', version: 2, vrid: 61, authType: 'ah', authKey: passwordAuthData('secretAH'), hmacMd5: nodeHmacMd5,
    advertIntervalS: 1, addresses: ['10.77.0.161'],
  };
}
