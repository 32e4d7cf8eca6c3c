/**
 * Our daemon or keepalived with `-n -l -P` in a namespace of its own whose interfaces ethN are
 * each one end of a veth pair (pN the other), for tests that compare what each prints on the
 * console.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

export interface ConsoleSetup {
  readonly config: string;
  /** One address (CIDR) per interface ethN, set before the daemon starts; undefined: none. */
  readonly addresses: readonly (string | undefined)[];
  /** Interfaces left down at start. */
  readonly down?: readonly string[];
  /** More command-line options for both daemons (`-D`). */
  readonly args?: readonly string[];
  /** Runs once the interfaces exist, before the daemon starts (e.g. to move a peer end away). */
  readonly beforeStart?: (ns: Netns) => void;
}

export function startConsoleDaemon(impl: ConsoleImpl, dir: string, setup: ConsoleSetup): ConsoleDaemon {
  const { config, addresses, down = [], args = [] } = setup;
  const ns = new Netns('ktcon');
  try {
    addresses.forEach((address, i) => {
      ns.run('ip', ['link', 'add', `eth${i}`, 'type', 'veth', 'peer', 'name', `p${i}`]);
      if (address !== undefined) ns.run('ip', ['addr', 'add', address, 'dev', `eth${i}`]);
      if (!down.includes(`eth${i}`)) ns.run('ip', ['link', 'set', `eth${i}`, 'up']);
      ns.run('ip', ['link', 'set', `p${i}`, 'up']);
    });
    setup.beforeStart?.(ns);
    const conf = join(dir, `${impl}.conf`);
    writeFileSync(conf, config);
    const files = ['-p', join(dir, `${impl}.pid`), '-r', join(dir, `${impl}_vrrp.pid`), '-c', join(dir, `${impl}_checkers.pid`), '-b', join(dir, `${impl}_bfd.pid`)];
    const proc = impl === 'ours'
      ? new DaemonProcess(ns, 'env', [`KEEPALIVED_TS_TMP_DIR=${dir}`, process.execPath, BIN, '-n', '-l', '-P', ...args, '-f', conf, ...files])
      : new DaemonProcess(ns, 'env', [`TMPDIR=${dir}`, 'keepalived', '-n', '-l', '-P', ...args, '-f', conf, ...files]);
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

/** `error` with a daemon's console output, so that a failure shows what it said. */
export function withOutput(error: unknown, impl: string, output: string): Error {
  return new Error(`${error instanceof Error ? error.message : String(error)}\n--- ${impl} ---\n${output}`);
}

/** Runs `scenario` against a console daemon, then kills it and deletes its namespace, even on failure. */
export async function withConsoleDaemon<T>(
  impl: ConsoleImpl, dir: string, setup: ConsoleSetup, scenario: (daemon: ConsoleDaemon) => Promise<T>,
): Promise<T> {
  const daemon = startConsoleDaemon(impl, dir, setup);
  try {
    return await scenario(daemon);
  } catch (error) {
    throw withOutput(error, impl, daemon.proc.output);
  } finally {
    await daemon.dispose();
  }
}

/** Runs the same scenario on ours and on keepalived at once, in a directory of their own. */
export async function sideBySide<T>(scenario: (impl: ConsoleImpl, dir: string) => Promise<T>): Promise<{ readonly ours: T; readonly theirs: T }> {
  const dir = mkdtempSync(join(tmpdir(), 'kt-side-by-side-'));
  try {
    const [ours, theirs] = await Promise.all([scenario('ours', dir), scenario('keepalived', dir)]);
    return { ours, theirs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
