/**
 * An election against a keepalived 2.2.7 peer in a namespace of its own, with `-D`, for ours and
 * for keepalived in the same run (test/support/console-daemon.ts): a higher-priority Master
 * resigns (priority 0: "Backup received priority 0 advertisement", then the takeover with its
 * detail lines), and a still higher one preempts us. Every line of the instance must match.
 * The instance under test waits vrrp_startup_delay so that the peer is always Master first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireLab, Netns } from '../support/lab.js';
import { until } from '../support/interop.js';
import { DaemonProcess } from '../support/keepalived.js';
import { sideBySide, withConsoleDaemon, type ConsoleImpl } from '../support/console-daemon.js';

const instance = (name: string, iface: string, priority: number): string => `vrrp_instance ${name} {
    state BACKUP
    interface ${iface}
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`;
const UNDER = `global_defs {\n    vrrp_startup_delay 2\n}\n${instance('VI_1', 'eth0', 100)}`;

async function election(impl: ConsoleImpl, dir: string): Promise<string[]> {
  const peer = new Netns('ktpeer');
  try {
    // The peer's end of eth0 goes to its own namespace before the daemon starts (a move takes the
    // carrier down for a moment).
    const beforeStart = (ns: Netns): void => {
      ns.run('ip', ['link', 'set', 'p0', 'netns', peer.name]);
      peer.run('ip', ['addr', 'add', '192.0.2.20/24', 'dev', 'p0']);
      peer.run('ip', ['link', 'set', 'p0', 'up']);
    };
    return await withConsoleDaemon(impl, dir, { config: UNDER, addresses: ['192.0.2.10/24'], args: ['-D'], beforeStart }, async ({ proc }) => {
      const count = (pattern: RegExp) => (proc.output.match(pattern) ?? []).length;
      const withPeer = async (priority: number, during: () => Promise<void>): Promise<void> => {
        const conf = join(dir, `${impl}-peer${priority}.conf`);
        writeFileSync(conf, instance('PEER', 'p0', priority));
        const files = ['-p', join(dir, `${impl}-peer.pid`), '-r', join(dir, `${impl}-peer_vrrp.pid`), '-c', join(dir, `${impl}-peer_checkers.pid`)];
        const daemon = new DaemonProcess(peer, 'env', [`TMPDIR=${dir}`, 'keepalived', '-n', '-l', '-P', '-i', `peer${priority}`, '-f', conf, ...files]);
        try {
          await during();
        } finally {
          await daemon.stop('SIGTERM');
        }
      };
      // The peer at 150 is Master before we start electing; it resigns and we take over.
      await withPeer(150, () => new Promise((resolve) => setTimeout(resolve, 6000)));
      await until(`${impl}: Master`, () => count(/Entering MASTER STATE/g) === 1, 10_000);
      // A peer at 200 preempts us; it resigns and we take over again.
      await withPeer(200, async () => {
        await until(`${impl}: preempted`, () => count(/Entering BACKUP STATE$/gm) === 1, 10_000);
      });
      await until(`${impl}: Master again`, () => count(/Entering MASTER STATE/g) === 2, 10_000);
      await proc.stop('SIGTERM');
      const lines = proc.output.split('\n').flatMap((line) => /: (\(VI_1\) .*|Sending gratuitous ARP .*)$/.exec(line)?.[1] ?? []);
      // keepalived first clears what a previous run may have left: not part of the comparison.
      return lines.slice(lines.indexOf('(VI_1) Entering BACKUP STATE (init)'));
    });
  } finally {
    peer.dispose();
  }
}

test('an election against a keepalived peer, with -D: every line of the instance as keepalived writes it', { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(election);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours.filter((line) => !line.startsWith('Sending gratuitous ARP')), [
    '(VI_1) Entering BACKUP STATE (init)',
    '(VI_1) Backup received priority 0 advertisement',
    '(VI_1) Receive advertisement timeout',
    '(VI_1) Entering MASTER STATE',
    '(VI_1) setting VIPs.',
    '(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100',
    '(VI_1) Master received advert from 192.0.2.20 with higher priority 200, ours 100',
    '(VI_1) Entering BACKUP STATE',
    '(VI_1) removing VIPs.',
    '(VI_1) Backup received priority 0 advertisement',
    '(VI_1) Receive advertisement timeout',
    '(VI_1) Entering MASTER STATE',
    '(VI_1) setting VIPs.',
    '(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100',
    '(VI_1) sent 0 priority',
    '(VI_1) removing VIPs.',
  ]);
});
