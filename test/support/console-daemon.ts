/**
 * Our daemon or keepalived with `-n -l -P` in a namespace of its own whose interfaces ethN are
 * each one end of a veth pair (pN the other), for tests that compare what each prints on the
 * console.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Netns } from './lab.js';
import { DaemonProcess } from './keepalived.js';

const BIN = fileURLToPath(new URL('../../bin/keepalived-ts.js', import.meta.url));

export type ConsoleImpl = 'ours' | 'keepalived';

export interface ConsoleDaemon {
  readonly ns: Netns;
  readonly proc: DaemonProcess;
  /** Kills the daemon if still running and deletes the namespace. */
  dispose(): Promise<void>;
}

/** One address (CIDR) per interface, set before the daemon starts (undefined: none); `down` stay down. */
export function startConsoleDaemon(
  impl: ConsoleImpl, dir: string, config: string, addresses: readonly (string | undefined)[], down: readonly string[] = [],
): ConsoleDaemon {
  const ns = new Netns('ktcon');
  try {
    addresses.forEach((address, i) => {
      ns.run('ip', ['link', 'add', `eth${i}`, 'type', 'veth', 'peer', 'name', `p${i}`]);
      if (address !== undefined) ns.run('ip', ['addr', 'add', address, 'dev', `eth${i}`]);
      if (!down.includes(`eth${i}`)) ns.run('ip', ['link', 'set', `eth${i}`, 'up']);
      ns.run('ip', ['link', 'set', `p${i}`, 'up']);
    });
    const conf = join(dir, `${impl}.conf`);
    writeFileSync(conf, config);
    const files = ['-p', join(dir, `${impl}.pid`), '-r', join(dir, `${impl}_vrrp.pid`), '-c', join(dir, `${impl}_checkers.pid`), '-b', join(dir, `${impl}_bfd.pid`)];
    const proc = impl === 'ours'
      ? new DaemonProcess(ns, 'env', [`KEEPALIVED_TS_TMP_DIR=${dir}`, process.execPath, BIN, '-n', '-l', '-P', '-f', conf, ...files])
      : new DaemonProcess(ns, 'env', [`TMPDIR=${dir}`, 'keepalived', '-n', '-l', '-P', '-f', conf, ...files]);
    return {
      ns,
      proc,
      async dispose() {
        await proc.stop('SIGKILL');
        ns.dispose();
      },
    };
  } catch (error) {
    ns.dispose();
    throw error;
  }
}
