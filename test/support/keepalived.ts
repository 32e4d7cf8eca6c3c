/**
 * Runs Debian's keepalived (or our daemon) inside a test namespace with private pid files, so
 * parallel runs never share state, and stops it by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Netns } from './lab.js';

export class DaemonProcess {
  private readonly child: ChildProcess;
  output = '';
  private exited = false;

  constructor(ns: Netns, command: string, args: readonly string[]) {
    this.child = spawn('ip', ['netns', 'exec', ns.name, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (b: Buffer) => (this.output += b.toString()));
    this.child.stderr?.on('data', (b: Buffer) => (this.output += b.toString()));
    this.child.on('exit', () => (this.exited = true));
  }

  /** Resolves true when the process exits within `timeoutMs`, false otherwise. */
  waitExit(timeoutMs: number): Promise<boolean> {
    if (this.exited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a signal; resolves when the process has exited (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
    if (this.exited || this.child.pid === undefined) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await done;
    clearTimeout(timer);
  }
}

/** keepalived -n -l -D with only the VRRP subsystem and pid files in `dir`. */
export function startKeepalived(ns: Netns, dir: string, config: string, name = 'keepalived'): DaemonProcess {
  const conf = join(dir, `${name}.conf`);
  writeFileSync(conf, config);
  return new DaemonProcess(ns, 'keepalived', [
    '-n', '-l', '-D', '-P', '-f', conf,
    '-p', join(dir, `${name}.pid`), '-r', join(dir, `${name}_vrrp.pid`), '-c', join(dir, `${name}_checkers.pid`), '-b', join(dir, `${name}_bfd.pid`),
  ]);
}

/** Captures with tcpdump in a namespace until `count` frames or `timeoutMs`; returns the pcap path. */
export async function capture(ns: Netns, iface: string, filter: string, file: string, count: number, timeoutMs: number): Promise<string> {
  const proc = new DaemonProcess(ns, 'tcpdump', ['-i', iface, '-U', '-n', '-c', String(count), '-w', file, filter]);
  if (!(await proc.waitExit(timeoutMs))) await proc.stop('SIGINT', 2000);
  return file;
}
