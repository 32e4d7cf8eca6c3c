/**
 * The tracked objects of a running daemon across reloads: one tracker per vrrp_script,
 * track_file and vrrp_track_process that some instance or sync group tracks (createTrackers over
 * that single definition), diffed on every update. An object whose definition is unchanged keeps
 * running (its rise/fall count, last value and quorum carry over, so a reload causes no flap); a
 * changed one is restarted, a new one started, an unused one stopped.
 *
 * Listeners subscribe to the pool by key and survive those replacements. A restarted object
 * keeps its last known state until its new tracker reports (no "unknown" in between).
 */
import type { VrrpConfig } from '../../config/model/vrrp.js';
import type { TrackedState } from '../../machines/tracking.js';
import { trackedKey, type TrackerKind } from '../../machines/tracking/refs.js';
import { createTrackers, type TrackedListener, type TrackerPorts, type Trackers } from './trackers.js';

export interface TrackerPool {
  /**
   * Starts, restarts and stops trackers for `config`; resolves once the new ones are ready.
   * `context` is part of every definition's identity: a change (e.g. script_user or
   * enable_script_security, which decide how scripts are prepared) restarts them all.
   */
  update(config: VrrpConfig, context?: string): Promise<void>;
  /**
   * track_file's init_file, at daemon start only (keepalived does not write the files again on
   * reload, overwrite or not): the value and a newline, into each file that is missing, or into
   * every one that says overwrite.
   */
  initialiseFiles(config: VrrpConfig): void;
  subscribe(key: string, listener: TrackedListener): () => void;
  states(): Readonly<Record<string, TrackedState>>;
  tracks(key: string): boolean;
  /** Files read and processes scanned, for the trackers of the last update. */
  readonly ready: Promise<void>;
  stop(): void;
}

interface Entry {
  readonly definition: string;
  readonly trackers: Trackers;
  readonly unsubscribe: () => void;
}

type Definition = { readonly name: string; readonly position?: unknown };

/** A definition's identity for diffing (its place in the file does not matter). */
function definitionKey(definition: Definition): string {
  const { position: _position, ...rest } = definition;
  return JSON.stringify(rest, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && 'position' in value) {
      const { position: _p, ...inner } = value as Record<string, unknown>;
      return inner;
    }
    return value;
  });
}

function usedBy(config: VrrpConfig, pick: 'trackScripts' | 'trackFiles' | 'trackProcesses'): Set<string> {
  return new Set([...config.instances, ...config.syncGroups].flatMap((owner) => owner[pick].map((ref) => ref.name)));
}

export function createTrackerPool(ports: TrackerPorts, create: typeof createTrackers = createTrackers): TrackerPool {
  const entries = new Map<string, Entry>();
  const listeners = new Map<string, Set<TrackedListener>>();
  const states: Record<string, TrackedState> = {};
  let ready: Promise<void> = Promise.resolve();

  const publish = (key: string, state: TrackedState | undefined): void => {
    if (state === undefined) return;
    const previous = states[key];
    if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(state)) return;
    states[key] = state;
    for (const listener of [...(listeners.get(key) ?? [])]) listener(state);
  };

  const startEntry = (config: VrrpConfig, kind: TrackerKind, definition: Definition, context: string): Entry => {
    const key = trackedKey(kind, definition.name);
    // The whole VRRP config (so "is it used" is answered as usual), with only this definition.
    const single: VrrpConfig = {
      ...config,
      scripts: kind === 'script' ? config.scripts.filter((s) => s === definition) : [],
      trackFiles: kind === 'file' ? config.trackFiles.filter((f) => f === definition) : [],
      trackProcesses: kind === 'process' ? config.trackProcesses.filter((p) => p === definition) : [],
    };
    const trackers = create(ports, single);
    const unsubscribe = trackers.subscribe(key, (state) => publish(key, state));
    publish(key, trackers.states()[key]);
    return { definition: context + definitionKey(definition), trackers, unsubscribe };
  };

  const stopEntry = (entry: Entry): void => {
    entry.unsubscribe();
    entry.trackers.stop();
  };

  return {
    async update(config, context = '') {
      const wanted = new Map<string, { kind: TrackerKind; definition: Definition }>();
      const scripts = usedBy(config, 'trackScripts');
      const files = usedBy(config, 'trackFiles');
      const processes = usedBy(config, 'trackProcesses');
      for (const s of config.scripts) if (scripts.has(s.name)) wanted.set(trackedKey('script', s.name), { kind: 'script', definition: s });
      for (const f of config.trackFiles) if (files.has(f.name)) wanted.set(trackedKey('file', f.name), { kind: 'file', definition: f });
      for (const p of config.trackProcesses) if (processes.has(p.name)) wanted.set(trackedKey('process', p.name), { kind: 'process', definition: p });

      for (const [key, entry] of [...entries]) {
        const next = wanted.get(key);
        if (next !== undefined && context + definitionKey(next.definition) === entry.definition) continue;
        stopEntry(entry);
        entries.delete(key);
        if (next === undefined) delete states[key];
      }
      for (const [key, { kind, definition }] of wanted) {
        if (!entries.has(key)) entries.set(key, startEntry(config, kind, definition, context));
      }
      ready = Promise.all([...entries.values()].map((entry) => entry.trackers.ready)).then(() => {
        // Values read while starting (files, the process scan) are published by the trackers; pick
        // up any that arrived before our subscription.
        for (const [key, entry] of entries) publish(key, entry.trackers.states()[key]);
      });
      await ready;
    },

    initialiseFiles(config) {
      for (const track of config.trackFiles) {
        if (track.initFile === undefined || track.file === undefined) continue;
        const failure = ports.files.initialise(track.file, `${track.initFile.value}\n`, track.initFile.overwrite);
        if (failure !== undefined) ports.logger.error(`track_file ${track.name}: cannot initialise ${track.file} - ${failure}`);
      }
    },

    subscribe(key, listener) {
      const set = listeners.get(key) ?? new Set<TrackedListener>();
      set.add(listener);
      listeners.set(key, set);
      return () => set.delete(listener);
    },

    states: () => ({ ...states }),

    tracks: (key) => entries.get(key)?.trackers.tracks(key) ?? false,

    get ready() {
      return ready;
    },

    stop() {
      for (const entry of entries.values()) stopEntry(entry);
      entries.clear();
      listeners.clear();
    },
  };
}
