import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Watchdog, PERMANENT_ERROR_EXIT, type ChildCallbacks, type ChildHandle, type ChildLauncher } from '../../../src/cli/daemon/watchdog.js';
import type { ParentMessage } from '../../../src/cli/daemon/ipc.js';
import { describeChildExit } from '../../../src/cli/daemon/child-exit.js';
import { RespawnBackoff } from '../../../src/supervisor/respawn.js';
import { VirtualClock } from '../../../src/sim/virtual-time.js';
import { createLogger, memorySink } from '../../../src/logging/logger.js';

interface FakeChild extends ChildHandle {
  readonly callbacks: ChildCallbacks;
  readonly sent: ParentMessage[];
  readonly signals: NodeJS.Signals[];
}

function setup(respawn = true) {
  const clock = new VirtualClock();
  const sink = memorySink();
  const logger = createLogger({ subsystem: 'parent', clock: () => 0, sink });
  const children: FakeChild[] = [];
  let nextPid = 100;
  const launcher: ChildLauncher = {
    launch(_subsystem, callbacks) {
      const child: FakeChild = { pid: nextPid++, callbacks, sent: [], signals: [], send(m) { this.sent.push(m); }, kill(s) { this.signals.push(s); } };
      children.push(child);
      return child;
    },
  };
  const terminated: number[] = [];
  const died: number[] = [];
  const watchdog = new Watchdog({
    subsystem: 'vrrp',
    launcher,
    clock,
    backoff: new RespawnBackoff(clock, { respawn }),
    logger,
    events: { terminate: (c) => void terminated.push(c), died: (pid) => void died.push(pid) },
  });
  const lines = () => sink.records.map((r) => r.message);
  return { clock, watchdog, children, terminated, died, lines };
}

test('describeChildExit words exits as keepalived 2.2.7', () => {
  assert.deepEqual(describeChildExit(5, { code: 4, signal: null }), { lines: ['pid 5 exited with permanent error CONFIG. Terminating'], permanent: true });
  assert.deepEqual(describeChildExit(5, { code: 3, signal: null }).lines, ['pid 5 exited with permanent error FATAL. Terminating']);
  assert.deepEqual(describeChildExit(5, { code: 1, signal: null }), { lines: ['pid 5 exited with status 1'], permanent: false });
  assert.deepEqual(describeChildExit(5, { code: null, signal: 'SIGKILL' }).lines, ['pid 5 exited due to signal 9 (Killed) - has rlimit_rttime been exceeded?']);
  assert.deepEqual(describeChildExit(5, { code: null, signal: 'SIGTERM' }).lines, ['pid 5 exited due to signal 15 (Terminated)']);
  assert.equal(describeChildExit(5, { code: null, signal: 'SIGSEGV' }).lines[0], 'pid 5 exited due to segmentation fault (SIGSEGV).');
});

test('a killed child is respawned after 1 s, then 2 s', () => {
  const { clock, watchdog, children, died, lines } = setup();
  watchdog.start();
  assert.equal(watchdog.pid, 100);
  children[0]!.callbacks.exit({ code: null, signal: 'SIGKILL' });
  assert.deepEqual(died, [100]);
  assert.equal(watchdog.pid, undefined);
  assert.deepEqual(lines().slice(1, 4), ['pid 100 exited due to signal 9 (Killed) - has rlimit_rttime been exceeded?', 'VRRP child process(100) died: Respawning', '  Please log an issue at https://github.com/acassen/keepalived/issues/']);
  assert.ok(lines().includes('Restart of VRRP process delayed 1 seconds to limit respawn rate'));
  clock.advanceBy(999);
  assert.equal(children.length, 1);
  clock.advanceBy(1);
  assert.equal(children.length, 2);
  assert.equal(lines().at(-1), 'Starting VRRP child process, pid=101');
  children[1]!.callbacks.exit({ code: 1, signal: null });
  clock.advanceBy(1999);
  assert.equal(children.length, 2);
  clock.advanceBy(1);
  assert.equal(children.length, 3);
});

test('-R: a dead child terminates the parent with 0; a permanent error with 2', () => {
  const r = setup(false);
  r.watchdog.start();
  r.children[0]!.callbacks.exit({ code: null, signal: 'SIGKILL' });
  assert.deepEqual(r.terminated, [0]);
  assert.equal(r.lines().at(-1), 'VRRP child process(100) died: Exiting');
  const p = setup(true);
  p.watchdog.start();
  p.children[0]!.callbacks.exit({ code: 4, signal: null });
  assert.deepEqual(p.terminated, [PERMANENT_ERROR_EXIT]);
  p.clock.advanceBy(120_000);
  assert.equal(p.children.length, 1);
});

test('status, reload and stop over the channel; SIGKILL after the grace period', async () => {
  const { clock, watchdog, children, terminated } = setup();
  watchdog.start();
  const child = children[0]!;
  const status = watchdog.status('stats');
  const request = child.sent[0];
  assert.equal(request?.type, 'status-request');
  const snapshot = { instances: [], syncGroups: [] };
  if (request?.type === 'status-request') child.callbacks.message({ type: 'status', id: request.id, status: snapshot });
  assert.deepEqual(await status, snapshot);
  // Unanswered: undefined after the timeout.
  const late = watchdog.status('data');
  clock.advanceBy(5000);
  assert.equal(await late, undefined);
  const reload = watchdog.reload();
  assert.equal(child.sent.at(-1)?.type, 'reload');
  child.callbacks.message({ type: 'reloaded', ok: true });
  assert.equal(await reload, true);
  const stopped = watchdog.stop(3000);
  assert.equal(child.sent.at(-1)?.type, 'stop');
  clock.advanceBy(3000);
  assert.deepEqual(child.signals, ['SIGKILL']);
  child.callbacks.exit({ code: null, signal: 'SIGKILL' });
  await stopped;
  assert.deepEqual(terminated, [], 'a requested stop is not a death');
  clock.advanceBy(120_000);
  assert.equal(children.length, 1, 'no respawn after stop');
});
