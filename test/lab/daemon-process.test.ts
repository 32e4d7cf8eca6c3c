/**
 * The daemon's process model on a real host, in a namespace of its own: `keepalived-ts -n -l`
 * runs a parent and a VRRP child (the real VRRP subsystem over a veth pair), writes both pid
 * files, writes the stats file on SIGUSR2, reloads on SIGHUP, respawns a SIGKILLed child after
 * ~1 s under a new pid (or, with -R, stops), refuses a second daemon on the same pid file, stops
 * cleanly on SIGTERM (exit 0, pid files gone, VIP removed), and without -n returns at once while
 * the daemon runs on detached. Report files go to a private directory (KEEPALIVED_TS_TMP_DIR).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as UnixDgramModule from 'unix-dgram';
import { labUnavailable, Netns } from '../support/lab.js';

const unavailable = labUnavailable(['ip']);
const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = join(root, 'src/cli/main.ts');

const config = `global_defs {
  router_id lab_daemon
}
vrrp_instance VI_1 {
  state BACKUP
  interface d0
  virtual_router_id 61
  priority 100
  advert_int 1
  virtual_ipaddress {
    10.61.0.100/24
  }
}
`;

/** One daemon command run inside the namespace, with its output and exit status. */
class Run {
  readonly proc: ChildProcess;
  output = '';
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(ns: Netns, dir: string, args: readonly string[], env: readonly string[] = []) {
    // `ip netns exec` and `env` exec in place: the pid is the daemon's parent process.
    this.proc = spawn('ip', ['netns', 'exec', ns.name, 'env', `KEEPALIVED_TS_TMP_DIR=${dir}`, ...env, process.execPath, '--import', 'tsx', entry, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout?.on('data', (b: Buffer) => (this.output += b.toString()));
    this.proc.stderr?.on('data', (b: Buffer) => (this.output += b.toString()));
    this.exit = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  signal(signal: NodeJS.Signals): void {
    this.proc.kill(signal);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

describe('daemon process model', { skip: unavailable }, () => {
  let ns: Netns;
  let dir: string;
  const runs: Run[] = [];
  const args = (extra: readonly string[] = []) => ['-l', '-D', '-f', join(dir, 'k.conf'), '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), ...extra];
  const start = (extra: readonly string[], env: readonly string[] = []) => {
    const run = new Run(ns, dir, args(extra), env);
    runs.push(run);
    return run;
  };

  before(() => {
    ns = new Netns('ktsd');
    dir = mkdtempSync(join(tmpdir(), 'kts-daemon-'));
    writeFileSync(join(dir, 'k.conf'), config);
    ns.run('ip', ['link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1']);
    ns.run('ip', ['addr', 'add', '10.61.0.1/24', 'dev', 'd0']);
    ns.run('ip', ['link', 'set', 'd0', 'up']);
    ns.run('ip', ['link', 'set', 'd1', 'up']);
  });

  after(async () => {
    for (const run of runs) if (run.proc.exitCode === null && run.proc.signalCode === null) run.signal('SIGKILL');
    ns.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('-n: parent + VRRP child, pid files, SIGUSR2, SIGHUP, respawn, second daemon refused, SIGTERM', async () => {
    // systemd's notify socket (a path socket works across network namespaces).
    const notified: string[] = [];
    const unixDgram = createRequire(import.meta.url)('unix-dgram') as typeof UnixDgramModule;
    const notifySocket = unixDgram.createSocket('unix_dgram', (msg: Buffer) => void notified.push(msg.toString()));
    notifySocket.bind(join(dir, 'notify'));
    after(() => notifySocket.close());
    const run = start(['-n'], [`NOTIFY_SOCKET=${join(dir, 'notify')}`]);
    const parentPid = await until('parent pid file', () => readPid(join(dir, 'k.pid')));
    assert.equal(parentPid, run.proc.pid);
    const vrrpPid = await until('VRRP pid file', () => readPid(join(dir, 'v.pid')));
    assert.equal(parentOf(vrrpPid), parentPid, 'the VRRP child is the parent\'s child');
    await until('start-up', () => run.output.includes('Startup complete'));
    await until('READY=1', () => notified.includes('READY=1'));
    assert.match(run.output, /Starting Keepalived v2\.2\.7 \(keepalived-ts/);
    assert.match(run.output, new RegExp(`Starting VRRP child process, pid=${vrrpPid}`));

    run.signal('SIGUSR2');
    const stats = await until('stats file', () => existsSync(join(dir, 'keepalived.stats')) && readFileSync(join(dir, 'keepalived.stats'), 'utf8'));
    assert.match(stats, /^VRRP Instance: VI_1\n {2}Advertisements:\n {4}Received: \d+\n {4}Sent: \d+\n/);
    assert.match(run.output, /Printing VRRP stats for process\(\d+\) on signal/);

    run.signal('SIGHUP');
    await until('reload', () => run.output.includes('Reload complete'));
    assert.match(run.output, /Reloading \.\.\./);
    await until('READY=1 after the reload', () => notified.length >= 3);
    assert.deepEqual(notified, ['READY=1', 'RELOADING=1', 'READY=1']);

    const second = start(['-n']);
    assert.deepEqual(await second.exit, { code: 0, signal: null });
    assert.match(second.output, /daemon is already running/);
    assert.doesNotMatch(second.output, /Stopped Keepalived/);

    const killedAt = Date.now();
    process.kill(vrrpPid, 'SIGKILL');
    const respawned = await until('respawned VRRP child', () => {
      const pid = readPid(join(dir, 'v.pid'));
      return pid !== undefined && pid !== vrrpPid ? pid : undefined;
    });
    assert.ok(Date.now() - killedAt >= 900, 'respawn waits about a second');
    assert.equal(parentOf(respawned), parentPid);
    assert.match(run.output, new RegExp(`pid ${vrrpPid} exited due to signal 9 \\(Killed\\)`));
    assert.match(run.output, /VRRP child process\(\d+\) died: Respawning/);
    assert.match(run.output, /Restart of VRRP process delayed 1 seconds to limit respawn rate/);
    await until('respawned child up', () => run.output.split('Startup complete').length > 2);

    run.signal('SIGTERM');
    assert.deepEqual(await run.exit, { code: 0, signal: null });
    await until('VRRP child gone', () => !alive(respawned));
    assert.ok(!existsSync(join(dir, 'k.pid')) && !existsSync(join(dir, 'v.pid')), 'pid files removed');
    assert.match(run.output, /Stopping[\s\S]*Stopped Keepalived v2\.2\.7/);
    assert.equal(notified.at(-1), 'STOPPING=1');
    assert.doesNotMatch(ns.run('ip', ['addr', 'show', 'd0']).stdout, /10\.61\.0\.100/);
  });

  it('-R: the parent stops when the VRRP child dies', async () => {
    const run = start(['-n', '-R']);
    const vrrpPid = await until('VRRP pid file', () => readPid(join(dir, 'v.pid')));
    await until('start-up', () => run.output.includes('Startup complete'));
    process.kill(vrrpPid, 'SIGKILL');
    assert.deepEqual(await run.exit, { code: 0, signal: null });
    assert.match(run.output, new RegExp(`VRRP child process\\(${vrrpPid}\\) died: Exiting`));
    assert.ok(!existsSync(join(dir, 'k.pid')) && !existsSync(join(dir, 'v.pid')));
  });

  it('without -n the command returns and the daemon runs detached', async () => {
    const launcher = start([]);
    assert.deepEqual(await launcher.exit, { code: 0, signal: null });
    const parentPid = readPid(join(dir, 'k.pid'));
    assert.ok(parentPid !== undefined && alive(parentPid), 'the daemon is up when the command returns');
    assert.notEqual(parentPid, launcher.proc.pid);
    const vrrpPid = await until('VRRP pid file', () => readPid(join(dir, 'v.pid')));
    assert.equal(parentOf(vrrpPid), parentPid);
    process.kill(parentPid, 'SIGTERM');
    await until('detached daemon gone', () => !alive(parentPid) && !alive(vrrpPid));
    assert.ok(!existsSync(join(dir, 'k.pid')) && !existsSync(join(dir, 'v.pid')));
  });
});
