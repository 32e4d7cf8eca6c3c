/**
 * Tracked scripts and files feeding the VRRP instances on virtual time: two routers on a
 * VirtualNetwork, each with a TrackerPool over the in-memory script runner and file watcher.
 * A weight -20 script going down lowers the master's priority and the peer preempts; rise/fall
 * counts are respected to the interval; a weight-0 script failing means FAULT; a weight-0 script
 * holds its instance in INIT until its first result; a sync group's track_script reaches every
 * member; a reload re-subscribes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import assertModule from 'node:assert';
import { Scenario, lan, silentLogger } from '../unit/actors/vrrp/harness.js';
import { loadConfig } from '../../src/config/load.js';
import { MemoryConfigHost } from '../../src/sim/memory-config-host.js';
import { createTrackerPool, type TrackerPool } from '../../src/actors/tracking/tracker-pool.js';
import type { TrackerPorts } from '../../src/actors/tracking/trackers.js';
import { MemoryFileWatcher, MemoryProcessWatcher } from '../../src/sim/tracking/memory-watchers.js';
import type { Clock } from '../../src/ports/clock.js';
import type { RunningScript, ScriptOutcome, ScriptRunner, ScriptSpec } from '../../src/ports/scripts.js';
import type { KeepalivedConfig } from '../../src/config/model/index.js';

/** The harness's parseConfig, with the check scripts present and executable (validation drops missing ones). */
function parseConfig(text: string): KeepalivedConfig {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', files: { 'keepalived.conf': text }, interfaces: ['lo', 'eth0'], hostname: 'node' });
  for (const path of ['/chk', '/chk2']) host.addFile(path, '#!/bin/sh\n', 0o755);
  const loaded = loadConfig('keepalived.conf', { configId: 'node', allConfig: false, configTest: false }, host);
  assertModule.ok([0, 13, 14, 15, 16].includes(loaded.diagnostics.status), `config refused: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.config;
}

const MAC_A = '52:54:00:00:00:0a';
const MAC_B = '52:54:00:00:00:0b';

/** Scripts whose exit code the test sets at any time (read when a run starts); each run takes `durationMs` of virtual time (default 1 ms). */
class SwitchableRunner implements ScriptRunner {
  readonly exitCodes = new Map<string, number>();
  readonly durations = new Map<string, number>();
  readonly runs: { atMs: number; program: string }[] = [];
  constructor(private readonly clock: Clock) {}

  run(spec: ScriptSpec): RunningScript {
    const program = spec.argv[0] ?? '';
    this.runs.push({ atMs: this.clock.nowMs(), program });
    const started = this.clock.nowMs();
    const exitCode = this.exitCodes.get(program) ?? 0;
    let settle: (o: ScriptOutcome) => void = () => undefined;
    const outcome = new Promise<ScriptOutcome>((resolve) => (settle = resolve));
    const timer = this.clock.setTimer(this.durations.get(program) ?? 1, () =>
      settle({ kind: 'exited', exitCode, durationMs: this.clock.nowMs() - started }));
    return { pid: 1, outcome, kill: () => { this.clock.clearTimer(timer); settle({ kind: 'signalled', signal: 'SIGKILL', durationMs: 0 }); } };
  }
}

interface Router {
  readonly pool: TrackerPool;
  readonly runner: SwitchableRunner;
  readonly files: MemoryFileWatcher;
}

function trackerPorts(s: Scenario, runner: SwitchableRunner, files: MemoryFileWatcher): TrackerPorts {
  return {
    clock: s.clock,
    logger: silentLogger,
    scripts: runner,
    files,
    processes: new MemoryProcessWatcher(),
    prepareScript: (script) => {
      const line = script.script?.command ?? '';
      return { ok: true, spec: { argv: line.split(' '), commandLine: line, uid: 0, gid: 0, timeoutMs: script.timeoutMs ?? script.intervalMs } };
    },
  };
}

/** A node whose subsystem is fed by a TrackerPool (updated with the config before start). */
async function router(s: Scenario, name: string, ip: string, mac: string, config: KeepalivedConfig, setup?: (r: Router) => void): Promise<Router> {
  const runner = new SwitchableRunner(s.clock);
  const files = new MemoryFileWatcher();
  const pool = createTrackerPool(trackerPorts(s, runner, files));
  const r = { pool, runner, files };
  setup?.(r);
  const node = s.addNode(name, [lan(ip, mac)], { trackers: pool });
  await pool.update(config.vrrp);
  await node.subsystem.start(config);
  return r;
}

function config(priority: number, body: string, global = ''): KeepalivedConfig {
  return parseConfig(`global_defs {
  ${global}
}
vrrp_script chk {
  script "/chk"
  interval 1
  ${body}
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority ${priority}
  advert_int 1
  virtual_ipaddress {
    192.168.1.100/24
  }
  track_script {
    chk
  }
}
`);
}

function priorityEvents(s: Scenario, node: string): { atMs: number; priority: number }[] {
  return s.node(node).events.flatMap((e) => (e.type === 'priority' ? [{ atMs: e.atMs, priority: e.priority }] : []));
}

test('a weight -20 script going down lowers the master to 90 and the peer (100) preempts', async () => {
  const s = new Scenario();
  const a = await router(s, 'A', '192.168.1.1', MAC_A, config(110, 'weight -20\n  fall 2\n  rise 2'));
  await router(s, 'B', '192.168.1.2', MAC_B, config(100, 'weight -20\n  fall 2\n  rise 2'));
  await s.advance(6_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  const failAt = s.clock.nowMs();
  a.runner.exitCodes.set('/chk', 1);
  await s.advance(8_000);
  const drop = priorityEvents(s, 'A').find((e) => e.priority === 90);
  assert.ok(drop, s.trace.join('\n'));
  // fall 2: the second failing run (one interval after the first) moves the priority.
  assert.ok(drop.atMs > failAt + 1000 && drop.atMs <= failAt + 2001, `drop at ${drop.atMs}, failing from ${failAt}`);
  const takeover = s.transition('B', 'VI_1', 'MASTER', failAt);
  assert.ok(takeover, s.trace.join('\n'));
  assert.equal(s.state('A', 'VI_1'), 'BACKUP');
  assert.equal(s.state('B', 'VI_1'), 'MASTER');
  assert.equal(s.node('A').subsystem.status().instances[0]?.effectivePriority, 90);
  // Recovery: rise 2, then A (110 again) preempts back.
  const okAt = s.clock.nowMs();
  a.runner.exitCodes.set('/chk', 0);
  await s.advance(8_000);
  const back = priorityEvents(s, 'A').find((e) => e.priority === 110 && e.atMs > okAt);
  assert.ok(back && back.atMs > okAt + 1000 && back.atMs <= okAt + 2001, s.trace.join('\n'));
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('B', 'VI_1'), 'BACKUP');
  for (const n of ['A', 'B']) await s.node(n).subsystem.stop({ releaseVips: true });
});

test('rise and fall thresholds: priority moves only on the fall-th failure and the rise-th success', async () => {
  const s = new Scenario();
  const a = await router(s, 'A', '192.168.1.1', MAC_A, config(100, 'weight 30\n  fall 3\n  rise 4'));
  await s.advance(3_000);
  // Start: "one success is enough" (result = rise - 1): up at the first run.
  assert.deepEqual(priorityEvents(s, 'A').map((e) => e.priority), [130]);
  const failFrom = s.clock.nowMs();
  a.runner.exitCodes.set('/chk', 1);
  await s.advance(2_500);
  assert.equal(priorityEvents(s, 'A').length, 1, 'two failures are not enough');
  await s.advance(1_000);
  const down = priorityEvents(s, 'A')[1];
  assert.equal(down?.priority, 100);
  assert.ok(down !== undefined && down.atMs > failFrom + 2000 && down.atMs <= failFrom + 3001, `down at ${down?.atMs}`);
  a.runner.exitCodes.set('/chk', 0);
  const riseFrom = s.clock.nowMs();
  await s.advance(3_500);
  assert.equal(priorityEvents(s, 'A').length, 2, 'three successes are not enough');
  await s.advance(1_000);
  const up = priorityEvents(s, 'A')[2];
  assert.equal(up?.priority, 130);
  assert.ok(up !== undefined && up.atMs > riseFrom + 3000 && up.atMs <= riseFrom + 4001, `up at ${up?.atMs}`);
  // A single failure in between restarts nothing: up stays up until 3 in a row.
  a.runner.exitCodes.set('/chk', 1);
  await s.advance(1_000);
  a.runner.exitCodes.set('/chk', 0);
  await s.advance(3_000);
  assert.equal(priorityEvents(s, 'A').length, 3);
  await s.node('A').subsystem.stop({ releaseVips: true });
});

test('weight 0: a failing script puts the instance in FAULT, recovery brings it back', async () => {
  const s = new Scenario();
  const a = await router(s, 'A', '192.168.1.1', MAC_A, config(100, 'weight 0'));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  const failAt = s.clock.nowMs();
  a.runner.exitCodes.set('/chk', 1);
  await s.advance(2_000);
  const fault = s.transition('A', 'VI_1', 'FAULT', failAt);
  assert.ok(fault && fault.atMs <= failAt + 1001, s.trace.join('\n'));
  assert.match(fault.reason, /tracked script chk down/);
  assert.equal(s.node('A').node.addresses.addressesOn('eth0').includes('192.168.1.100'), false);
  a.runner.exitCodes.set('/chk', 0);
  await s.advance(6_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  await s.node('A').subsystem.stop({ releaseVips: true });
});

test('a weight-0 script without init_fail holds the instance in INIT until its first result', async () => {
  for (const exitCode of [0, 1]) {
    const s = new Scenario();
    await router(s, 'A', '192.168.1.1', MAC_A, config(100, 'weight 0\n  timeout 5'), (r) => {
      r.runner.durations.set('/chk', 2_500);
      r.runner.exitCodes.set('/chk', exitCode);
    });
    await s.advance(2_000);
    assert.equal(s.state('A', 'VI_1'), 'INIT');
    assert.deepEqual(s.node('A').events, [], 'nothing is notified while waiting');
    await s.advance(1_000);
    const first = s.node('A').events.find((e) => e.type === 'instance-state');
    assert.equal(first?.type === 'instance-state' ? first.to : undefined, exitCode === 0 ? 'BACKUP' : 'FAULT');
    assert.equal(first?.atMs, 2_500);
    await s.node('A').subsystem.stop({ releaseVips: true });
  }
  // With init_fail the script is down from the start: FAULT at once, no waiting.
  const s = new Scenario();
  await router(s, 'A', '192.168.1.1', MAC_A, config(100, 'weight 0\n  init_fail'), (r) => r.runner.durations.set('/chk', 2_500));
  await s.advance(100);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  await s.node('A').subsystem.stop({ releaseVips: true });
});

test('track_file: the value times the weight moves the priority; the sync group track_script reaches every member', async () => {
  const s = new Scenario();
  const text = `vrrp_script chk {
  script "/chk"
  interval 1
}
vrrp_track_file tf {
  file "/run/tf"
  weight -2
}
vrrp_sync_group G {
  group {
    VI_1
    VI_2
  }
  track_script {
    chk
  }
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  advert_int 1
  virtual_ipaddress {
    192.168.1.100/24
  }
  track_file {
    tf
  }
}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  priority 100
  advert_int 1
  virtual_ipaddress {
    192.168.1.101/24
  }
}
`;
  const a = await router(s, 'A', '192.168.1.1', MAC_A, parseConfig(text), (r) => r.files.set('/run/tf', '0\n'));
  await s.advance(5_000);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  assert.equal(s.state('A', 'VI_2'), 'MASTER');
  // Sync group members without sync_group_tracking_weight: weights act as 0, so the file's
  // value only matters through FAULT (value * 0 is never below -253) — keepalived ignores it.
  a.files.set('/run/tf', '5\n');
  await s.advance(1_000);
  assert.equal(s.node('A').subsystem.status().instances[0]?.effectivePriority, 100);
  // The group's script failing takes both members to FAULT.
  a.runner.exitCodes.set('/chk', 1);
  await s.advance(2_000);
  assert.equal(s.state('A', 'VI_1'), 'FAULT');
  assert.equal(s.state('A', 'VI_2'), 'FAULT');
  await s.node('A').subsystem.stop({ releaseVips: true });

  // Outside a group the file's value counts: 5 × -2 = -10.
  const s2 = new Scenario();
  const solo = text.replace(/vrrp_sync_group G \{[\s\S]*?\n\}\n/, '');
  const b = await router(s2, 'A', '192.168.1.1', MAC_A, parseConfig(solo), (r) => r.files.set('/run/tf', '0\n'));
  await s2.advance(1_000);
  b.files.set('/run/tf', '5\n');
  await s2.advance(1_000);
  assert.equal(s2.node('A').subsystem.status().instances[0]?.effectivePriority, 90);
  await s2.node('A').subsystem.stop({ releaseVips: true });
});

test('reload: a newly tracked script is subscribed; an unchanged one keeps its state', async () => {
  const s = new Scenario();
  const first = config(100, 'weight -20');
  const a = await router(s, 'A', '192.168.1.1', MAC_A, first);
  await s.advance(5_000);
  a.runner.exitCodes.set('/chk', 1);
  await s.advance(2_000);
  assert.equal(s.node('A').subsystem.status().instances[0]?.effectivePriority, 80);
  const runsBefore = a.runner.runs.length;
  // Same script, a second one added with weight -10 (failing too).
  const next = parseConfig(`vrrp_script chk {
  script "/chk"
  interval 1
  weight -20
}
vrrp_script chk2 {
  script "/chk2"
  interval 1
  weight -10
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  advert_int 1
  virtual_ipaddress {
    192.168.1.100/24
  }
  track_script {
    chk
    chk2
  }
}
`);
  a.runner.exitCodes.set('/chk2', 1);
  await a.pool.update(next.vrrp);
  await s.node('A').subsystem.reload(next);
  await s.advance(2_000);
  assert.equal(s.node('A').subsystem.status().instances[0]?.effectivePriority, 70);
  // chk kept running on its interval (no restart at the reload instant).
  const chkRuns = a.runner.runs.slice(runsBefore).filter((r) => r.program === '/chk');
  assert.equal(chkRuns.length, 2);
  assert.equal(s.state('A', 'VI_1'), 'MASTER');
  await s.node('A').subsystem.stop({ releaseVips: true });
  a.pool.stop();
});

test("track_file's init_file at start: a missing file gets the value, an existing one only with overwrite; never again on reload", async () => {
  const s = new Scenario();
  const text = (priority: number) => `vrrp_track_file kept {
  file "/run/kept"
  weight 5
  init_file 3
}
vrrp_track_file fresh {
  file "/run/fresh"
  init_file
}
vrrp_track_file forced {
  file "/run/forced"
  weight 2
  init_file -4 overwrite
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority ${priority}
  advert_int 1
  virtual_ipaddress {
    192.168.1.100/24
  }
  track_file {
    kept
    fresh
    forced
  }
}
`;
  const first = parseConfig(text(100));
  const a = await router(s, 'A', '192.168.1.1', MAC_A, first, (r) => {
    r.files.set('/run/kept', '7\n');
    r.files.set('/run/forced', '9\n');
    // What the daemon does before its first tracker update.
    r.pool.initialiseFiles(first.vrrp);
  });
  assert.equal(a.files.get('/run/kept'), '7\n');
  assert.equal(a.files.get('/run/fresh'), '0\n');
  assert.equal(a.files.get('/run/forced'), '-4\n');
  await s.advance(1_000);
  // 7 × 5 − 4 × 2 = 27 over the configured 100, said as keepalived says it.
  assert.equal(s.node('A').subsystem.status().instances[0]?.effectivePriority, 127);
  assert.ok(s.lines.includes('A: (VI_1) Changing effective priority from 100 to 127'), s.lines.join('\n'));

  // A reload: the files stay as they are; keepalived sets the priority back to the configured one
  // and adds the weights again, with a line even though nothing moved.
  a.files.set('/run/forced', '1\n');
  await s.advance(1_000);
  const next = parseConfig(text(120));
  const linesBefore = s.lines.length;
  await a.pool.update(next.vrrp);
  await s.node('A').subsystem.reload(next);
  await s.advance(1_000);
  assert.equal(a.files.get('/run/forced'), '1\n');
  assert.deepEqual(s.lines.slice(linesBefore), ['A: (VI_1) Changing effective priority from 120 to 157']);
  await s.node('A').subsystem.stop({ releaseVips: true });
});
