/**
 * A supervisor as an actor: its children are actors, a crash in a child's handler (a bug) reaches
 * it through nact's onCrash, and the pure SupervisorCore decides: rebuild the child from its spec
 * (so from the current config), restart a group, or give up and escalate to the parent
 * supervisor, which sees it as a crash of its own child. The crashed child alone is stopped;
 * siblings are never touched under one_for_one.
 */
import { actorPath, dispatch, spawnActor, stopActor } from '../actors/runtime.js';
import type { ActorBehaviour, ActorRef, AnyActorRef, ParentRef } from '../actors/runtime.js';
import type { Clock } from '../ports/clock.js';
import { SupervisorCore } from './core.js';
import type { CoreOutcome } from './core.js';
import { DEFAULT_INTENSITY } from './types.js';
import type { ExitReason, Intensity, RestartType, Strategy, SupervisionListener } from './types.js';

/** A child's behaviour; its crash handling belongs to the supervisor. */
export type ChildBehaviour<State, Msg> = Omit<ActorBehaviour<State, Msg>, 'onCrash'>;

export interface ChildStartContext {
  /** The supervisor actor, parent of the child. */
  readonly parent: ParentRef;
  /** The child's actor name (its spec id). */
  readonly name: string;
  /** Spawns the child actor under the supervisor, its crashes reported to the supervisor. */
  spawn<State, Msg>(behaviour: ChildBehaviour<State, Msg>): ActorRef<Msg>;
  /** The child ends of its own accord (default `normal`: a transient child is then not restarted). */
  exit(reason?: ExitReason): void;
  /** Replaces how the supervisor stops this child (default: stop the actor and its children). */
  onStop(stop: () => void): void;
}

export interface ActorChildSpec {
  /** A valid actor name (letters, digits, `-$_.+!*'(),`), unique in the supervisor. */
  readonly id: string;
  readonly restart: RestartType;
  /** Builds the child, at first start and at every restart: spawns it with ctx.spawn, or reports its end with ctx.exit. */
  readonly start: (ctx: ChildStartContext) => AnyActorRef;
}

export interface SupervisorOptions {
  readonly name: string;
  readonly clock: Clock;
  readonly children: readonly ActorChildSpec[];
  readonly strategy?: Strategy;
  readonly intensity?: Intensity;
  readonly onEvent?: SupervisionListener;
}

export type SupervisorMsg =
  | { readonly kind: 'child-exit'; readonly id: string; readonly incarnation: number; readonly reason: ExitReason }
  | { readonly kind: 'shutdown' };

interface ChildHandle {
  readonly ref: AnyActorRef;
  readonly incarnation: number;
  /** Silences the incarnation's exit reports once the supervisor stopped it itself. */
  readonly retire: () => void;
  readonly stop: () => void;
}

/**
 * Spawns a supervisor under `parent` and starts its children in order. `onExit` hears once how it
 * ended: `shutdown` after a shutdown message, a crash when it gave up (escalation) or had a bug.
 */
export function spawnSupervisor(parent: ParentRef, options: SupervisorOptions, onExit: (reason: ExitReason) => void): ActorRef<SupervisorMsg> {
  return startSupervisor(parent, options, onExit).ref;
}

interface RunningSupervisor {
  readonly ref: ActorRef<SupervisorMsg>;
  /** Stops children in reverse order, then the supervisor, without reporting an exit (the caller asked). */
  readonly stopNow: () => void;
}

function startSupervisor(parent: ParentRef, options: SupervisorOptions, onExit: (reason: ExitReason) => void): RunningSupervisor {
  let lastIncarnation = 0;
  let ended = false;
  const end = (reason: ExitReason): void => {
    if (ended) return;
    ended = true;
    stopActor(self);
    onExit(reason);
  };
  const settle = (outcome: CoreOutcome): void => {
    if (outcome.kind === 'escalate') end({ kind: 'crash', error: `supervisor ${options.name} gave up: ${outcome.reason}` });
  };

  const startChild = (spec: ActorChildSpec): ChildHandle => {
    const incarnation = ++lastIncarnation;
    let silenced = false;
    const report = (reason: ExitReason): void => {
      if (silenced) return;
      silenced = true;
      dispatch(self, { kind: 'child-exit', id: spec.id, incarnation, reason });
    };
    const spawned: { ref?: AnyActorRef; stop?: () => void } = {};
    const ctx: ChildStartContext = {
      parent: self,
      name: spec.id,
      spawn: <State, Msg>(behaviour: ChildBehaviour<State, Msg>): ActorRef<Msg> => {
        const ref = spawnActor<State, Msg>(self, spec.id, {
          ...behaviour,
          onCrash: (crash) => {
            report({ kind: 'crash', error: crash.error });
            return 'stop';
          },
        });
        spawned.ref = ref;
        return ref;
      },
      exit: (reason = { kind: 'normal' }) => {
        if (silenced) return;
        // Only while not silenced: the path may already belong to a newer incarnation otherwise.
        if (spawned.ref !== undefined) stopActor(spawned.ref);
        report(reason);
      },
      onStop: (stop) => void (spawned.stop = stop),
    };
    const ref = spec.start(ctx);
    return { ref, incarnation, retire: () => void (silenced = true), stop: spawned.stop ?? (() => stopActor(ref)) };
  };

  const self: ActorRef<SupervisorMsg> = spawnActor<null, SupervisorMsg>(parent, options.name, {
    initialState: () => null,
    handle: (state, msg) => {
      if (msg.kind === 'shutdown') {
        core.stopAll();
        end({ kind: 'shutdown' });
        return state;
      }
      const current = core.handleOf(msg.id);
      // An exit from an incarnation already replaced is stale.
      if (current !== undefined && current.incarnation === msg.incarnation) settle(core.childExited(msg.id, current, msg.reason));
      return state;
    },
    // A bug in the supervisor itself: stop what it can and let its parent decide.
    onCrash: (crash) => {
      try {
        core.stopAll();
      } finally {
        end({ kind: 'crash', error: crash.error });
      }
      return 'stop';
    },
  });

  const core = new SupervisorCore<ActorChildSpec, ChildHandle>({
    name: actorPath(self),
    strategy: options.strategy ?? 'one_for_one',
    intensity: options.intensity ?? DEFAULT_INTENSITY,
    clock: options.clock,
    children: options.children,
    onEvent: options.onEvent,
    ops: {
      start: startChild,
      stop: (_spec, handle) => {
        handle.retire();
        handle.stop();
      },
    },
  });
  settle(core.startAll());
  const stopNow = (): void => {
    if (ended) return;
    ended = true;
    core.stopAll();
    stopActor(self);
  };
  return { ref: self, stopNow };
}

/** A nested supervisor as a child spec: when it gives up, its parent sees its child crash. */
export function supervisorChild(options: Omit<SupervisorOptions, 'name'> & { readonly id: string }, restart: RestartType = 'permanent'): ActorChildSpec {
  const { id, ...rest } = options;
  return {
    id,
    restart,
    start: (ctx) => {
      const nested = startSupervisor(ctx.parent, { ...rest, name: ctx.name }, (reason) => ctx.exit(reason));
      ctx.onStop(nested.stopNow);
      return nested.ref;
    },
  };
}

/** Asks a supervisor to stop its children (last started first) and itself. */
export function shutdownSupervisor(ref: ActorRef<SupervisorMsg>): void {
  dispatch(ref, { kind: 'shutdown' });
}
