/**
 * The aggregator: the parent process's one view of the daemon. It receives, in order, what the
 * watchdogs see (subsystem started, died, respawned) and what the subsystem children send over
 * IPC (VRRP events, periodic status snapshots), and holds the single document every status
 * interface reads — socket, HTTP, metrics — so they can never disagree or reach into a child.
 *
 * It is an actor in the plain sense: messages are applied one at a time, synchronously, so a
 * reader on the same event loop always sees the state between two messages, never half of one.
 * The rendered document is cached per revision: a flood of readers costs one render per change.
 * Time comes from the Clock port (wall clock: the children's monotonic clocks mean nothing here).
 */
import type { Clock } from '../../ports/clock.js';
import type { InstanceStateName, InstanceStatus, VrrpEvent, VrrpStatus } from '../vrrp/subsystem.js';
import {
  STATUS_SCHEMA,
  STATUS_SCHEMA_VERSION,
  type Health,
  type InstanceDoc,
  type StatusDocument,
  type SubsystemDoc,
  type SyncGroupDoc,
  type TrackedObjectDoc,
  type TransitionDoc,
} from './document.js';
import { healthOf, subsystemsUp } from './health.js';

export type AggregatorMessage =
  /** The parent runs (or, after a reload, no longer runs) this subsystem. */
  | { readonly type: 'subsystem-expected'; readonly subsystem: string }
  | { readonly type: 'subsystem-removed'; readonly subsystem: string }
  | { readonly type: 'subsystem-ready'; readonly subsystem: string; readonly pid: number }
  | { readonly type: 'subsystem-died'; readonly subsystem: string; readonly pid: number }
  | { readonly type: 'vrrp-event'; readonly event: VrrpEvent }
  | { readonly type: 'vrrp-status'; readonly status: VrrpStatus }
  | { readonly type: 'stopping' };

/** What the status interfaces may read. */
export interface StatusView {
  document(): StatusDocument;
  /** The document as JSON text (cached per revision). */
  json(): string;
  /** undefined: no such instance. */
  instanceHealth(name: string): Health | undefined;
  /**
   * Calls `listener` after every message applied (the document already reflects it), until the
   * returned function is called — for pushing views (the live charts' server-sent events).
   */
  subscribe(listener: (message: AggregatorMessage) => void): () => void;
  /** Whether counters are recent (absent: always). Readers that show counters check it first… */
  isFresh?(): boolean;
  /** …and wait for this (the daemon asks its VRRP child; resolves, never rejects, within a bound). */
  refresh?(): Promise<void>;
}

interface SubsystemRecord {
  pid: number | null;
  up: boolean;
  restarts: number;
  diedUnexpectedly: boolean;
  lastStartedAt: string | null;
  lastExitAt: string | null;
}

interface InstanceRecord {
  status: Partial<InstanceStatus> & { readonly name: string; state: InstanceStateName };
  transitions: number;
  lastTransition: TransitionDoc | null;
}

export class Aggregator implements StatusView {
  readonly #clock: Clock;
  readonly #pid: number;
  readonly #startedAt: string;
  readonly #subsystems = new Map<string, SubsystemRecord>();
  readonly #instances = new Map<string, InstanceRecord>();
  readonly #groups = new Map<string, { doc: Omit<SyncGroupDoc, 'lastTransition'>; lastTransition: TransitionDoc | null }>();
  #tracked: TrackedObjectDoc[] = [];
  #stopping = false;
  #revision = 0;
  #updatedAt: string;
  #cache: { revision: number; doc: StatusDocument; json?: string } | undefined;
  readonly #listeners = new Set<(message: AggregatorMessage) => void>();

  constructor(clock: Clock, pid: number) {
    this.#clock = clock;
    this.#pid = pid;
    this.#startedAt = this.#now();
    this.#updatedAt = this.#startedAt;
  }

  tell(message: AggregatorMessage): void {
    this.#apply(message);
    this.#revision++;
    this.#updatedAt = this.#now();
    // A throwing listener is its own bug: it must not stop the others or the sender.
    for (const listener of [...this.#listeners]) {
      try {
        listener(message);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }

  subscribe(listener: (message: AggregatorMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  document(): StatusDocument {
    if (this.#cache?.revision !== this.#revision) this.#cache = { revision: this.#revision, doc: this.#render() };
    return this.#cache.doc;
  }

  json(): string {
    const doc = this.document();
    const cache = this.#cache as { json?: string };
    cache.json ??= JSON.stringify(doc);
    return cache.json;
  }

  instanceHealth(name: string): Health | undefined {
    const doc = this.document();
    const instance = doc.instances.find((i) => i.name === name);
    return instance === undefined ? undefined : healthOf([instance], doc.subsystems);
  }

  #now(): string {
    return new Date(this.#clock.wallClockMs()).toISOString(); // port-ok: formats a time taken from the Clock port
  }

  #apply(message: AggregatorMessage): void {
    switch (message.type) {
      case 'subsystem-expected':
        if (!this.#subsystems.has(message.subsystem)) {
          this.#subsystems.set(message.subsystem, { pid: null, up: false, restarts: 0, diedUnexpectedly: false, lastStartedAt: null, lastExitAt: null });
        }
        return;
      case 'subsystem-removed':
        this.#subsystems.delete(message.subsystem);
        if (message.subsystem === 'vrrp') {
          this.#instances.clear();
          this.#groups.clear();
          this.#tracked = [];
        }
        return;
      case 'subsystem-ready': {
        const record = this.#subsystem(message.subsystem);
        if (record.diedUnexpectedly) record.restarts++;
        Object.assign(record, { pid: message.pid, up: true, diedUnexpectedly: false, lastStartedAt: this.#now() });
        return;
      }
      case 'subsystem-died': {
        const record = this.#subsystem(message.subsystem);
        Object.assign(record, { pid: null, up: false, diedUnexpectedly: !this.#stopping, lastExitAt: this.#now() });
        // Its instances stopped with it: they are not Master anywhere until the respawn says so.
        if (message.subsystem === 'vrrp') {
          for (const instance of this.#instances.values()) instance.status.state = 'INIT';
          for (const group of this.#groups.values()) group.doc = { ...group.doc, state: 'INIT' };
        }
        return;
      }
      case 'vrrp-event':
        return this.#event(message.event);
      case 'vrrp-status':
        return this.#status(message.status);
      case 'stopping':
        this.#stopping = true;
        return;
    }
  }

  #subsystem(name: string): SubsystemRecord {
    this.#apply({ type: 'subsystem-expected', subsystem: name });
    return this.#subsystems.get(name) as SubsystemRecord;
  }

  #event(event: VrrpEvent): void {
    switch (event.type) {
      case 'instance-state': {
        const record = this.#instance(event.instance);
        record.status = { ...record.status, state: event.to, effectivePriority: event.priority };
        record.transitions++;
        record.lastTransition = { at: this.#now(), from: event.from, to: event.to, reason: event.reason };
        return;
      }
      case 'priority': {
        const record = this.#instance(event.instance);
        record.status = { ...record.status, effectivePriority: event.priority };
        return;
      }
      case 'group-state': {
        const group = this.#groups.get(event.group) ?? { doc: { name: event.group, state: event.to, members: [] }, lastTransition: null };
        group.doc = { ...group.doc, state: event.to };
        group.lastTransition = { at: this.#now(), from: event.from, to: event.to, reason: null };
        this.#groups.set(event.group, group);
        return;
      }
      default:
        // Supervision events are logged by the parent; nothing to show per instance.
        return;
    }
  }

  #instance(name: string): InstanceRecord {
    let record = this.#instances.get(name);
    if (!record) {
      record = { status: { name, state: 'INIT' }, transitions: 0, lastTransition: null };
      this.#instances.set(name, record);
    }
    return record;
  }

  #status(status: VrrpStatus): void {
    const seen = new Set<string>();
    for (const instance of status.instances) {
      seen.add(instance.name);
      this.#instance(instance.name).status = { ...instance };
    }
    // Instances a reload removed are gone from the child; drop them here too.
    for (const name of [...this.#instances.keys()]) if (!seen.has(name)) this.#instances.delete(name);
    const groupNames = new Set<string>();
    for (const group of status.syncGroups) {
      groupNames.add(group.name);
      const old = this.#groups.get(group.name);
      this.#groups.set(group.name, { doc: { name: group.name, state: group.state, members: [...group.members] }, lastTransition: old?.lastTransition ?? null });
    }
    for (const name of [...this.#groups.keys()]) if (!groupNames.has(name)) this.#groups.delete(name);
    if (status.tracked !== undefined) {
      this.#tracked = Object.entries(status.tracked)
        .map(([key, state]) => {
          const colon = key.indexOf(':');
          return {
            key,
            kind: colon < 0 ? 'unknown' : key.slice(0, colon),
            name: colon < 0 ? key : key.slice(colon + 1),
            up: 'up' in state ? state.up : null,
            value: 'value' in state ? state.value : null,
          };
        })
        .sort((a, b) => a.key.localeCompare(b.key));
    }
  }

  #render(): StatusDocument {
    const subsystems: SubsystemDoc[] = [...this.#subsystems.entries()].map(([name, r]) => ({
      name,
      pid: r.pid,
      up: r.up,
      restarts: r.restarts,
      lastStartedAt: r.lastStartedAt,
      lastExitAt: r.lastExitAt,
    }));
    const instances: InstanceDoc[] = [...this.#instances.values()].map(({ status: s, transitions, lastTransition }) => ({
      name: s.name,
      vrid: s.vrid ?? null,
      family: s.family ?? null,
      interface: s.interfaceName ?? null,
      state: s.state,
      basePriority: s.basePriority ?? null,
      effectivePriority: s.effectivePriority ?? null,
      masterAddress: s.masterAddress ?? null,
      masterPriority: s.masterPriority ?? null,
      syncGroup: s.syncGroup ?? null,
      vipsInstalled: s.vipsInstalled ?? false,
      lastTransition,
      transitions,
      counters: { ...(s.counters ?? {}) },
    }));
    const live = !this.#stopping && subsystemsUp(subsystems);
    const health = healthOf(instances, subsystems);
    return {
      schema: STATUS_SCHEMA,
      version: STATUS_SCHEMA_VERSION,
      revision: this.#revision,
      updatedAt: this.#updatedAt,
      daemon: { pid: this.#pid, startedAt: this.#startedAt, stopping: this.#stopping },
      health,
      live,
      ready: live && health === 'MASTER',
      subsystems,
      instances,
      syncGroups: [...this.#groups.values()].map((g) => ({ ...g.doc, lastTransition: g.lastTransition })),
      trackedObjects: this.#tracked,
    };
  }
}
