/**
 * OTP supervision as pure logic: which children to stop and start, in which order, and when to
 * give up. It knows nothing of actors; starting and stopping a child are injected operations,
 * time comes from the injected Clock. The supervisor actor (./actor.ts) drives it, and so do the
 * unit tests, directly.
 */
import type { Clock } from '../ports/clock.js';
import { RestartIntensity } from './intensity.js';
import { describeReason } from './types.js';
import type { ExitReason, Intensity, RestartType, Strategy, SupervisionEvent, SupervisionListener } from './types.js';

export interface CoreChildSpec {
  /** Unique among the supervisor's children; also the child actor's name. */
  readonly id: string;
  readonly restart: RestartType;
}

export interface ChildOps<Spec extends CoreChildSpec, Handle> {
  /** Starts (or rebuilds) the child from its spec; throwing means it could not start (a bug). */
  start(spec: Spec): Handle;
  /** Stops a running child; it will not report an exit for this handle afterwards. */
  stop(spec: Spec, handle: Handle): void;
}

export interface CoreOptions<Spec extends CoreChildSpec, Handle> {
  /** Names the supervisor in events. */
  readonly name: string;
  readonly strategy: Strategy;
  readonly intensity: Intensity;
  readonly clock: Clock;
  /** In start order. */
  readonly children: readonly Spec[];
  readonly ops: ChildOps<Spec, Handle>;
  readonly onEvent?: SupervisionListener;
}

export type CoreOutcome = { readonly kind: 'running' } | { readonly kind: 'escalate'; readonly reason: string };

const RUNNING: CoreOutcome = { kind: 'running' };

interface Child<Spec, Handle> {
  readonly spec: Spec;
  handle: Handle | undefined;
}

function shouldRestart(restart: RestartType, reason: ExitReason): boolean {
  if (restart === 'permanent') return true;
  if (restart === 'temporary') return false;
  return reason.kind === 'crash';
}

export class SupervisorCore<Spec extends CoreChildSpec, Handle> {
  readonly #options: CoreOptions<Spec, Handle>;
  readonly #intensity: RestartIntensity;
  /** In start order; temporary children leave the list once they have ended. */
  #children: Child<Spec, Handle>[];
  #terminated = false;

  constructor(options: CoreOptions<Spec, Handle>) {
    const ids = new Set(options.children.map((spec) => spec.id));
    if (ids.size !== options.children.length) throw new Error(`supervisor ${options.name}: duplicate child ids`);
    this.#options = options;
    this.#intensity = new RestartIntensity(options.clock, options.intensity);
    this.#children = options.children.map((spec) => ({ spec, handle: undefined }));
  }

  get terminated(): boolean {
    return this.#terminated;
  }

  /** Ids of the running children, in start order. */
  running(): string[] {
    return this.#children.filter((child) => child.handle !== undefined).map((child) => child.spec.id);
  }

  handleOf(id: string): Handle | undefined {
    return this.#find(id)?.handle;
  }

  /** Starts every child in order; if one cannot start, stops the started ones in reverse and escalates. */
  startAll(): CoreOutcome {
    if (this.#terminated) throw new Error(`supervisor ${this.#options.name} already terminated`);
    for (const child of this.#children) {
      const failure = this.#start(child, 'child-started');
      if (failure !== undefined) return this.#escalate(`child ${child.spec.id} failed to start: ${failure}`);
    }
    return RUNNING;
  }

  /**
   * A child ended. `handle` identifies which incarnation: an exit reported by one that was
   * already replaced or stopped by us is stale and ignored.
   */
  childExited(id: string, handle: Handle, reason: ExitReason): CoreOutcome {
    const child = this.#find(id);
    if (this.#terminated || child === undefined || child.handle !== handle) return RUNNING;
    child.handle = undefined;
    const described = describeReason(reason);
    this.#emit(reason.kind === 'crash'
      ? { kind: 'child-crashed', supervisor: this.#options.name, childId: id, reason: described, atMs: this.#now() }
      : { kind: 'child-exited', supervisor: this.#options.name, childId: id, reason: described, atMs: this.#now() });
    if (!shouldRestart(child.spec.restart, reason)) {
      if (child.spec.restart === 'temporary') this.#children = this.#children.filter((c) => c !== child);
      return RUNNING;
    }
    return this.#restart(child, described);
  }

  /** Stops every running child, last started first; the supervisor is then terminated. */
  stopAll(): void {
    this.#stopInReverse(this.#children);
    this.#terminated = true;
  }

  #restart(failed: Child<Spec, Handle>, lastReason: string): CoreOutcome {
    let exited = failed;
    let reason = lastReason;
    for (;;) {
      if (!this.#intensity.tryRecord()) {
        const { maxRestarts, periodMs } = this.#options.intensity;
        return this.#escalate(`more than ${maxRestarts} restarts within ${periodMs} ms; last: child ${exited.spec.id}: ${reason}`);
      }
      const group = this.#groupOf(exited);
      this.#stopInReverse(group);
      // Temporary siblings stopped for the group are not restarted (OTP drops them).
      const restarting = group.filter((child) => child === exited || child.spec.restart !== 'temporary');
      this.#children = this.#children.filter((child) => group.indexOf(child) < 0 || restarting.indexOf(child) >= 0);
      const failure = this.#startGroup(restarting);
      if (failure === undefined) return RUNNING;
      // A child that cannot be rebuilt counts as one more crash, so the intensity bounds the retries.
      exited = failure.child;
      reason = failure.reason;
    }
  }

  #startGroup(group: readonly Child<Spec, Handle>[]): { child: Child<Spec, Handle>; reason: string } | undefined {
    for (const child of group) {
      const failure = this.#start(child, 'child-restarted');
      if (failure !== undefined) {
        this.#stopInReverse(group);
        return { child, reason: failure };
      }
    }
    return undefined;
  }

  #groupOf(exited: Child<Spec, Handle>): Child<Spec, Handle>[] {
    switch (this.#options.strategy) {
      case 'one_for_one': return [exited];
      case 'one_for_all': return [...this.#children];
      case 'rest_for_one': return this.#children.slice(this.#children.indexOf(exited));
    }
  }

  /** Starts one child; returns why it failed, or undefined when it runs. */
  #start(child: Child<Spec, Handle>, kind: 'child-started' | 'child-restarted'): string | undefined {
    const supervisor = this.#options.name;
    const childId = child.spec.id;
    try {
      child.handle = this.#options.ops.start(child.spec);
    } catch (error) {
      const reason = `start failed: ${describeReason({ kind: 'crash', error })}`;
      this.#emit({ kind: 'child-crashed', supervisor, childId, reason, atMs: this.#now() });
      return reason;
    }
    this.#emit(kind === 'child-started'
      ? { kind, supervisor, childId, atMs: this.#now() }
      : { kind, supervisor, childId, restartsInWindow: this.#intensity.inWindow(), atMs: this.#now() });
    return undefined;
  }

  #stopInReverse(children: readonly Child<Spec, Handle>[]): void {
    for (const child of [...children].reverse()) {
      const handle = child.handle;
      if (handle === undefined) continue;
      child.handle = undefined;
      this.#options.ops.stop(child.spec, handle);
      this.#emit({ kind: 'child-stopped', supervisor: this.#options.name, childId: child.spec.id, atMs: this.#now() });
    }
  }

  #escalate(reason: string): CoreOutcome {
    this.stopAll();
    this.#emit({ kind: 'escalated', supervisor: this.#options.name, reason, atMs: this.#now() });
    return { kind: 'escalate', reason };
  }

  #find(id: string): Child<Spec, Handle> | undefined {
    return this.#children.find((child) => child.spec.id === id);
  }

  #now(): number {
    return this.#options.clock.nowMs();
  }

  #emit(event: SupervisionEvent): void {
    this.#options.onEvent?.(event);
  }
}
