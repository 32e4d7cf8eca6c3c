/**
 * Virtual routes and rules deleted under a Master by someone else, against keepalived 2.2.7 in the
 * same run (test/support/console-daemon.ts): a route marked no_track is left deleted with nothing
 * else happening (until the next time the instance becomes Master); a route with its own interface, and a rule, make the Master give mastership up
 * and take it back (Skew_Time later), which puts them back. Both run with `-D`: the detail lines
 * (setting and removing VIPs, routes and rules, "sent 0 priority", gratuitous ARPs) must match too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireLab } from '../support/lab.js';
import { until } from '../support/interop.js';
import { sideBySide, withConsoleDaemon, type ConsoleImpl } from '../support/console-daemon.js';

const CONFIG = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        192.0.2.100/24
    }
    virtual_routes {
        198.51.100.0/24 via 192.0.2.254 dev eth0
        203.0.113.0/24 dev eth0 no_track
    }
    virtual_rules {
        from 198.18.0.0/16 table 100 preference 1000
    }
}
`;

interface Seen {
  /** The instance's lines and the gratuitous ARPs' from its start on (keepalived first clears leftovers). */
  readonly lines: string[];
  /** The keepalived routes and the rule, after each deletion. */
  readonly tables: string[][];
}

async function deleted(impl: ConsoleImpl, dir: string): Promise<Seen> {
  return withConsoleDaemon(impl, dir, { config: CONFIG, addresses: ['192.0.2.10/24'], args: ['-D'] }, async ({ ns, proc }) => {
    const tables = (): string[] => [
      ...ns.run('ip', ['-4', 'route', 'show', 'proto', 'keepalived']).stdout.split('\n'),
      ...ns.run('ip', ['-4', 'rule', 'show']).stdout.split('\n').filter((line) => line.includes('198.18.')),
    ].map((line) => line.trim()).filter((line) => line !== '').sort();
    const masters = (n: number) => () => (proc.output.match(/Entering MASTER STATE/g) ?? []).length === n;
    const seen: string[][] = [];
    await until(`${impl}: Master`, masters(1));
    await until(`${impl}: routes and rule installed`, () => tables().length === 3);
    ns.run('ip', ['route', 'del', '203.0.113.0/24']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    seen.push(tables());
    ns.run('ip', ['route', 'del', '198.51.100.0/24']);
    await until(`${impl}: Master again after the route`, masters(2));
    await until(`${impl}: route back`, () => tables().length === 3);
    seen.push(tables());
    ns.run('ip', ['rule', 'del', 'from', '198.18.0.0/16', 'table', '100']);
    await until(`${impl}: Master again after the rule`, masters(3));
    await until(`${impl}: rule back`, () => tables().some((line) => line.includes('198.18.')));
    seen.push(tables());
    await proc.stop('SIGTERM');
    const lines = proc.output.split('\n').flatMap((line) => /: (\(VI_1\) .*|Sending gratuitous ARP .*)$/.exec(line)?.[1] ?? []);
    return { lines: lines.slice(lines.indexOf('(VI_1) Entering BACKUP STATE (init)')), tables: seen };
  });
}

test("virtual routes and rules deleted under the Master: nothing for no_track; otherwise BACKUP and MASTER again with them back, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(deleted);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.lines.filter((line) => line.includes('Entering')), [
    '(VI_1) Entering BACKUP STATE (init)',
    '(VI_1) Entering MASTER STATE',
    '(VI_1) Entering BACKUP STATE',
    '(VI_1) Entering MASTER STATE',
    '(VI_1) Entering BACKUP STATE',
    '(VI_1) Entering MASTER STATE',
  ]);
  const leaving = ours.lines.indexOf('(VI_1) Entering BACKUP STATE');
  assert.deepEqual(ours.lines.slice(leaving, leaving + 5), [
    '(VI_1) Entering BACKUP STATE',
    '(VI_1) sent 0 priority',
    '(VI_1) removing Virtual Rules',
    '(VI_1) removing Virtual Routes',
    '(VI_1) removing VIPs.',
  ]);
  for (const snapshot of ours.tables) {
    assert.ok(snapshot.some((line) => line.startsWith('198.51.100.0/24 via 192.0.2.254 dev eth0')), snapshot.join('\n'));
    assert.ok(snapshot.some((line) => /^1000:\s+from 198\.18\.0\.0\/16 lookup 100/.test(line)), snapshot.join('\n'));
  }
  // The no_track route stays deleted until the next time the instance becomes Master.
  assert.deepEqual(ours.tables.map((snapshot) => snapshot.some((line) => line.startsWith('203.0.113.0/24'))), [false, true, true]);
});

const MULTIPATH = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
    virtual_routes {
        198.18.0.0/16 nexthop via 192.0.2.254 dev eth0 weight 2 nexthop via 198.51.100.254 dev eth1
        198.19.0.0/16 table 200 nexthop via 192.0.2.253 dev eth0 onlink nexthop dev eth1
    }
}
`;

async function multipath(impl: ConsoleImpl, dir: string): Promise<string[]> {
  return withConsoleDaemon(impl, dir, { config: MULTIPATH, addresses: ['192.0.2.10/24', '198.51.100.10/24'] }, async ({ ns, proc }) => {
    const routes = (): string => ['main', '200'].map((table) => ns.run('ip', ['-4', 'route', 'show', 'table', table, 'root', '198.18.0.0/15']).stdout).join('');
    await until(`${impl}: Master`, () => /Entering MASTER STATE/.test(proc.output));
    await until(`${impl}: multipath routes installed`, () => routes().split('nexthop').length === 5);
    const installed = routes();
    await proc.stop('SIGTERM');
    return [installed, routes()];
  });
}

test('multipath virtual routes are installed as keepalived installs them, and removed at stop', { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(multipath);
  assert.deepEqual(ours, theirs);
  assert.match(ours[0]!, /198\.18\.0\.0\/16[^\n]*\n\s+nexthop via 192\.0\.2\.254 dev eth0 weight 2/);
  assert.match(ours[0]!, /198\.19\.0\.0\/16 proto keepalived[^\n]*\n\s+nexthop via 192\.0\.2\.253 dev eth0 weight 1 onlink/);
  assert.equal(ours[1], '');
});
