/**
 * The tracked objects of the VRRP configuration, running: vrrp_script checks, track_file
 * watchers and vrrp_track_process quorums, each publishing its state under the key the instance
 * machine knows it by (machines/tracking/refs.ts: "script:NAME", "file:NAME", "process:NAME").
 *
 * For the VRRP subsystem:
 *
 *   const trackers = createTrackers(ports, config.vrrp);
 *   // Initial states, for InstanceParams.initialTracked (init_fail scripts down, file values,
 *   // the start-up process scan once `ready` resolves):
 *   await trackers.ready;
 *   const initial = trackers.states();
 *   const off = trackers.subscribe('script:chk_web', (state) => send({ type: 'TRACKED', name: 'script:chk_web', state }));
 *   ...
 *   off(); trackers.stop();
 *
 * A listener is called on every change after it subscribed (not with the current state: read
 * states() for that). As in keepalived, only objects that some instance or sync group tracks
 * run at all, and a script refused by the security checks never reports (keepalived drops it
 * from tracking).
 */
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { ScriptRunner, ScriptSpec } from '../../ports/scripts.js';
import type { FileWatcher, ProcessPattern, ProcessWatcher, Subscription } from '../../ports/tracking.js';
import type { VrrpConfig } from '../../config/model/vrrp.js';
import type { TrackProcess, VrrpScript } from '../../config/model/vrrp/tracking.js';
import type { TrackedState } from '../../machines/tracking.js';
import { statusState, trackedKey, valueState } from '../../machines/tracking/refs.js';
import { trackFileValue } from '../../machines/tracking/file-value.js';
import { initialQuorum, stepQuorum, type QuorumParams, type QuorumState } from '../../machines/tracking/process-quorum.js';
import { startScriptChecker } from './script-checker.js';

/** Turns a vrrp_script into what the runner runs, after keepalived's user and security checks (src/io/scripts/prepare.ts). */
/** A refusal already logged in keepalived's own words (`logged`) is not logged again. */
export type ScriptPreparer = (
  script: VrrpScript,
) => { readonly ok: true; readonly spec: ScriptSpec } | { readonly ok: false; readonly reason: string; readonly logged?: boolean };

export interface TrackerPorts {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scripts: ScriptRunner;
  readonly prepareScript: ScriptPreparer;
  readonly files: FileWatcher;
  readonly processes: ProcessWatcher;
}

export type TrackedListener = (state: TrackedState) => void;

export interface Trackers {
  /** Listens to one tracked object's changes; returns the unsubscribe function. */
  subscribe(key: string, listener: TrackedListener): () => void;
  /** Known states by key (objects without a result yet are absent: the machine takes them as up). */
  states(): Readonly<Record<string, TrackedState>>;
  /** Whether the object runs at all (false for one nothing tracks, or a script refused by the checks). */
  tracks(key: string): boolean;
  /** Resolves once every file has been read and the process scan is done. */
  readonly ready: Promise<void>;
  stop(): void;
}

function usedNames(config: VrrpConfig, pick: 'trackScripts' | 'trackFiles' | 'trackProcesses'): Set<string> {
  return new Set([...config.instances, ...config.syncGroups].flatMap((owner) => owner[pick].map((ref) => ref.name)));
}

function quorumParams(process: TrackProcess): QuorumParams {
  return {
    quorum: process.quorum,
    quorumMax: process.quorumMax,
    forkDelayMs: process.forkDelayMs ?? 0,
    terminateDelayMs: process.terminateDelayMs ?? 0,
  };
}

function patternOf(process: TrackProcess): ProcessPattern | undefined {
  if (process.process === undefined) return undefined;
  return {
    name: process.name,
    process: process.process,
    params: process.params === undefined ? undefined : process.params.split(' ').filter((word) => word !== ''),
    paramMatch: process.paramMatch,
    fullCommand: process.fullCommand,
  };
}

export function createTrackers(ports: TrackerPorts, config: VrrpConfig): Trackers {
  const { clock, logger } = ports;
  const listeners = new Map<string, Set<TrackedListener>>();
  const states: Record<string, TrackedState> = {};
  const stops: (() => void)[] = [];
  const running = new Set<string>();

  const publish = (key: string, state: TrackedState): void => {
    const previous = states[key];
    if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(state)) return;
    states[key] = state;
    for (const listener of listeners.get(key) ?? []) listener(state);
  };

  // vrrp_script
  const scripts = usedNames(config, 'trackScripts');
  for (const script of config.scripts.filter((s) => scripts.has(s.name))) {
    const key = trackedKey('script', script.name);
    const prepared = ports.prepareScript(script);
    if (!prepared.ok) {
      if (prepared.logged !== true) logger.error(`VRRP_Script(${script.name}) will not be run: ${prepared.reason}`);
      continue;
    }
    if (script.initFail) states[key] = statusState(false);
    running.add(key);
    const checker = startScriptChecker({
      name: script.name,
      spec: prepared.spec,
      intervalMs: script.intervalMs,
      rise: script.rise,
      fall: script.fall,
      initFail: script.initFail,
      clock,
      runner: ports.scripts,
      logger: logger.child({ script: script.name }),
      onStatus: (up) => publish(key, statusState(up)),
    });
    stops.push(() => checker.stop());
  }

  // track_file
  const files = usedNames(config, 'trackFiles');
  const fileReads: Promise<void>[] = [];
  for (const file of config.trackFiles.filter((f) => files.has(f.name) && f.file !== undefined)) {
    const key = trackedKey('file', file.name);
    running.add(key);
    let first: (() => void) | undefined;
    fileReads.push(new Promise<void>((resolve) => (first = resolve)));
    const subscription: Subscription = ports.files.watch(file.file ?? '', (text) => {
      publish(key, valueState(trackFileValue(text)));
      first?.();
      first = undefined;
    });
    stops.push(() => {
      subscription.close();
      first?.();
    });
  }

  // vrrp_track_process
  const processNames = usedNames(config, 'trackProcesses');
  const processes = config.trackProcesses.filter((p) => processNames.has(p.name));
  const quorums = new Map<string, { params: QuorumParams; state: QuorumState; timer: TimerHandle | undefined; scanned: boolean }>();
  const patterns: ProcessPattern[] = [];
  for (const process of processes) {
    const pattern = patternOf(process);
    if (pattern === undefined) continue;
    patterns.push(pattern);
    running.add(trackedKey('process', process.name));
    quorums.set(process.name, { params: quorumParams(process), state: initialQuorum(quorumParams(process), 0), timer: undefined, scanned: false });
  }
  let scanDone: () => void = () => undefined;
  const scanned = new Promise<void>((resolve) => (scanDone = resolve));
  if (patterns.length > 0) {
    let scanning = true;
    const apply = (name: string, input: Parameters<typeof stepQuorum>[2]): void => {
      const entry = quorums.get(name);
      if (entry === undefined) return;
      const step = stepQuorum(entry.params, entry.state, input);
      entry.state = step.state;
      if (step.timer !== undefined && entry.timer !== undefined) {
        clock.clearTimer(entry.timer);
        entry.timer = undefined;
      }
      if (step.timer !== undefined && step.timer !== 'cancel') entry.timer = clock.setTimer(step.timer.armMs, () => {
        entry.timer = undefined;
        apply(name, { kind: 'timer' });
      });
      if (scanning) return;
      if (step.report !== undefined) logger.info(`Process ${name} ${step.report ? 'gained' : 'lost'} quorum`);
      publish(trackedKey('process', name), statusState(step.state.up));
    };
    const subscription = ports.processes.watch(
      patterns,
      (event) => apply(event.name, event.kind === 'added' ? { kind: 'added', cause: event.cause } : { kind: 'removed' }),
      () => {
        // What was already running is the starting state: publish it all at once, no delay applies.
        scanning = false;
        for (const [name, entry] of quorums) publish(trackedKey('process', name), statusState(entry.state.up));
        scanDone();
      },
    );
    stops.push(() => subscription.close());
  } else {
    scanDone();
  }

  return {
    subscribe(key, listener) {
      const set = listeners.get(key) ?? new Set<TrackedListener>();
      set.add(listener);
      listeners.set(key, set);
      return () => set.delete(listener);
    },
    states: () => ({ ...states }),
    tracks: (key) => running.has(key),
    ready: Promise.all([...fileReads, scanned]).then(() => undefined),
    stop() {
      for (const stop of stops.splice(0)) stop();
      for (const entry of quorums.values()) if (entry.timer !== undefined) clock.clearTimer(entry.timer);
      listeners.clear();
    },
  };
}
