/**
 * Ways out of MASTER that keepalived 2.2.7 takes in its own manner, against it in the same run
 * (test/support/console-daemon.ts), console lines word for word and notifications alike:
 * - a Master's only address deleted: it passes through BACKUP (line and notify scripts) on its
 *   way to FAULT, and comes back through BACKUP once an address is there again;
 * - a VIP deleted under a Master by someone else: it gives mastership up and takes it back
 *   (Skew_Time later) with every VIP, unless the VIP is marked no_track;
 * - a sync group in BACKUP whose member's interface goes down: the other member follows to FAULT
 *   without a line of its own but with its notification, and both come back; at shutdown the
 *   group's notify script hears STOP too;
 * - a sync group whose members start `state MASTER` waits for their timers (with -D: "Receive
 *   advertisement timeout"); a VIP deleted under one Master makes every member give mastership up
 *   with priority 0, the group silent (no line, no notification) until all are back.
 * keepalived forks notify scripts without waiting for them, so the order of the lines they append
 * races: each side's notifications are compared as a sorted list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requireLab } from '../support/lab.js';
import { until } from '../support/interop.js';
import { sideBySide, withConsoleDaemon, type ConsoleImpl } from '../support/console-daemon.js';

const INSTANCES = ['VI_1', 'VI_2'] as const;

interface Seen {
  /** Per instance, its transition lines with the group's lines in between. */
  readonly lines: Record<string, string[]>;
  /** The notify scripts' lines, sorted. */
  readonly notified: string[];
}

function seen(output: string, notifyLog: string): Seen {
  const lines: Record<string, string[]> = Object.fromEntries(INSTANCES.map((name) => [name, []]));
  for (const line of output.split('\n')) {
    const group = /: (VRRP_Group\(G1\) .*)$/.exec(line);
    if (group) INSTANCES.forEach((name) => lines[name]!.push(group[1]!));
    const own = /: \((VI_\d)\) ([Ee]ntering .*)$/.exec(line);
    if (own) lines[own[1]!]?.push(own[2]!);
  }
  return { lines, notified: readFileSync(notifyLog, 'utf8').split('\n').filter((l) => l !== '').sort() };
}

const notify = (log: string, who = ''): string => `    notify "/bin/sh -c 'echo ${who}$1 $2 $3 >> ${log}'"\n`;

const instance = (name: string, iface: string, vrid: number, state: string, priority: number, log: string): string => `vrrp_instance ${name} {
    state ${state}
    interface ${iface}
    virtual_router_id ${vrid}
    priority ${priority}
    advert_int 1
${notify(log)}    virtual_ipaddress {
        192.0.${vrid - 49}.100/24
    }
}
`;

async function addressDeleted(impl: ConsoleImpl, dir: string): Promise<Seen> {
  const log = `${dir}/${impl}-notify.log`;
  const config = instance('VI_1', 'eth0', 51, 'MASTER', 150, log) + instance('VI_2', 'eth1', 52, 'BACKUP', 100, log);
  return withConsoleDaemon(impl, dir, { config, addresses: ['192.0.2.10/24', '192.0.3.10/24'] }, async ({ ns, proc }) => {
    const logged = (pattern: RegExp) => () => pattern.test(proc.output);
    await until(`${impl}: VI_1 Master`, logged(/\(VI_1\) Entering MASTER STATE/));
    await until(`${impl}: VI_2 Master`, logged(/\(VI_2\) Entering MASTER STATE/));
    ns.run('ip', ['addr', 'del', '192.0.2.10/24', 'dev', 'eth0']);
    await until(`${impl}: VI_1 in FAULT`, logged(/\(VI_1\) Entering FAULT STATE/));
    ns.run('ip', ['addr', 'add', '192.0.2.11/24', 'dev', 'eth0']);
    await until(`${impl}: VI_1 Master again`, logged(/\(VI_1\) Entering FAULT STATE[\s\S]*\(VI_1\) Entering MASTER STATE/), 20_000);
    await proc.stop('SIGTERM');
    return seen(proc.output, log);
  });
}

test("a Master's only address deleted, then another added: BACKUP, FAULT, BACKUP, MASTER, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(addressDeleted);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.lines.VI_1, [
    'Entering BACKUP STATE (init)',
    'Entering MASTER STATE',
    'Entering BACKUP STATE',
    'Entering FAULT STATE',
    'Entering BACKUP STATE',
    'Entering MASTER STATE',
  ]);
});

async function groupFault(impl: ConsoleImpl, dir: string): Promise<Seen> {
  const log = `${dir}/${impl}-notify.log`;
  const config = `vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n${notify(log, 'group ')}}\n`
    + instance('VI_1', 'eth0', 51, 'BACKUP', 100, log) + instance('VI_2', 'eth1', 52, 'BACKUP', 100, log);
  return withConsoleDaemon(impl, dir, { config, addresses: ['192.0.2.10/24', '192.0.3.10/24'] }, async ({ ns, proc }) => {
    const logged = (pattern: RegExp) => () => pattern.test(proc.output);
    // Both wait in BACKUP for Master_Down_Interval (3.6 s at priority 100): the fault comes first.
    await until(`${impl}: both Backup`, logged(/\(VI_1\) Entering BACKUP STATE[\s\S]*\(VI_2\) Entering BACKUP STATE|\(VI_2\) Entering BACKUP STATE[\s\S]*\(VI_1\) Entering BACKUP STATE/));
    ns.run('ip', ['link', 'set', 'p1', 'down']);
    await until(`${impl}: the group in FAULT`, logged(/Syncing instances to FAULT state/));
    ns.run('ip', ['link', 'set', 'p1', 'up']);
    await until(`${impl}: the group back in BACKUP`, logged(/Syncing instances to BACKUP state[\s\S]*\(VI_1\) Entering BACKUP STATE/));
    await proc.stop('SIGTERM');
    return seen(proc.output, log);
  });
}

test("a sync group in BACKUP with a member's interface down: the other follows to FAULT unlogged but notified, STOP for the group, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(groupFault);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.lines.VI_1, [
    'Entering BACKUP STATE (init)',
    'VRRP_Group(G1) Syncing instances to FAULT state',
    'VRRP_Group(G1) Syncing instances to BACKUP state',
    'Entering BACKUP STATE',
  ]);
  assert.ok(ours.notified.includes('VI_1 FAULT 100') && ours.notified.includes('group G1 STOP 0'), ours.notified.join('\n'));
});

const VIP_CONFIG = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
        192.0.2.101/24 no_track
    }
}
`;

interface VipSeen {
  readonly lines: string[];
  /** eth0's addresses after each deletion. */
  readonly addresses: string[][];
}

async function vipDeleted(impl: ConsoleImpl, dir: string): Promise<VipSeen> {
  return withConsoleDaemon(impl, dir, { config: VIP_CONFIG, addresses: ['192.0.2.10/24'] }, async ({ ns, proc }) => {
    const addresses = (): string[] => [...ns.run('ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0']).stdout.matchAll(/inet (\S+)/g)].map((m) => m[1]!).sort();
    const seen: string[][] = [];
    await until(`${impl}: Master`, () => /Entering MASTER STATE/.test(proc.output));
    await until(`${impl}: VIPs installed`, () => addresses().length === 3);
    ns.run('ip', ['addr', 'del', '192.0.2.101/24', 'dev', 'eth0']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    seen.push(addresses());
    ns.run('ip', ['addr', 'del', '192.0.2.100/24', 'dev', 'eth0']);
    await until(`${impl}: Master again`, () => (proc.output.match(/Entering MASTER STATE/g) ?? []).length === 2);
    await until(`${impl}: VIPs back`, () => addresses().length === 3);
    seen.push(addresses());
    await proc.stop('SIGTERM');
    return { lines: proc.output.split('\n').flatMap((line) => /: \(VI_1\) (.*)$/.exec(line)?.[1] ?? []), addresses: seen };
  });
}

test("a VIP deleted under the Master: none of it for no_track; otherwise BACKUP and MASTER again with every VIP back, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(vipDeleted);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.lines, ['Entering BACKUP STATE (init)', 'Entering MASTER STATE', 'Entering BACKUP STATE', 'Entering MASTER STATE']);
  assert.deepEqual(ours.addresses, [['192.0.2.10/24', '192.0.2.100/24'], ['192.0.2.10/24', '192.0.2.100/24', '192.0.2.101/24']]);
});

const SYNC_MASTERS = (log: string): string => `vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
${notify(log, 'group ')}}
` + [['VI_1', 'eth0', 51], ['VI_2', 'eth1', 52]].map(([name, iface, vrid]) => `vrrp_instance ${name} {
    state MASTER
    interface ${iface}
    virtual_router_id ${vrid}
    priority 150
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        192.0.${Number(vrid) - 49}.100/24
    }
}
`).join('');

interface SyncYieldSeen {
  /** From start to both Masters, then from the first member leaving to both gone (with -D). */
  readonly started: string[];
  readonly yielded: string[];
  /** The group's notifications, in order. */
  readonly notified: string[];
}

async function syncYield(impl: ConsoleImpl, dir: string): Promise<SyncYieldSeen> {
  const log = `${dir}/${impl}-notify.log`;
  return withConsoleDaemon(impl, dir, { config: SYNC_MASTERS(log), addresses: ['192.0.2.10/24', '192.0.3.10/24'], args: ['-D'] }, async ({ ns, proc }) => {
    const masters = (n: number) => () => (proc.output.match(/Entering MASTER STATE/g) ?? []).length === n;
    await until(`${impl}: both Master`, masters(2));
    ns.run('ip', ['addr', 'del', '192.0.2.100/24', 'dev', 'eth0']);
    await until(`${impl}: both Master again`, masters(4));
    await proc.stop('SIGTERM');
    const lines = proc.output.split('\n').flatMap((line) => /: (\(VI_\d\) .*|VRRP_Group.*)$/.exec(line)?.[1] ?? [])
      .filter((line) => !line.includes('gratuitous'));
    const init = lines.findIndex((line) => line.includes('(init)'));
    const leaving = lines.indexOf('(VI_1) Entering BACKUP STATE');
    const notified = readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('group'));
    return { started: lines.slice(init, leaving), yielded: lines.slice(leaving, leaving + 6), notified };
  });
}

test("a sync group of `state MASTER` members waits for their timers; a VIP deleted under one: all give up with priority 0, the group silent, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(syncYield);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.yielded, [
    '(VI_1) Entering BACKUP STATE',
    '(VI_1) sent 0 priority',
    '(VI_1) removing VIPs.',
    '(VI_2) Entering BACKUP STATE',
    '(VI_2) sent 0 priority',
    '(VI_2) removing VIPs.',
  ]);
  assert.deepEqual(ours.notified, ['group G1 BACKUP 0', 'group G1 MASTER 0', 'group G1 MASTER 0', 'group G1 STOP 0']);
});
