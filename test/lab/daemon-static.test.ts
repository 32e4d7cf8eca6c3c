/**
 * static_ipaddress / static_routes / static_rules and a use_vmac instance, ours against
 * keepalived 2.2.7: each daemon runs `-n -f CONF` alone in a namespace of its own with the same
 * interfaces and config, and what `ip -j addr/route/rule/link` shows is compared at three points:
 * running (statics set, routes and rules with proto keepalived, VMAC up with the VIP and no
 * link-local address), after the instance's interface was deleted and re-created (VMAC created
 * again, VIP back, adverts on the wire again — captured on the veth peer), and after SIGTERM
 * (statics, VIP and VMAC gone: the host as it was before the daemon started). The config also has
 * an instance whose unicast_src_ip is not on the host: both daemons keep it in FAULT, silent.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labUnavailable, Netns } from '../support/lab.js';
import { DaemonProcess, startKeepalived } from '../support/keepalived.js';
import { sleep, until } from '../support/interop.js';

const unavailable = labUnavailable(['ip', 'keepalived', 'tcpdump']);
const BIN = fileURLToPath(new URL('../../bin/keepalived-ts.js', import.meta.url));

const CONFIG = `global_defs {
  router_id lab_static
}
static_ipaddress {
  10.77.1.1/24 dev s0
  10.77.2.1/32 dev lo
}
static_routes {
  10.88.0.0/16 via 10.77.1.254 dev s0
  blackhole 10.99.0.0/16
  10.98.0.0/16 dev s0 table 100
}
static_rules {
  from 10.77.1.0/24 table 100 priority 1000
  to 10.66.0.0/16 lookup 100 priority 1001
}
vrrp_instance VI_1 {
  state MASTER
  interface d0
  virtual_router_id 51
  priority 150
  advert_int 1
  use_vmac
  virtual_ipaddress {
    10.61.0.100/24
  }
}
vrrp_instance VI_2 {
  state BACKUP
  interface d0
  virtual_router_id 52
  priority 100
  advert_int 1
  unicast_src_ip 10.61.0.55
  unicast_peer {
    10.61.0.2
  }
  virtual_ipaddress {
    10.61.0.101/24
  }
}
`;

type Json = Record<string, unknown>;

function ipJson(ns: Netns, args: readonly string[]): Json[] {
  const result = ns.run('ip', ['-j', ...args]);
  assert.equal(result.status, 0, `ip -j ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout || '[]') as Json[];
}

/** What the daemons may change, in a form that does not depend on random MACs or ifindexes. */
function snapshot(ns: Netns): { addr: string[]; route: string[]; rule: string[]; link: string[] } {
  const addr = ipJson(ns, ['addr']).flatMap((i) =>
    ((i.addr_info ?? []) as Json[]).map((a) => {
      const local = String(a.local);
      return `${String(i.ifname)} ${local.startsWith('fe80') ? 'fe80::(link-local)' : `${local}/${String(a.prefixlen)}`}`;
    }));
  const route = ipJson(ns, ['-4', 'route', 'show', 'table', 'all'])
    .filter((r) => r.table !== 'local')
    .map((r) => [r.table ?? 'main', r.type ?? 'unicast', r.dst, `via=${String(r.gateway ?? '')}`, `dev=${String(r.dev ?? '')}`, `proto=${String(r.protocol ?? '')}`, `scope=${String(r.scope ?? '')}`].join(' '));
  const rule = ipJson(ns, ['rule']).map((r) =>
    [r.priority, `${String(r.src)}/${String(r.srclen ?? '')}`, `to=${String(r.dst ?? '')}/${String(r.dstlen ?? '')}`, r.table, `proto=${String(r.protocol ?? '')}`].join(' '));
  const link = ipJson(ns, ['link']).map((l) => {
    const name = String(l.ifname);
    const up = ((l.flags ?? []) as string[]).includes('UP') ? 'UP' : 'DOWN';
    return `${name} ${up}${name.startsWith('vrrp') ? ` ${String(l.address)} ${String(l.link ?? '')}` : ''}`;
  });
  return { addr: addr.sort(), route: route.sort(), rule: rule.sort(), link: link.sort() };
}

function vethIn(ns: Netns, a: string, b: string, address?: string): void {
  for (const cmd of [
    ['link', 'add', a, 'type', 'veth', 'peer', 'name', b],
    ['link', 'set', a, 'up'],
    ['link', 'set', b, 'up'],
    ...(address === undefined ? [] : [['addr', 'add', address, 'dev', a]]),
  ]) assert.equal(ns.run('ip', cmd).status, 0, `ip ${cmd.join(' ')}`);
}

function hasAddress(ns: Netns, dev: string, address: string): boolean {
  const result = ns.run('ip', ['-j', 'addr', 'show', 'dev', dev]);
  return result.status === 0 && result.stdout.includes(`"${address}"`);
}

/** VRRP adverts of VRID 51 seen on the veth peer within a few seconds. */
function advertsOnPeer(ns: Netns): number {
  const result = ns.run('tcpdump', ['-c', '2', '-n', '-i', 'd1', 'ip proto 112 and ip[21] = 51'], { timeoutMs: 6_000 });
  return (result.stdout.match(/VRRPv2, Advertisement, vrid 51/g) ?? []).length;
}

interface Observed {
  before: ReturnType<typeof snapshot>;
  running: ReturnType<typeof snapshot>;
  recreated: ReturnType<typeof snapshot>;
  after: ReturnType<typeof snapshot>;
  advertsAfterRecreate: number;
  output: string;
}

const cleanups: (() => void)[] = [];
after(() => cleanups.splice(0).reverse().forEach((fn) => fn()));

async function observe(impl: 'ours' | 'keepalived'): Promise<Observed> {
  const ns = new Netns(impl === 'ours' ? 'kts' : 'kks');
  const dir = mkdtempSync(join(tmpdir(), `static-${impl}-`));
  cleanups.push(() => ns.dispose(), () => rmSync(dir, { recursive: true, force: true }));
  ns.run('sysctl', ['-qw', 'net.ipv6.conf.all.accept_dad=0']);
  vethIn(ns, 's0', 's1');
  vethIn(ns, 'd0', 'd1', '10.61.0.1/24');
  const before = snapshot(ns);
  let daemon: DaemonProcess;
  if (impl === 'keepalived') daemon = startKeepalived(ns, dir, CONFIG);
  else {
    const conf = join(dir, 'keepalived.conf');
    writeFileSync(conf, CONFIG);
    daemon = new DaemonProcess(ns, 'env', [
      `KEEPALIVED_TS_TMP_DIR=${dir}`, process.execPath, BIN, '-n', '-l', '-D', '-f', conf, '-p', join(dir, 'parent.pid'), '-r', join(dir, 'vrrp.pid'),
    ]);
  }
  cleanups.push(() => void daemon.stop('SIGKILL', 100));
  try {
    await until(`${impl}: VI_1 Master with its VIP on vrrp.51`, () => hasAddress(ns, 'vrrp.51', '10.61.0.100'), 20_000);
    await sleep(1_000);
    const running = snapshot(ns);

    // The instance's interface goes away (taking the VMAC with it) and comes back.
    assert.equal(ns.run('ip', ['link', 'del', 'd0']).status, 0);
    await sleep(2_000);
    vethIn(ns, 'd0', 'd1', '10.61.0.1/24');
    await until(`${impl}: VMAC re-created with its VIP`, () => hasAddress(ns, 'vrrp.51', '10.61.0.100'), 20_000);
    await sleep(1_000);
    const recreated = snapshot(ns);
    const advertsAfterRecreate = advertsOnPeer(ns);

    await daemon.stop('SIGTERM', 10_000);
    const afterStop = snapshot(ns);
    return { before, running, recreated, after: afterStop, advertsAfterRecreate, output: daemon.output };
  } catch (error) {
    throw new Error(`${String(error)}\n--- ${impl} output ---\n${daemon.output}`);
  }
}

describe('static addresses/routes/rules and use_vmac: ours as keepalived 2.2.7', { skip: unavailable }, () => {
  it('installs the same at start, recovers a re-created interface, leaves the same at SIGTERM', async () => {
    const [theirs, ours] = await Promise.all([observe('keepalived'), observe('ours')]);
    // The ground truth first: what keepalived 2.2.7 itself does.
    assert.ok(theirs.running.addr.includes('s0 10.77.1.1/24') && theirs.running.addr.includes('lo 10.77.2.1/32'));
    assert.ok(theirs.running.rule.some((r) => r.startsWith('1000 ') && r.endsWith('proto=keepalived')));
    assert.ok(theirs.running.addr.includes('vrrp.51 10.61.0.100/24'));
    assert.ok(!theirs.running.addr.includes('d0 10.61.0.101/24'), 'VI_2 (source not on the host) stays out of MASTER');

    for (const point of ['running', 'recreated', 'after'] as const) {
      for (const table of ['addr', 'route', 'rule', 'link'] as const) {
        assert.deepEqual(ours[point][table], theirs[point][table], `${point}: ip ${table} differs\n--- ours ---\n${ours.output}`);
      }
    }
    for (const observed of [theirs, ours]) {
      assert.deepEqual(observed.after, observed.before, 'SIGTERM leaves the host as it was');
      assert.equal(observed.advertsAfterRecreate, 2, 'adverts flow again on the re-created interface');
    }
    assert.match(ours.output, /\(VI_2\).*FAULT/);
  });
});
