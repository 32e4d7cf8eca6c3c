/**
 * Lab support: network namespaces the test creates itself, and a guard that skips lab tests when
 * the machine cannot run them — except in CI, where a missing capability is a failure.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import type { TestContext } from 'node:test';

const inCi = process.env.CI === 'true';

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Returns a reason the lab cannot run here, or undefined when it can. In CI any reason throws,
 * so the run fails instead of passing quietly.
 */
export function labUnavailable(needs: readonly string[] = ['ip']): string | undefined {
  let reason: string | undefined;
  if (process.getuid?.() !== 0) reason = 'lab tests need root (network namespaces)';
  else {
    const missing = needs.filter((cmd) => !hasCommand(cmd));
    if (missing.length > 0) reason = `lab tests need ${missing.join(', ')} installed`;
  }
  if (reason && inCi) throw new Error(`${reason} — CI must provide it (see .ci/run)`);
  return reason;
}

/** Skips the test with the reason when the lab is unavailable; returns true when it may run. */
export function requireLab(t: TestContext, needs: readonly string[] = ['ip']): boolean {
  const reason = labUnavailable(needs);
  if (reason) {
    t.skip(reason);
    return false;
  }
  return true;
}

let counter = 0;

/** A network namespace owned by one test, deleted (with its processes) by `dispose`. */
export class Netns {
  readonly name: string;
  private disposed = false;

  constructor(prefix = 'kt') {
    this.name = `${prefix}-${process.pid}-${++counter}`;
    execFileSync('ip', ['netns', 'add', this.name]);
    this.run('ip', ['link', 'set', 'lo', 'up']);
  }

  /** Runs a command inside the namespace and returns its result (never throws on exit status). */
  run(cmd: string, args: readonly string[], options: { timeoutMs?: number; cwd?: string } = {}): SpawnSyncReturns<string> {
    return spawnSync('ip', ['netns', 'exec', this.name, cmd, ...args], {
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 30_000,
      cwd: options.cwd,
    });
  }

  /** Kills every process still inside the namespace, then deletes it. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const pids = spawnSync('ip', ['netns', 'pids', this.name], { encoding: 'utf8' }).stdout ?? '';
    for (const pid of pids.split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    spawnSync('ip', ['netns', 'del', this.name], { stdio: 'ignore' });
  }
}

/**
 * Two namespaces joined by a veth pair (`a0` in `a`, `b0` in `b`), both up, with the given IPv4
 * addresses and IPv6 duplicate address detection off so link-local addresses work at once.
 */
export function vethPair(a: Netns, b: Netns, addrA: string, addrB: string): void {
  for (const ns of [a, b]) {
    ns.run('sysctl', ['-qw', 'net.ipv6.conf.default.accept_dad=0']);
    ns.run('sysctl', ['-qw', 'net.ipv6.conf.all.accept_dad=0']);
  }
  execFileSync('ip', ['link', 'add', 'a0', 'netns', a.name, 'type', 'veth', 'peer', 'name', 'b0', 'netns', b.name]);
  a.run('ip', ['addr', 'add', addrA, 'dev', 'a0']);
  b.run('ip', ['addr', 'add', addrB, 'dev', 'b0']);
  a.run('ip', ['link', 'set', 'a0', 'up']);
  b.run('ip', ['link', 'set', 'b0', 'up']);
}
