/**
 * The host VrrpLinkFactory against keepalived 2.2.7 over a veth pair (our links in namespace A
 * through the factory's netns option, keepalived in B), one keepalived run for every case:
 *  - ours → keepalived: v2, v3, IPv6 v3, unicast IPv4/IPv6, v2 PASS and v2 AH adverts built by the
 *    codec and sent by our links at priority 200 keep keepalived's priority-100 instances BACKUP
 *    (never MASTER, no complaints in its log, and tcpdump sees it send none of those VRIDs).
 *  - keepalived → ours: its priority-200 instances (v2, v3, IPv6 v3, unicast IPv4/IPv6) reach our
 *    links with TTL/hop limit 255 (IPv6 unicast: keepalived leaves the kernel default, 64) and the
 *    group or our unicast address as destination, each link
 *    getting only its VRID, and validate with the codec's receiveAdvert.
 *  - sharing: one receive socket per (interface, family, protocol), one IPv4 send socket; our own
 *    multicast adverts are not looped back; closing the last link releases every socket.
 * Plus the default source address lookup (getifaddrs), run inside namespace A.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { labUnavailable, Netns, vethPair } from '../support/lab.js';
import { capture, startKeepalived, type DaemonProcess } from '../support/keepalived.js';
import { ethernetPayload, readPcap } from '../support/pcap.js';
import { macAddress, nativeUnavailable } from '../../src/io/native/index.js';
import { createRealClock } from '../../src/io/clock.js';
import { nodeHmacMd5 } from '../../src/io/crypto.js';
import { createVrrpLinkFactory, type HostVrrpLinkFactory, type HostVrrpLinkSpec } from '../../src/io/net/vrrp-link.js';
import type { InterfaceAddresses } from '../../src/io/net/source-address.js';
import type { ReceivedAdvert, VrrpLink } from '../../src/ports/vrrp-link.js';
import {
  ahSpiFor, formatMac, Ipv4AdvertEncoder, Ipv6AdvertEncoder, makeReceiveContext, passwordAuthData, receiveAdvert,
  ETHERTYPE_IPV4, ETHERTYPE_IPV6, type Advertisement, type ReceiveContextOptions,
} from '../../src/protocol/index.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'tcpdump']) ?? nativeMissing();

function nativeMissing(): string | undefined {
  const reason = nativeUnavailable()?.message;
  if (reason !== undefined && process.env.CI === 'true') throw new Error(reason);
  return reason;
}

const A4 = '10.66.0.1';
const B4 = '10.66.0.2';
const A6 = 'fd66::1';
const B6 = 'fd66::2';
/** How long both sides run: keepalived's master-down time at advert_int 1 is ~3.6 s. */
const RUN_MS = 7000;

/** keepalived's side. VRIDs 11-17: keepalived BACKUP at 100 (we send at 200); 21-25: keepalived MASTER at 200. */
const keepalivedConfig = `
global_defs {
    router_id lab_b
}
vrrp_instance K_V2 {
    interface b0
    virtual_router_id 11
    priority 100
    advert_int 1
    virtual_ipaddress {
        10.66.0.111/24
    }
}
vrrp_instance K_V3 {
    version 3
    interface b0
    virtual_router_id 12
    priority 100
    advert_int 1
    virtual_ipaddress {
        10.66.0.112/24
    }
}
vrrp_instance K_V6 {
    version 3
    interface b0
    virtual_router_id 13
    priority 100
    advert_int 1
    virtual_ipaddress {
        fd66::113/64
    }
}
vrrp_instance K_UNI4 {
    version 3
    interface b0
    virtual_router_id 14
    priority 100
    advert_int 1
    unicast_src_ip ${B4}
    unicast_peer {
        ${A4}
    }
    virtual_ipaddress {
        10.66.0.114/24
    }
}
vrrp_instance K_UNI6 {
    version 3
    interface b0
    virtual_router_id 15
    priority 100
    advert_int 1
    unicast_src_ip ${B6}
    unicast_peer {
        ${A6}
    }
    virtual_ipaddress {
        fd66::115/64
    }
}
vrrp_instance K_PASS {
    interface b0
    virtual_router_id 16
    priority 100
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass secret16
    }
    virtual_ipaddress {
        10.66.0.116/24
    }
}
vrrp_instance K_AH {
    interface b0
    virtual_router_id 17
    priority 100
    advert_int 1
    authentication {
        auth_type AH
        auth_pass secret17
    }
    virtual_ipaddress {
        10.66.0.117/24
    }
}
vrrp_instance M_V2 {
    interface b0
    virtual_router_id 21
    priority 200
    advert_int 1
    virtual_ipaddress {
        10.66.0.121/24
    }
}
vrrp_instance M_V3 {
    version 3
    interface b0
    virtual_router_id 22
    priority 200
    advert_int 1
    virtual_ipaddress {
        10.66.0.122/24
    }
}
vrrp_instance M_V6 {
    version 3
    interface b0
    virtual_router_id 23
    priority 200
    advert_int 1
    virtual_ipaddress {
        fd66::123/64
    }
}
vrrp_instance M_UNI4 {
    version 3
    interface b0
    virtual_router_id 24
    priority 200
    advert_int 1
    unicast_src_ip ${B4}
    unicast_peer {
        ${A4}
    }
    virtual_ipaddress {
        10.66.0.124/24
    }
}
vrrp_instance M_UNI6 {
    version 3
    interface b0
    virtual_router_id 25
    priority 200
    advert_int 1
    unicast_src_ip ${B6}
    unicast_peer {
        ${A6}
    }
    virtual_ipaddress {
        fd66::125/64
    }
}
`;

/** Our sending side: one link and one advert builder per keepalived BACKUP instance. */
interface Sender {
  readonly name: string;
  readonly spec: Omit<HostVrrpLinkSpec, 'instance' | 'interfaceName'>;
  readonly advert: Advertisement;
  readonly destination: string;
  readonly ah?: boolean;
}

const v2 = (vrid: number, address: string, auth: Extract<Advertisement, { version: 2 }>['auth'] = { type: 'none' }): Advertisement => ({
  version: 2, family: 'ipv4', vrid, priority: 200, advertIntervalS: 1, auth, addresses: [address],
});
const v3 = (family: 'ipv4' | 'ipv6', vrid: number, address: string): Advertisement => ({
  version: 3, family, vrid, priority: 200, maxAdvertIntervalCs: 100, addresses: [address],
});
const mcast4 = { family: 'ipv4', unicastPeers: [], multicastGroup: '224.0.0.18' } as const;
const mcast6 = { family: 'ipv6', unicastPeers: [], multicastGroup: 'ff02::12' } as const;

const senders: readonly Sender[] = [
  { name: 'v2', spec: { ...mcast4, vrid: 11 }, advert: v2(11, '10.66.0.111'), destination: '224.0.0.18' },
  { name: 'v3', spec: { ...mcast4, vrid: 12 }, advert: v3('ipv4', 12, '10.66.0.112'), destination: '224.0.0.18' },
  { name: 'v3 IPv6', spec: { ...mcast6, vrid: 13 }, advert: v3('ipv6', 13, 'fd66::113'), destination: 'ff02::12' },
  {
    name: 'unicast IPv4',
    spec: { family: 'ipv4', vrid: 14, unicastPeers: [B4], multicastGroup: '224.0.0.18', sourceAddress: A4 },
    advert: v3('ipv4', 14, '10.66.0.114'),
    destination: B4,
  },
  {
    name: 'unicast IPv6',
    spec: { family: 'ipv6', vrid: 15, unicastPeers: [B6], multicastGroup: 'ff02::12', sourceAddress: A6 },
    advert: v3('ipv6', 15, 'fd66::115'),
    destination: B6,
  },
  {
    name: 'v2 PASS', spec: { ...mcast4, vrid: 16, authType: 'pass' },
    advert: v2(16, '10.66.0.116', { type: 'pass', authData: passwordAuthData('secret16') }), destination: '224.0.0.18',
  },
  {
    name: 'v2 AH', spec: { ...mcast4, vrid: 17, authType: 'ah' },
    advert: v2(17, '10.66.0.117', { type: 'ah', spi: ahSpiFor(A4), sequence: 1 }), destination: '224.0.0.18', ah: true,
  },
];

/** Our receiving side: one link per keepalived MASTER instance, with the context to validate. */
interface Receiver {
  readonly name: string;
  readonly spec: Omit<HostVrrpLinkSpec, 'instance' | 'interfaceName'>;
  readonly context: ReceiveContextOptions;
  readonly destination: string;
}

const receivers: readonly Receiver[] = [
  {
    name: 'v2', spec: { ...mcast4, vrid: 21 }, destination: '224.0.0.18',
    context: { family: 'ipv4', version: 2, vrid: 21, advertIntervalS: 1, addresses: ['10.66.0.121'] },
  },
  { name: 'v3', spec: { ...mcast4, vrid: 22 }, destination: '224.0.0.18', context: { family: 'ipv4', version: 3, vrid: 22, addresses: ['10.66.0.122'] } },
  { name: 'v3 IPv6', spec: { ...mcast6, vrid: 23 }, destination: 'ff02::12', context: { family: 'ipv6', version: 3, vrid: 23, addresses: ['fd66::123'] } },
  {
    name: 'unicast IPv4',
    spec: { family: 'ipv4', vrid: 24, unicastPeers: [B4], multicastGroup: '224.0.0.18', sourceAddress: A4 },
    destination: A4,
    context: { family: 'ipv4', version: 3, vrid: 24, addresses: ['10.66.0.124'], unicastPeers: [{ address: B4 }] },
  },
  {
    name: 'unicast IPv6',
    spec: { family: 'ipv6', vrid: 25, unicastPeers: [B6], multicastGroup: 'ff02::12', sourceAddress: A6 },
    destination: A6,
    context: { family: 'ipv6', version: 3, vrid: 25, addresses: ['fd66::125'], unicastPeers: [{ address: B6 }] },
  },
];

/** Addresses of an interface in a namespace, read with `ip -j` (the test process is not in it). */
function addressesIn(ns: Netns): InterfaceAddresses {
  return (name) => {
    const r = ns.run('ip', ['-j', 'addr', 'show', 'dev', name]);
    if (r.status !== 0) return [];
    const links = JSON.parse(r.stdout) as Array<{ addr_info?: Array<{ family: string; local: string }> }>;
    return links.flatMap((l) => (l.addr_info ?? []).map((a) => ({ family: a.family === 'inet6' ? 'ipv6' as const : 'ipv4' as const, address: a.local })));
  };
}

function must(ns: Netns, ...args: string[]): void {
  const r = ns.run(args[0]!, args.slice(1));
  assert.equal(r.status, 0, `${ns.name}: ${args.join(' ')}: ${r.stderr}`);
}

describe('host VRRP links against keepalived 2.2.7', { skip: unavailable }, () => {
  let a: Netns;
  let b: Netns;
  let dir: string;
  let daemon: DaemonProcess | undefined;
  let factory: HostVrrpLinkFactory;
  const links: VrrpLink[] = [];
  const inbox = new Map<number, ReceivedAdvert[]>();
  const sendErrors: string[] = [];
  let socketsWhileOpen: string[] = [];
  let keepalivedSent: number[] = [];

  const openLink = (name: string, spec: Omit<HostVrrpLinkSpec, 'instance' | 'interfaceName'>): VrrpLink => {
    const got: ReceivedAdvert[] = [];
    inbox.set(spec.vrid, got);
    const link = factory.open({ ...spec, instance: name, interfaceName: 'a0' }, (advert) => got.push(advert));
    assert.ok(!('error' in link), 'error' in link ? link.error : '');
    links.push(link);
    return link;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kt-netlink-'));
    a = new Netns('ktlnka');
    b = new Netns('ktlnkb');
    vethPair(a, b, `${A4}/24`, `${B4}/24`);
    must(a, 'ip', '-6', 'addr', 'add', `${A6}/64`, 'dev', 'a0', 'nodad');
    must(b, 'ip', '-6', 'addr', 'add', `${B6}/64`, 'dev', 'b0', 'nodad');
    factory = createVrrpLinkFactory({ clock: createRealClock(), netns: `/run/netns/${a.name}`, interfaceAddresses: addressesIn(a) });

    // Our senders first, so keepalived's instances hear a master from their first second.
    const tick: Array<() => void> = [];
    for (const s of senders) {
      const link = openLink(`OUR_${s.spec.vrid}`, s.spec);
      let ipId = 0;
      let sequence = 0;
      if (s.advert.family === 'ipv4') {
        const encoder = new Ipv4AdvertEncoder(s.advert, { source: link.sourceAddress!, destination: s.destination }, {
          ...(s.ah === true ? { authKey: passwordAuthData('secret17'), hmacMd5: nodeHmacMd5 } : {}),
          unicast: s.spec.unicastPeers.length > 0,
        });
        tick.push(() => {
          const error = link.send(encoder.encode(200, ++ipId, ++sequence), s.destination);
          if (error !== undefined) sendErrors.push(`${s.name}: ${error}`);
        });
      } else {
        const encoder = new Ipv6AdvertEncoder(s.advert, { source: link.sourceAddress!, destination: s.destination });
        tick.push(() => {
          const error = link.send(encoder.encode(200), s.destination);
          if (error !== undefined) sendErrors.push(`${s.name}: ${error}`);
        });
      }
    }
    for (const r of receivers) openLink(`OUR_${r.spec.vrid}`, r.spec);
    // A VRID nobody sends: its link must stay silent.
    openLink('OUR_99', { ...mcast4, vrid: 99 });
    socketsWhileOpen = factory.openSockets();

    const sendAll = (): void => tick.forEach((send) => send());
    sendAll();
    const timer = setInterval(sendAll, 1000);
    // Only what keepalived sends: frames from b0's own MAC.
    const macB = formatMac(macAddress('b0', `/run/netns/${b.name}`)!);
    const pcap = capture(b, 'b0', `ether src ${macB} and (ip proto 112 or ip proto 51 or ip6 proto 112)`, join(dir, 'b.pcap'), 1000, RUN_MS);
    await new Promise((r) => setTimeout(r, 300));
    daemon = startKeepalived(b, dir, keepalivedConfig);
    try {
      const frames = readPcap(readFileSync(await pcap)).map((f) => ethernetPayload(f.data));
      // VRIDs keepalived itself advertised.
      keepalivedSent = frames.flatMap(({ etherType, payload }) => {
        if (etherType === ETHERTYPE_IPV4) {
          const ihl = (payload[0]! & 0x0f) * 4;
          return [payload[9] === 51 ? payload[ihl + 25]! : payload[ihl + 1]!];
        }
        return etherType === ETHERTYPE_IPV6 && payload[6] === 112 ? [payload[41]!] : [];
      });
    } finally {
      clearInterval(timer);
    }
  });

  after(async () => {
    for (const link of links) link.close();
    await daemon?.stop('SIGKILL');
    a?.dispose();
    b?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends every advert without error', () => {
    assert.deepEqual(sendErrors, []);
  });

  for (const s of senders) {
    it(`keepalived accepts our ${s.name} advert and stays BACKUP (VRID ${s.spec.vrid})`, () => {
      const out = daemon?.output ?? '';
      const instance = keepalivedInstanceFor(s.spec.vrid);
      assert.match(out, new RegExp(`\\(${instance}\\) Entering BACKUP STATE`), out);
      assert.doesNotMatch(out, new RegExp(`\\(${instance}\\) Entering MASTER STATE`), out);
      const complaints = out.split('\n').filter((l) => l.includes(`(${instance})`) && /auth|invalid|bad|error|mismatch|discard|ttl|checksum/i.test(l));
      assert.deepEqual(complaints, []);
      assert.ok(!keepalivedSent.includes(s.spec.vrid), `keepalived advertised VRID ${s.spec.vrid}`);
    });
  }

  it('does not hand our own multicast adverts back to us (loop off)', () => {
    for (const s of senders) assert.deepEqual(inbox.get(s.spec.vrid), [], `VRID ${s.spec.vrid} got adverts`);
  });

  for (const r of receivers) {
    it(`receives keepalived's ${r.name} adverts on its own link only, valid for the codec (VRID ${r.spec.vrid})`, () => {
      const got = inbox.get(r.spec.vrid)!;
      assert.ok(got.length >= 2, `only ${got.length} adverts; keepalived said:\n${daemon?.output}`);
      const made = makeReceiveContext(r.context);
      assert.ok(made.ok);
      for (const advert of got) {
        assert.equal(advert.destination, r.destination);
        assert.ok(advert.ifindex > 0);
        assert.ok(Number.isFinite(advert.receivedAtMs));
        const result = receiveAdvert(advert.packet, made.context);
        assert.ok(result.ok, result.ok ? '' : `rejected: ${result.reason}`);
        assert.equal(result.advert.vrid, r.spec.vrid);
        assert.equal(result.advert.priority, 200);
        // keepalived leaves IPv6 unicast adverts at the kernel's default hop limit (64) unless
        // unicast_ttl is set; everything else goes out at 255.
        const expectedHops = r.spec.family === 'ipv6' && r.spec.unicastPeers.length > 0 ? 64 : 255;
        if (result.ip.family === 'ipv6') assert.equal(result.ip.hopLimit, expectedHops);
        else assert.equal(result.ip.ttl, expectedHops);
      }
    });
  }

  it('leaves the link of a VRID nobody advertises silent', () => {
    assert.deepEqual(inbox.get(99), []);
  });

  it('shares one receive socket per (interface, family, protocol) and one IPv4 send socket', () => {
    const ifindex = (spec: string): string => spec.replace(/#\d+/, '#N');
    assert.deepEqual(socketsWhileOpen.map(ifindex).sort(), [
      'rx ipv4 a0#N proto 112', 'rx ipv4 a0#N proto 51', 'rx ipv6 a0#N proto 112', 'tx ipv4 a0#N',
    ]);
  });

  it('closes every socket when the last link closes', () => {
    for (const link of links.splice(0)) link.close();
    assert.deepEqual(factory.openSockets(), []);
    const sockets = a.run('ss', ['-a', '-w', '-n']).stdout ?? '';
    assert.doesNotMatch(sockets, /:112\b|:51\b|:255\b/, sockets);
  });

  it('finds the default source addresses with getifaddrs inside the namespace, or says why not', () => {
    const entry = resolve('src/io/net/vrrp-link.ts');
    const clock = resolve('src/io/clock.ts');
    const script = `
      import { createVrrpLinkFactory } from ${JSON.stringify(entry)};
      import { createRealClock } from ${JSON.stringify(clock)};
      const f = createVrrpLinkFactory({ clock: createRealClock() });
      const base = { instance: 'X', vrid: 50, unicastPeers: [] };
      const show = (l) => { const r = 'error' in l ? { error: l.error } : { source: l.sourceAddress }; if (!('error' in l)) l.close(); return r; };
      console.log(JSON.stringify([
        show(f.open({ ...base, interfaceName: 'a0', family: 'ipv4', multicastGroup: '224.0.0.18' }, () => {})),
        show(f.open({ ...base, interfaceName: 'a0', family: 'ipv6', multicastGroup: 'ff02::12' }, () => {})),
        show(f.open({ ...base, interfaceName: 'lo', family: 'ipv6', multicastGroup: 'ff02::12' }, () => {})),
        show(f.open({ ...base, interfaceName: 'nope0', family: 'ipv4', multicastGroup: '224.0.0.18' }, () => {})),
      ]));`;
    const r = spawnSync('ip', ['netns', 'exec', a.name, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8', timeout: 15_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const [v4, v6, lo, missing] = JSON.parse(r.stdout) as Array<{ source?: string; error?: string }>;
    assert.equal(v4?.source, A4);
    assert.match(v6?.source ?? '', /^fe80:/);
    assert.match(lo?.error ?? '', /X: lo has no IPv6 link-local address \(yet\)/);
    assert.match(missing?.error ?? '', /X: interface nope0: .*ENODEV/);
  });
});

function keepalivedInstanceFor(vrid: number): string {
  return { 11: 'K_V2', 12: 'K_V3', 13: 'K_V6', 14: 'K_UNI4', 15: 'K_UNI6', 16: 'K_PASS', 17: 'K_AH' }[vrid] ?? '?';
}
