/**
 * What an operator reads on the console (`-l`), against keepalived 2.2.7 in the same run, each
 * daemon in a namespace of its own (test/support/console-daemon.ts):
 * - eth0 without an address at start: both instances wait in FAULT; an address arrives (Backup,
 *   then Master); the peer end goes down, so eth0 loses its carrier (FAULT), and comes back
 *   (Backup). Per instance, the transition lines and the link reports between them;
 * - a sync group whose member's interface goes down and comes back: every line in order;
 * - reloads that add an instance, then remove it and change the other's priority;
 * - an interface down at start, for the instance on it and one that tracks it with a weight.
 * Word for word and in the same order as keepalived's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireLab } from '../support/lab.js';
import { until } from '../support/interop.js';
import { sideBySide, withConsoleDaemon, type ConsoleImpl } from '../support/console-daemon.js';

const INSTANCES = ['VI_1', 'VI_2'] as const;

const CONFIG = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
vrrp_instance VI_2 {
    state MASTER
    interface eth0
    virtual_router_id 52
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.101/24
    }
}
`;

/** Each instance's lines matching `kept` (transitions by default), with every link report in between, timestamps dropped. */
function linesPerInstance(output: string, kept = /^[Ee]ntering /): Record<string, string[]> {
  const lines: Record<string, string[]> = Object.fromEntries(INSTANCES.map((name) => [name, []]));
  for (const line of output.split('\n')) {
    const report = /: (Netlink reports \S+ (?:up|down))$/.exec(line);
    if (report) INSTANCES.forEach((name) => lines[name]!.push(report[1]!));
    // keepalived 2.2.7 writes one line "(VI_2): entering FAULT state (interface eth1 down)", with a
    // colon after the name: kept in front of the text, so that the colon is compared too.
    const own = /: \((VI_\d)\)(:?) (.*)$/.exec(line);
    if (own && kept.test(own[3]!)) lines[own[1]!]?.push(`${own[2]}${own[3]}`);
  }
  return lines;
}

async function run(impl: ConsoleImpl, dir: string): Promise<Record<string, string[]>> {
  return withConsoleDaemon(impl, dir, { config: CONFIG, addresses: [undefined] }, async ({ ns, proc }) => {
    const logged = (pattern: RegExp) => () => pattern.test(proc.output);
    await until(`${impl}: both in FAULT without an address`, logged(/\(VI_2\) entering FAULT state$/m));
    ns.run('ip', ['addr', 'add', '192.0.2.10/24', 'dev', 'eth0']);
    await until(`${impl}: both Master once the address is there`, logged(/\(VI_1\) Entering MASTER STATE[\s\S]*\(VI_2\) Entering MASTER STATE|\(VI_2\) Entering MASTER STATE[\s\S]*\(VI_1\) Entering MASTER STATE/));
    ns.run('ip', ['link', 'set', 'p0', 'down']);
    await until(`${impl}: both in FAULT without carrier`, logged(/\(VI_2\) Entering FAULT STATE$/m));
    ns.run('ip', ['link', 'set', 'p0', 'up']);
    // Stopped before Master_Down_Interval (3 s and more) can make either Master again.
    await until(`${impl}: both Backup with carrier back`, logged(/\(VI_2\) Entering FAULT STATE[\s\S]*\(VI_1\) Entering BACKUP STATE[\s\S]*\(VI_2\) Entering BACKUP STATE/));
    await proc.stop('SIGTERM');
    return linesPerInstance(proc.output);
  });
}

test("console lines: FAULT without an address, Master, carrier lost and back, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(run);
  assert.deepEqual(ours, theirs);
  // What keepalived 2.2.7 printed when this was written: a change on its side shows here.
  assert.deepEqual(ours.VI_1, [
    'entering FAULT state (no IPv4 address for interface)',
    'entering FAULT state',
    'Entering BACKUP STATE',
    'Entering MASTER STATE',
    'Netlink reports eth0 down',
    'Entering FAULT STATE',
    'Netlink reports eth0 up',
    'Entering BACKUP STATE',
  ]);
});

/** Two Backups of equal priority on eth0 and eth1, in one sync group. */
const GROUP_CONFIG = `vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
}
${['eth0', 'eth1'].map((iface, i) => `vrrp_instance VI_${i + 1} {
    state BACKUP
    interface ${iface}
    virtual_router_id ${51 + i}
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.${2 + i}.100/24
    }
}
`).join('')}`;

async function runGroup(impl: ConsoleImpl, dir: string): Promise<string[]> {
  return withConsoleDaemon(impl, dir, { config: GROUP_CONFIG, addresses: ['192.0.2.10/24', '192.0.3.10/24'] }, async ({ ns, proc }) => {
    const count = (pattern: RegExp): number => proc.output.match(pattern)?.length ?? 0;
    await until(`${impl}: group Master`, () => count(/Entering MASTER STATE/g) >= 2);
    ns.run('ip', ['link', 'set', 'p1', 'down']);
    await until(`${impl}: group in FAULT`, () => count(/Entering FAULT STATE/g) >= 2);
    ns.run('ip', ['link', 'set', 'p1', 'up']);
    await until(`${impl}: group Master again`, () => count(/Entering MASTER STATE/g) >= 4, 20_000);
    await proc.stop('SIGTERM');
    return proc.output.split('\n').flatMap((line) => /: ((?:\(VI_\d\) [Ee]ntering|VRRP_Group|Netlink reports).*)$/.exec(line)?.[1] ?? []);
  });
}

test("console lines of a sync group: a member's own move, the group's line, then the other member's, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(runGroup);
  assert.deepEqual(ours, theirs);
  // eth1 (VI_2's) goes down and comes back.
  const fault = ours.indexOf('Netlink reports eth1 down');
  assert.deepEqual(ours.slice(fault, fault + 4), [
    'Netlink reports eth1 down',
    '(VI_2) Entering FAULT STATE',
    'VRRP_Group(G1) Syncing instances to FAULT state',
    '(VI_1) Entering FAULT STATE',
  ]);
});

function instance(name: string, vrid: number, priority: number): string {
  return `vrrp_instance ${name} {\n    state MASTER\n    interface eth0\n    virtual_router_id ${vrid}\n    priority ${priority}\n    advert_int 1\n    virtual_ipaddress {\n        192.0.2.${vrid + 49}/24\n    }\n}\n`;
}

async function runReloads(impl: ConsoleImpl, dir: string): Promise<string[]> {
  return withConsoleDaemon(impl, dir, { config: instance('VI_1', 51, 150), addresses: ['192.0.2.10/24'] }, async ({ proc }) => {
    const count = (pattern: RegExp): number => proc.output.match(pattern)?.length ?? 0;
    const reload = (config: string): void => {
      writeFileSync(join(dir, `${impl}.conf`), config);
      process.kill(Number(readFileSync(join(dir, `${impl}.pid`), 'utf8').trim()), 'SIGHUP');
    };
    await until(`${impl}: VI_1 Master`, () => count(/\(VI_1\) Entering MASTER STATE/g) === 1);
    // A new instance beside an unchanged one.
    reload(instance('VI_1', 51, 150) + instance('VI_2', 52, 120));
    await until(`${impl}: VI_2 Master`, () => count(/\(VI_2\) Entering MASTER STATE/g) === 1);
    // A new priority for one, the other gone.
    reload(instance('VI_1', 51, 140));
    await until(`${impl}: second reload done`, () => count(/Reload complete/g) === 2);
    await proc.stop('SIGTERM');
    // The banner (versions, command line) differs by design; keepalived's parent says "Startup
    // complete" and "Reload complete" before or after its child's lines, as they race.
    return proc.output.split('\n').flatMap((line) => /^\w{3} \w{3} [ \d]\d [\d:]{8} \d{4}: (.*)$/.exec(line)?.[1] ?? [])
      .filter((line) => !/^(Starting|Running on|Command line|NOTICE|Stopped Keepalived|Startup complete|Reload complete)|^\s/.test(line))
      .map((line) => line.replace(`${impl}.conf`, 'keepalived.conf'));
  });
}

test("console lines across reloads: an instance added, one removed, a priority changed, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(runReloads);
  assert.deepEqual(ours, theirs);
});

/** VI_1 tracks eth1 with a weight; VI_2, the address owner, runs on eth1, which starts down. */
const TRACK_CONFIG = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    track_interface {
        eth1 weight -30
    }
    virtual_ipaddress {
        192.0.2.100/24
    }
}
vrrp_instance VI_2 {
    state MASTER
    interface eth1
    virtual_router_id 52
    priority 255
    advert_int 1
    virtual_ipaddress {
        192.0.3.100/24
    }
}
`;

async function runTracked(impl: ConsoleImpl, dir: string): Promise<Record<string, string[]>> {
  return withConsoleDaemon(impl, dir, { config: TRACK_CONFIG, addresses: ['192.0.2.10/24', '192.0.3.10/24'], down: ['eth1'] }, async ({ ns, proc }) => {
    const logged = (pattern: RegExp) => () => pattern.test(proc.output);
    await until(`${impl}: VI_1 Master at 70`, logged(/\(VI_1\) Entering MASTER STATE/));
    ns.run('ip', ['link', 'set', 'eth1', 'up']);
    await until(`${impl}: VI_2 Master once eth1 is up`, logged(/\(VI_2\) Entering MASTER STATE/));
    await proc.stop('SIGTERM');
    return linesPerInstance(proc.output, /Changing effective priority|[Ee]ntering/);
  });
}

test("console lines: an interface down at start, tracked with a weight by another instance, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(runTracked);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.VI_2, [
    ':entering FAULT state (interface eth1 down)',
    'entering FAULT state',
    'Netlink reports eth1 up',
    'Entering BACKUP STATE',
    'Entering MASTER STATE',
  ]);
});

const reloadInstance = (name: string, vrid: number, priority: number, vips: readonly string[]): string => `vrrp_instance ${name} {
    state BACKUP
    interface eth0
    virtual_router_id ${vrid}
    priority ${priority}
    advert_int 1
    virtual_ipaddress {
${vips.map((vip) => `        ${vip}\n`).join('')}    }
}
`;

async function runMasterReload(impl: ConsoleImpl, dir: string): Promise<{ lines: string[]; addresses: string[] }> {
  const before = reloadInstance('VI_1', 51, 100, ['192.0.2.100/24']) + reloadInstance('VI_2', 52, 100, ['192.0.2.101/24']);
  const after = reloadInstance('VI_1', 51, 120, ['192.0.2.100/24', '192.0.2.102/24']);
  return withConsoleDaemon(impl, dir, { config: before, addresses: ['192.0.2.10/24'], args: ['-D'] }, async ({ ns, proc }) => {
    await until(`${impl}: both Master`, () => (proc.output.match(/Entering MASTER STATE/g) ?? []).length === 2);
    // Both takeovers' first rounds written (garp_master_repeat 5 each) before the reload.
    await until(`${impl}: takeover frames sent`, () => (proc.output.match(/Sending gratuitous ARP on/g) ?? []).length >= 10);
    writeFileSync(join(dir, `${impl}.conf`), after);
    process.kill(Number(readFileSync(join(dir, `${impl}.pid`), 'utf8').trim()), 'SIGHUP');
    await until(`${impl}: reloaded`, () => /Reload complete/.test(proc.output));
    // The round of gratuitous ARPs after the reload (garp_master_repeat 5, two addresses).
    await until(`${impl}: gratuitous ARPs sent`, () => (proc.output.split('Reloading ...')[1]?.match(/Sending gratuitous ARP on/g) ?? []).length >= 10);
    const addresses = [...ns.run('ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0']).stdout.matchAll(/inet (\S+)/g)].map((m) => m[1]!).sort();
    await proc.stop('SIGTERM');
    const reload = proc.output.split('Reloading ...')[1] ?? '';
    // VI_2's frames are those of its takeover, whenever the daemon writes them.
    const lines = reload.split('\n').flatMap((line) => /: (\(VI_\d\) .*|Sending gratuitous ARP on .*)$/.exec(line)?.[1] ?? [])
      .filter((line) => !line.endsWith('for 192.0.2.101'));
    return { lines: lines.slice(0, lines.indexOf('(VI_1) sent 0 priority')), addresses };
  });
}

test("a reload keeping a Master (-D): it sets its addresses again and sends one round of gratuitous ARPs for all of them, the new one too, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(runMasterReload);
  assert.deepEqual(ours, theirs);
  const frames = (address: string) => Array(5).fill(`Sending gratuitous ARP on eth0 for ${address}`);
  assert.deepEqual(ours.lines, [
    '(VI_2) sent 0 priority',
    '(VI_2) removing VIPs.',
    '(VI_1) setting VIPs.',
    '(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100',
    'Sending gratuitous ARP on eth0 for 192.0.2.100',
    '(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.102',
    ...frames('192.0.2.102').flatMap((frame, i) => (i === 0 ? [frame] : ['Sending gratuitous ARP on eth0 for 192.0.2.100', frame])),
  ]);
  assert.deepEqual(ours.addresses, ['192.0.2.10/24', '192.0.2.100/24', '192.0.2.102/24']);
});

const VMAC_AND_IPV6 = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    use_vmac
    virtual_router_id 51
    priority 100
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        192.0.2.100/24
    }
}
vrrp_instance VI_6 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority 100
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        2001:db8::100/64
    }
}
`;

async function runVmacAndIpv6(impl: ConsoleImpl, dir: string): Promise<Record<string, string[]>> {
  return withConsoleDaemon(impl, dir, { config: VMAC_AND_IPV6, addresses: ['192.0.2.10/24'], args: ['-D'] }, async ({ proc }) => {
    await until(`${impl}: both Master`, () => (proc.output.match(/Entering MASTER STATE/g) ?? []).length === 2);
    await proc.stop('SIGTERM');
    const lines: Record<string, string[]> = { VI_1: [], VI_6: [], frames: [] };
    for (const line of proc.output.split('\n')) {
      const own = /: \((VI_\d)\):? (.*)$/.exec(line);
      // keepalived first clears what a previous run may have left: not part of the comparison.
      if (own && !(own[2] === 'removing VIPs.' && !lines[own[1]!]!.some((l) => l.includes('(init)')))) lines[own[1]!]!.push(own[2]!);
      if (/: (Sending (gratuitous ARP|unsolicited Neighbour Advert) on|Netlink reports)/.test(line)) lines.frames!.push(line.slice(line.indexOf(': ') + 2));
    }
    lines.frames!.sort();
    return lines;
  });
}

test("console lines with -D: a VMAC created and removed, an IPv6 instance whose first VIP is not link-local, their gratuitous frames, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(runVmacAndIpv6);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.VI_1?.slice(0, 2), ['Success creating VMAC interface vrrp.51', 'Entering BACKUP STATE (init)']);
  assert.equal(ours.VI_1?.at(-1), 'Success removing VMAC interface vrrp.51');
  assert.equal(ours.VI_6?.[0], 'the first IPv6 VIP address should be link local');
  assert.equal(ours.frames?.length, 10);
});

/**
 * Every -D line but the start-up and shutdown banners each daemon writes its own way or order (and ours
 * of its own features: the status socket, memory released, VRRP events), from the first
 * instance's "(init)" on: keepalived first clears what a previous run may have left.
 */
function detailLines(output: string): string[] {
  const own = /^(Starting|Startup complete|Running on|Command line|Configuration file|Opening file|NOTICE|Registering|VRRP sockpool|Assigned address|Stopped|CPU usage|Status socket|released memory|VRRP event)/;
  const lines = output.split('\n').flatMap((line) => {
    const text = line.slice(line.indexOf(': ') + 2);
    return line.startsWith(' ') || line.trim() === '' || own.test(text) ? [] : [text];
  });
  return lines.slice(lines.findIndex((line) => line.includes('(init)')));
}

const NOTIFYING = (log: string): string => `global_defs {
    enable_script_security
    script_user root
    vrrp_notify_fifo ${log}.fifo
    vrrp_notify_fifo_script "/bin/sh -c 'cat > /dev/null'"
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    garp_master_delay 0
    notify_backup "/bin/sh -c 'echo backup >> ${log}'"
    notify_master "/bin/sh -c 'echo master >> ${log}'"
    notify "/bin/sh -c 'echo notify >> ${log}'"
    notify_stop "/bin/sh -c 'echo stop >> ${log}'"
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`;

// keepalived does not always log its FIFO script's end (it may end before keepalived watches for
// it): that line is left out of the comparison.
async function runNotifying(impl: ConsoleImpl, dir: string): Promise<string[]> {
  return withConsoleDaemon(impl, dir, { config: NOTIFYING(join(dir, `${impl}-notify`)), addresses: ['192.0.2.10/24'], args: ['-D'] }, async ({ proc }) => {
    await until(`${impl}: Master`, () => /Entering MASTER STATE/.test(proc.output));
    const notified = (): string => (existsSync(join(dir, `${impl}-notify`)) ? readFileSync(join(dir, `${impl}-notify`), 'utf8') : '');
    await until(`${impl}: notify scripts run`, () => notified().includes('master'));
    await proc.stop('SIGTERM');
    return detailLines(proc.output).filter((line) => !line.includes('fifo script'));
  });
}

test('console lines with -D: notify scripts and a FIFO script say nothing more than keepalived says', { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(runNotifying);
  assert.deepEqual(ours, theirs);
  assert.ok(ours.includes('(VI_1) Entering MASTER STATE') && ours.includes('Stopping'), ours.join('\n'));
});

const STATICS = `static_ipaddress {
    192.0.2.50/24 dev eth0
    192.0.2.51/24 dev eth0 no_track
}
static_routes {
    198.51.100.0/24 via 192.0.2.254 dev eth0
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`;

async function runStatics(impl: ConsoleImpl, dir: string): Promise<{ lines: string[]; addresses: string[]; routes: string }> {
  return withConsoleDaemon(impl, dir, { config: STATICS, addresses: ['192.0.2.10/24'], args: ['-D'] }, async ({ ns, proc }) => {
    const addresses = (): string[] => [...ns.run('ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0']).stdout.matchAll(/inet (\S+)/g)].map((m) => m[1]!).sort();
    await until(`${impl}: Master`, () => /Entering MASTER STATE/.test(proc.output));
    for (const address of ['192.0.2.50/24', '192.0.2.51/24']) ns.run('ip', ['addr', 'del', address, 'dev', 'eth0']);
    ns.run('ip', ['route', 'del', '198.51.100.0/24']);
    await until(`${impl}: static address back`, () => addresses().includes('192.0.2.50/24'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const routes = ns.run('ip', ['-4', 'route', 'show', '198.51.100.0/24']).stdout;
    const seen = addresses();
    await proc.stop('SIGTERM');
    // keepalived also complains of the route it can no longer delete at stop ("Netlink: error").
    return { lines: detailLines(proc.output).filter((line) => !line.startsWith('Netlink: error')), addresses: seen, routes };
  });
}

test("console lines with -D: a static address deleted by someone else is put back (not one marked no_track, nor a static route), as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(runStatics);
  assert.deepEqual(ours, theirs);
  assert.ok(ours.lines.includes('Restoring deleted static address 192.0.2.50/24 dev eth0 scope global set'), ours.lines.join('\n'));
  assert.deepEqual(ours.addresses, ['192.0.2.10/24', '192.0.2.100/24', '192.0.2.50/24']);
  assert.equal(ours.routes, '');
});
