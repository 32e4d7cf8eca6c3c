/**
 * What a router logs of its peer's adverts, against keepalived 2.2.7 in the same run. The peer is
 * keepalived, on unicast toward the router under test, which never answers it (its own
 * unicast_peer is elsewhere): first at priority 50, so the router, Backup then Master, hears a
 * lower priority throughout; then at 200, which makes the Master give way. The router under test
 * is ours in one pair of namespaces and keepalived in another; both must log the same lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Netns, requireLab, vethPair } from '../support/lab.js';
import { sideBySide, withOutput } from '../support/console-daemon.js';
import { DaemonProcess } from '../support/keepalived.js';
import { until } from '../support/interop.js';

const BIN = fileURLToPath(new URL('../../bin/keepalived-ts.js', import.meta.url));
type Impl = 'ours' | 'keepalived';

function config(iface: string, priority: number, source: string, peer: string): string {
  return `vrrp_instance VI_1 {
    state BACKUP
    interface ${iface}
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    unicast_src_ip ${source}
    unicast_peer {
        ${peer}
    }
    virtual_ipaddress {
        10.9.0.100/24
    }
}
`;
}

function daemon(impl: Impl, ns: Netns, dir: string, name: string, text: string): DaemonProcess {
  const conf = join(dir, `${name}.conf`);
  writeFileSync(conf, text);
  const files = ['-p', join(dir, `${name}.pid`), '-r', join(dir, `${name}_vrrp.pid`), '-c', join(dir, `${name}_checkers.pid`), '-b', join(dir, `${name}_bfd.pid`)];
  return impl === 'ours'
    ? new DaemonProcess(ns, 'env', [`KEEPALIVED_TS_TMP_DIR=${dir}`, process.execPath, BIN, '-n', '-l', '-P', '-f', conf, ...files])
    : new DaemonProcess(ns, 'env', [`TMPDIR=${dir}`, 'keepalived', '-n', '-l', '-P', '-f', conf, ...files]);
}

async function run(impl: Impl, root: string): Promise<string[]> {
  const dir = mkdtempSync(join(root, `${impl}-`));
  const router = new Netns('ktadv');
  const peerNs = new Netns('ktadv');
  const started: DaemonProcess[] = [];
  let routerDaemon: DaemonProcess | undefined;
  try {
    vethPair(router, peerNs, '10.9.0.1/24', '10.9.0.2/24');
    // The peer sends to the router; the router's adverts go to an address nobody has.
    const peerAt = (priority: number): DaemonProcess => {
      const peer = daemon('keepalived', peerNs, dir, `peer${priority}`, config('b0', priority, '10.9.0.2', '10.9.0.1'));
      started.push(peer);
      return peer;
    };
    const low = peerAt(50);
    await until(`${impl}: the peer at 50 is Master`, () => low.output.includes('Entering MASTER STATE'));
    routerDaemon = daemon(impl, router, dir, 'router', config('a0', 100, '10.9.0.1', '10.9.0.3'));
    const routerOut = routerDaemon;
    const count = (text: string): number => routerOut.output.split(text).length - 1;
    await until(`${impl}: Master despite the lower priority`, () => count('forcing new election') >= 2);
    await low.stop('SIGTERM');
    const high = peerAt(200);
    await until(`${impl}: the peer at 200 is Master`, () => high.output.includes('Entering MASTER STATE'));
    await until(`${impl}: the router gave way`, () => count('Entering BACKUP STATE') >= 2);
    await routerOut.stop('SIGTERM');
    // Lines about the peer's adverts and the router's states; how many of each repeats with timing.
    const lines = routerOut.output.split('\n').flatMap((line) => /: \(VI_1\) (.*)$/.exec(line)?.[1] ?? []);
    return lines.filter((line, i) => line !== lines[i - 1]);
  } catch (error) {
    throw withOutput(error, impl, routerDaemon?.output ?? '');
  } finally {
    for (const proc of [routerDaemon, ...started]) await proc?.stop('SIGKILL');
    router.dispose();
    peerNs.dispose();
  }
}

test("a peer's lower and higher priority adverts are logged as keepalived logs them", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(run);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours, [
    'Entering BACKUP STATE (init)',
    'received lower priority (50) advert from 10.9.0.2 - discarding',
    'Entering MASTER STATE',
    'Received advert from 10.9.0.2 with lower priority 50, ours 100, forcing new election',
    'Master received advert from 10.9.0.2 with higher priority 200, ours 100',
    'Entering BACKUP STATE',
  ]);
});
