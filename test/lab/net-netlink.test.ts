/* eslint-disable @typescript-eslint/no-explicit-any -- the checks read JSON from `ip -j` and from the driver */
/**
 * Lab: the netlink AddressManager and LinkMonitor against a real kernel, inside a namespace.
 * Netlink sockets belong to the namespace of the process opening them, so this file doubles as
 * the driver: run with KT_NETLINK_DRIVER=1 under `ip netns exec`, it reads JSON commands on stdin
 * and answers (and reports link events) as JSON lines on stdout.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Netns, requireLab, vethPair } from '../support/lab.js';

const DRIVER = process.env.KT_NETLINK_DRIVER === '1';

async function driver(): Promise<void> {
  const { createRealClock } = await import('../../src/io/clock.js');
  const { createNetlinkAddressManager, createNetlinkLinkMonitor } = await import('../../src/io/net/netlink/index.js');
  const clock = createRealClock();
  const manager = createNetlinkAddressManager({ clock });
  const monitor = await createNetlinkLinkMonitor({ clock });
  const write = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
  monitor.subscribe((event) => write({ event }));
  write({ ready: true, links: monitor.links() });
  for await (const line of createInterface({ input: process.stdin })) {
    const { id, op, arg } = JSON.parse(line) as { id: number; op: string; arg: unknown };
    const operations = manager as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    const result = op === 'link' ? monitor.link(arg as string) : await operations[op]!(arg);
    write({ id, result: result ?? null });
  }
  manager.close();
  monitor.close();
}

class Driver {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (value: unknown) => void>();
  readonly events: unknown[] = [];
  private eventWaiters: (() => void)[] = [];
  private nextId = 0;
  readonly ready: Promise<void>;

  constructor(ns: Netns) {
    const file = fileURLToPath(import.meta.url);
    this.child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '--import', 'tsx', file], {
      env: { ...process.env, KT_NETLINK_DRIVER: '1' },
    });
    let ready!: () => void;
    this.ready = new Promise((resolve) => (ready = resolve));
    let stderr = '';
    this.child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    this.child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`driver exited ${code}: ${stderr}`);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { ready?: boolean; id?: number; result?: unknown; event?: unknown };
      if (message.ready === true) ready();
      else if (message.id !== undefined) this.waiting.get(message.id)?.(message.result);
      else if (message.event !== undefined) {
        this.events.push(message.event);
        for (const wake of this.eventWaiters.splice(0)) wake();
      }
    });
  }

  call(op: string, arg: unknown): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, op, arg })}\n`);
    });
  }

  /** Resolves with the first event (from index `from`) matching, or rejects after `timeoutMs`. */
  async waitEvent(match: (event: Record<string, unknown>) => boolean, from: number, timeoutMs = 1000): Promise<Record<string, unknown>> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find((e) => match(e as Record<string, unknown>));
      if (found !== undefined) return found as Record<string, unknown>;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.slice(from))} (all: ${JSON.stringify(this.events)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.eventWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

function json(ns: Netns, args: string[]): unknown {
  const r = ns.run('ip', ['-j', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout || '[]');
}

function setup(t: TestContext): { a: Netns; b: Netns; driver: Driver } | undefined {
  if (!requireLab(t)) return undefined;
  const a = new Netns('ktnl');
  const b = new Netns('ktnl');
  t.after(() => {
    a.dispose();
    b.dispose();
  });
  vethPair(a, b, '10.9.0.1/24', '10.9.0.2/24');
  const driver = new Driver(a);
  t.after(() => driver.close());
  return { a, b, driver };
}

if (!DRIVER) {
  test('netlink address manager in a namespace', async (t) => {
    const lab = setup(t);
    if (lab === undefined) return;
    const { a, driver } = lab;
    await driver.ready;

    // IPv4 VIP with label and nodad.
    const vip = { family: 'ipv4', address: '10.9.0.100', prefixLength: 24, interfaceName: 'a0', label: 'a0:vip', noDad: true, broadcast: '+' };
    assert.deepEqual(await driver.call('addAddresses', [vip]), [null]);
    assert.deepEqual(await driver.call('addAddresses', [vip]), [null], 'adding twice is a success (EEXIST)');
    const shown = (json(a, ['addr', 'show', 'dev', 'a0']) as { addr_info: Record<string, unknown>[] }[])[0]!.addr_info;
    const v4 = shown.find((i) => i.local === '10.9.0.100');
    assert.ok(v4, JSON.stringify(shown));
    assert.equal(v4.prefixlen, 24);
    assert.equal(v4.label, 'a0:vip');
    assert.equal(v4.broadcast, '10.9.0.255');
    assert.deepEqual(await driver.call('presentAddresses', [vip, { ...vip, address: '10.9.0.101' }]), [vip]);

    // IPv6 VIP with nodad and a preferred lifetime of 0 (deprecated, as keepalived does for /128).
    const vip6 = { family: 'ipv6', address: '2001:db8::100', prefixLength: 64, interfaceName: 'a0', noDad: true, preferredLifetimeS: 0 };
    assert.deepEqual(await driver.call('addAddresses', [vip6]), [null]);
    const shown6 = (json(a, ['-6', 'addr', 'show', 'dev', 'a0']) as { addr_info: Record<string, unknown>[] }[])[0]!.addr_info;
    const v6 = shown6.find((i) => i.local === '2001:db8::100');
    assert.ok(v6, JSON.stringify(shown6));
    assert.equal(v6.preferred_life_time, 0);
    assert.equal(v6.tentative, undefined, 'nodad: never tentative');

    // Removal, twice: the second finds nothing and still succeeds; a missing interface too.
    assert.deepEqual(await driver.call('removeAddresses', [vip, vip6]), [null, null]);
    assert.deepEqual(await driver.call('removeAddresses', [vip, vip6, { ...vip, interfaceName: 'nosuch0' }]), [null, null, null]);
    const after = JSON.stringify(json(a, ['addr', 'show', 'dev', 'a0']));
    assert.ok(!after.includes('10.9.0.100') && !after.includes('2001:db8::100'), after);
    assert.match(String((await driver.call('addAddresses', [{ ...vip, interfaceName: 'nosuch0' }]) as string[])[0]), /ENODEV/);

    // Routes: via a gateway in table 100, and a blackhole.
    const via = { family: 'ipv4', destination: '192.168.50.0', prefixLength: 24, via: '10.9.0.2', interfaceName: 'a0', table: 100, metric: 7 };
    const hole = { family: 'ipv4', destination: '192.168.60.0', prefixLength: 24, type: 'blackhole' };
    assert.deepEqual(await driver.call('addRoutes', [via, hole]), [null, null]);
    const t100 = json(a, ['route', 'show', 'table', '100']) as Record<string, unknown>[];
    assert.ok(t100.some((r) => r.dst === '192.168.50.0/24' && r.gateway === '10.9.0.2' && r.dev === 'a0' && r.metric === 7 && r.protocol === 'keepalived'), JSON.stringify(t100));
    const main = json(a, ['route', 'show', 'table', 'main']) as Record<string, unknown>[];
    assert.ok(main.some((r) => r.dst === '192.168.60.0/24' && r.type === 'blackhole'), JSON.stringify(main));
    assert.deepEqual(await driver.call('removeRoutes', [via, hole]), [null, null]);
    assert.deepEqual(await driver.call('removeRoutes', [via, hole]), [null, null], 'already gone is a success');
    assert.equal(JSON.stringify(json(a, ['route', 'show', 'table', '100'])), '[]');

    // Rule: from a prefix to table 100 with a priority.
    const rule = { family: 'ipv4', from: '10.9.0.0', fromPrefixLength: 24, table: 100, action: 'table', priority: 100 };
    assert.deepEqual(await driver.call('addRules', [rule]), [null]);
    assert.deepEqual(await driver.call('addRules', [rule]), [null]);
    const rules = json(a, ['rule', 'show']) as Record<string, unknown>[];
    assert.ok(rules.some((r) => r.priority === 100 && r.src === '10.9.0.0' && r.srclen === 24 && r.table === '100'), JSON.stringify(rules));
    assert.deepEqual(await driver.call('removeRules', [rule]), [null]);
    assert.deepEqual(await driver.call('removeRules', [rule]), [null]);
    assert.ok(!(json(a, ['rule', 'show']) as Record<string, unknown>[]).some((r) => r.priority === 100));
  });

  test('netlink VMAC: macvlan with the VRRP MAC, private mode, up; adopted; removed', async (t) => {
    const lab = setup(t);
    if (lab === undefined) return;
    const { a, driver } = lab;
    await driver.ready;
    const spec = { name: 'vrrp.51', baseInterface: 'a0', vrid: 51, family: 'ipv4' };
    assert.equal(await driver.call('ensureVmac', spec), null);
    const link = (json(a, ['-d', 'link', 'show', 'vrrp.51']) as Record<string, any>[])[0]!;
    assert.equal(link.address, '00:00:5e:00:01:33');
    assert.equal(link.link, 'a0');
    assert.equal(link.linkinfo.info_kind, 'macvlan');
    assert.equal(link.linkinfo.info_data.mode, 'private');
    assert.ok((link.flags as string[]).includes('UP'), JSON.stringify(link.flags));
    const ifindex = link.ifindex as number;
    assert.equal(await driver.call('ensureVmac', spec), null, 'an existing matching VMAC is adopted');
    assert.equal((json(a, ['link', 'show', 'vrrp.51']) as Record<string, unknown>[])[0]!.ifindex, ifindex);

    // IPv6: 00:00:5e:00:02:VRID, no EUI-64 address of its own, the base's link-local instead.
    const spec6 = { name: 'vrrp6.51', baseInterface: 'a0', vrid: 51, family: 'ipv6' };
    assert.equal(await driver.call('ensureVmac', spec6), null);
    const link6 = (json(a, ['-d', 'addr', 'show', 'vrrp6.51']) as Record<string, any>[])[0]!;
    assert.equal(link6.address, '00:00:5e:00:02:33');
    const base = (json(a, ['-6', 'addr', 'show', 'a0', 'scope', 'link']) as Record<string, any>[])[0]!.addr_info[0].local as string;
    const locals = (link6.addr_info as Record<string, unknown>[]).filter((i) => i.family === 'inet6').map((i) => i.local);
    assert.deepEqual(locals, [base]);

    // A non-macvlan interface is never removed or replaced.
    assert.match(String(await driver.call('ensureVmac', { ...spec, name: 'lo' })), /not a macvlan/);
    assert.match(String(await driver.call('removeVmac', 'a0')), /not a macvlan/);

    assert.equal(await driver.call('removeVmac', 'vrrp.51'), null);
    assert.equal(await driver.call('removeVmac', 'vrrp.51'), null, 'already gone is a success');
    assert.equal(await driver.call('removeVmac', 'vrrp6.51'), null);
    assert.notEqual(a.run('ip', ['link', 'show', 'vrrp.51']).status, 0);
  });

  test('netlink link monitor follows carrier and addresses within a few hundred ms', async (t) => {
    const lab = setup(t);
    if (lab === undefined) return;
    const { a, b, driver } = lab;
    await driver.ready;
    const initial = (await driver.call('link', 'a0')) as { up: boolean; mac: string; addresses: { address: string }[] };
    assert.equal(initial.up, true);
    assert.match(initial.mac, /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    assert.ok(initial.addresses.some((x) => x.address === '10.9.0.1'));

    const isLink = (up: boolean) => (e: Record<string, any>) => e.type === 'link' && e.link.name === 'a0' && e.link.up === up;
    let from = driver.events.length;
    a.run('ip', ['link', 'set', 'a0', 'down']);
    await driver.waitEvent(isLink(false), from, 500);
    // Running again needs the carrier back, which the kernel's linkwatch reports up to a second later.
    from = driver.events.length;
    a.run('ip', ['link', 'set', 'a0', 'up']);
    await driver.waitEvent(isLink(true), from, 1500);

    // Carrier: the peer going down leaves a0 administratively up but not running. The kernel's
    // linkwatch batches carrier changes for up to a second, so allow that much here.
    from = driver.events.length;
    b.run('ip', ['link', 'set', 'b0', 'down']);
    await driver.waitEvent(isLink(false), from, 1500);
    assert.equal(((await driver.call('link', 'a0')) as { up: boolean }).up, false);
    from = driver.events.length;
    b.run('ip', ['link', 'set', 'b0', 'up']);
    await driver.waitEvent(isLink(true), from, 1500);

    from = driver.events.length;
    a.run('ip', ['addr', 'add', '10.9.0.77/24', 'dev', 'a0']);
    await driver.waitEvent((e) => e.type === 'address-added' && e.name === 'a0' && (e.address as any).address === '10.9.0.77', from, 500);
    from = driver.events.length;
    a.run('ip', ['addr', 'del', '10.9.0.77/24', 'dev', 'a0']);
    await driver.waitEvent((e) => e.type === 'address-removed' && (e.address as any).address === '10.9.0.77', from, 500);
    assert.ok(!((await driver.call('link', 'a0')) as { addresses: { address: string }[] }).addresses.some((x) => x.address === '10.9.0.77'));

    from = driver.events.length;
    a.run('ip', ['link', 'add', 'c0', 'type', 'veth', 'peer', 'name', 'c1']);
    await driver.waitEvent((e) => e.type === 'link' && (e.link as any).name === 'c0', from, 500);
    a.run('ip', ['link', 'del', 'c0']);
    await driver.waitEvent((e) => e.type === 'link-removed' && e.name === 'c0', from, 500);
  });
} else {
  await driver();
}
