import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../src/sim/virtual-time.js';
import { MemoryScriptRunner } from '../../../src/sim/tracking/memory-scripts.js';
import { MemoryFileWatcher, MemoryProcessWatcher } from '../../../src/sim/tracking/memory-watchers.js';
import { createTrackers, type TrackerPorts } from '../../../src/actors/tracking/trackers.js';
import { emptyVrrpConfig, type VrrpConfig } from '../../../src/config/model/vrrp.js';
import type { TrackProcess, TrackRef, VrrpScript } from '../../../src/config/model/vrrp/tracking.js';
import type { VrrpInstance } from '../../../src/config/model/vrrp/instance.js';
import type { TrackedState } from '../../../src/machines/tracking.js';
import type { Logger } from '../../../src/ports/logger.js';

const position = { file: 'k.conf', line: 1 } as never;
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

function ref(name: string): TrackRef {
  return { name, weight: undefined, reverse: false, position };
}

function script(name: string, overrides: Partial<VrrpScript> = {}): VrrpScript {
  return {
    name, script: { command: `/chk/${name}`, position }, intervalMs: 1000, timeoutMs: undefined, weight: 0,
    weightReverse: false, rise: 1, fall: 1, user: undefined, group: undefined, initFail: false, position, ...overrides,
  };
}

function configWith(parts: Partial<VrrpConfig>, tracks: Partial<Pick<VrrpInstance, 'trackScripts' | 'trackFiles' | 'trackProcesses'>>): VrrpConfig {
  const instance = { trackScripts: [], trackFiles: [], trackProcesses: [], ...tracks } as unknown as VrrpInstance;
  return { ...emptyVrrpConfig(), ...parts, instances: [instance] };
}

function harness() {
  const clock = new VirtualClock();
  const scripts = new MemoryScriptRunner(clock);
  const files = new MemoryFileWatcher();
  const processes = new MemoryProcessWatcher();
  const ports: TrackerPorts = {
    clock, logger: quiet, scripts, files, processes,
    prepareScript: (s) => ({ ok: true, spec: { argv: [s.script?.command ?? ''], commandLine: s.script?.command ?? '', uid: 0, gid: 0, timeoutMs: s.timeoutMs ?? s.intervalMs } }),
  };
  /** Advances virtual time in steps, letting script outcomes (promises) land between them. */
  const drain = async (): Promise<void> => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  };
  const advance = async (ms: number): Promise<void> => {
    const target = clock.nowMs() + ms;
    await drain();
    for (;;) {
      const due = clock.nextDueMs();
      if (due === undefined || due > target) break;
      clock.advanceTo(due);
      await drain();
    }
    clock.advanceTo(target);
  };
  return { clock, scripts, files, processes, ports, advance };
}

function record(trackers: ReturnType<typeof createTrackers>, key: string, clock: VirtualClock): [number, TrackedState][] {
  const seen: [number, TrackedState][] = [];
  trackers.subscribe(key, (state) => seen.push([clock.nowMs(), state]));
  return seen;
}

test('a vrrp_script runs at once then every interval; rise/fall decide the reports', async () => {
  const h = harness();
  h.scripts.script('/chk/web', { exitCode: 0 }, { exitCode: 1 }, { exitCode: 1 }, { exitCode: 0 }, { exitCode: 0 }, { exitCode: 0 });
  const trackers = createTrackers(h.ports, configWith({ scripts: [script('web', { rise: 2, fall: 2 })] }, { trackScripts: [ref('web')] }));
  const seen = record(trackers, 'script:web', h.clock);
  await h.advance(5500);
  trackers.stop();
  // t=0 success (one is enough at start) → up; t=1000,2000 fail → down at 2000; t=3000,4000 succeed → up at 4000.
  assert.deepEqual(seen, [[0, { up: true }], [2000, { up: false }], [4000, { up: true }]]);
  assert.equal(h.scripts.runs.length, 6);
});

test('init_fail starts down; a timeout counts as a failure; a still running script skips its turn', async () => {
  const h = harness();
  h.scripts.script('/chk/slow', { exitCode: 0 }, { hang: true }, { exitCode: 0, durationMs: 1500 }, { exitCode: 0 });
  const trackers = createTrackers(h.ports, configWith({ scripts: [script('slow', { initFail: true, timeoutMs: 500 })] }, { trackScripts: [ref('slow')] }));
  assert.deepEqual(trackers.states()['script:slow'], { up: false });
  const seen = record(trackers, 'script:slow', h.clock);
  await h.advance(4500);
  trackers.stop();
  // t=0 ok → up; t=1000 hangs, timed out at 1500 → down; t=2000 runs 1500 ms (timeout at 2500 → failure, no change);
  // t=3000 runs again (previous one timed out) and succeeds → up.
  assert.deepEqual(seen, [[0, { up: true }], [1500, { up: false }], [3000, { up: true }]]);
});

test('a hung script with the default timeout (the interval) is killed as its next turn comes and still runs every interval', async () => {
  const h = harness();
  h.scripts.script('/chk/hung', { hang: true }, { hang: true }, { hang: true }, { hang: true }, { exitCode: 0 });
  const skipped: string[] = [];
  const logger: Logger = { ...quiet, info: (message) => void (message.includes('skipping run') && skipped.push(message)), child: () => logger };
  const startedMs: number[] = [];
  const scripts = { run: (spec: Parameters<typeof h.scripts.run>[0]) => (startedMs.push(h.clock.nowMs()), h.scripts.run(spec)) };
  const trackers = createTrackers({ ...h.ports, logger, scripts }, configWith({ scripts: [script('hung')] }, { trackScripts: [ref('hung')] }));
  const seen = record(trackers, 'script:hung', h.clock);
  await h.advance(4500);
  trackers.stop();
  // As keepalived: a run at every turn (t=0, 1000, 2000, 3000, 4000), none skipped; the fifth succeeds.
  assert.deepEqual(startedMs, [0, 1000, 2000, 3000, 4000]);
  assert.deepEqual(skipped, []);
  assert.deepEqual(seen, [[1000, { up: false }], [4000, { up: true }]]);
});

test('only tracked scripts run', async () => {
  const h = harness();
  const trackers = createTrackers(h.ports, configWith({ scripts: [script('a'), script('b')] }, { trackScripts: [ref('b')] }));
  await h.advance(100);
  trackers.stop();
  assert.deepEqual(h.scripts.runs.map((r) => r.argv[0]), ['/chk/b']);
});

test('track_file values are published as read, missing file as 0', async () => {
  const h = harness();
  h.files.set('/t/f', ' 0x10\n');
  const config = configWith({ trackFiles: [{ name: 'f', file: '/t/f', weight: 1, weightReverse: false, initFile: undefined, position }] }, { trackFiles: [ref('f')] });
  const trackers = createTrackers(h.ports, config);
  await trackers.ready;
  assert.deepEqual(trackers.states()['file:f'], { value: 16 });
  const seen = record(trackers, 'file:f', h.clock);
  h.files.set('/t/f', '-300');
  h.files.set('/t/f', '-300');
  h.files.set('/t/f', undefined);
  trackers.stop();
  assert.deepEqual(seen.map(([, s]) => s), [{ value: -254 }, { value: 0 }]);
});

test('track_process quorum with fork and terminate delays', async () => {
  const h = harness();
  const process: TrackProcess = {
    name: 'web', process: 'nginx', params: undefined, paramMatch: 'exact', quorum: 2, quorumMax: 3, weight: 0,
    weightReverse: false, forkDelayMs: 500, terminateDelayMs: 1000, fullCommand: false, position,
  };
  const master = h.processes.start({ comm: 'nginx', argv: ['nginx'] });
  const trackers = createTrackers(h.ports, configWith({ trackProcesses: [process] }, { trackProcesses: [ref('web')] }));
  await trackers.ready;
  assert.deepEqual(trackers.states()['process:web'], { up: false });
  const seen = record(trackers, 'process:web', h.clock);
  const worker = h.processes.start({ comm: 'nginx', argv: ['nginx'] }, master); // a fork: up after 500 ms
  await h.advance(400);
  assert.equal(seen.length, 0);
  await h.advance(200);
  assert.deepEqual(seen, [[500, { up: true }]]);
  h.processes.stop(worker); // down after 1000 ms unless a new worker comes
  await h.advance(500);
  h.processes.start({ comm: 'nginx', argv: ['nginx'] }, master);
  await h.advance(2000);
  assert.equal(seen.length, 1);
  h.processes.start({ comm: 'nginx', argv: ['nginx'] }, master);
  h.processes.start({ comm: 'nginx', argv: ['nginx'] }); // 4 > quorum_max: straight down (not a fork)
  await h.advance(100);
  trackers.stop();
  assert.deepEqual(seen.map(([, s]) => s), [{ up: true }, { up: false }]);
});
