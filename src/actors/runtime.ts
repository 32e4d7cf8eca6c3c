/**
 * The one module that imports nact (7.6.2, pinned: upstream is dormant). Everything else talks to
 * actors through this thin typed layer, so nact can be replaced without touching callers.
 *
 * Rules it enforces: actors are always named (nact names unnamed actors with Math.random), no  // port-ok: describes nact's internals
 * query() (it arms a real setTimeout; ask through a message carrying a reply ref instead), and a  // port-ok: describes nact's internals
 * crash (an exception in a handler, i.e. a bug) is turned into a typed CrashDecision.
 *
 * nact facts relied upon: each message is handled in its own setImmediate, one at a time per  // port-ok: describes nact's internals
 * actor, in arrival order; a handler's returned state (or promise of it) becomes the next state;
 * dispatch to a stopped actor is a no-op; a ref is a path, so a new actor spawned under the same
 * name behind the same parent receives messages sent to the old ref.
 */
import nact from 'nact';

declare const messageType: unique symbol;

/** Where an actor lives: the system itself or another actor. */
export interface ParentRef {
  readonly path: unknown;
}

/** A typed address of an actor accepting `Msg`. */
export interface ActorRef<Msg> extends ParentRef {
  readonly [messageType]?: (msg: Msg) => void;
}

/** Any actor, whatever it accepts (for stopping, paths, crash reports). */
export type AnyActorRef = ActorRef<never>;

export interface SystemRef extends ParentRef {
  readonly systemName: string;
}

export interface ActorContext<Msg> {
  readonly self: ActorRef<Msg>;
  readonly name: string;
  /** `system/parent/child`, for logs and traces. */
  readonly path: string;
}

export interface Crash<Msg> {
  /** The message being handled; undefined when the initial state could not be built. */
  readonly message: Msg | undefined;
  readonly error: unknown;
  readonly self: ActorRef<Msg>;
  /** Set when a child escalated its crash to this actor. */
  readonly child?: AnyActorRef;
}

/**
 * What happens after a crash: `stop` the actor, `restart` it (fresh initial state, mailbox kept),
 * `resume` with the old state, `escalate` to the parent's onCrash; for a crash escalated by a
 * child, `stop-child` or `restart-child`.
 */
export type CrashDecision = 'stop' | 'restart' | 'resume' | 'escalate' | 'stop-child' | 'restart-child';

export interface ActorBehaviour<State, Msg> {
  /** Builds the state at spawn and again at each restart. */
  readonly initialState: () => State;
  readonly handle: (state: State, msg: Msg, ctx: ActorContext<Msg>) => State | Promise<State>;
  /** Default: stop the actor (the crash is the caller's to observe through its own onCrash). */
  readonly onCrash?: (crash: Crash<Msg>) => CrashDecision;
  /** Called once the actor has stopped, with its last state. */
  readonly afterStop?: (state: State) => void;
}

// nact's own (loose) types stay inside this module.
type NactRef = nact.Ref<unknown>;
type NactSupervision = nact.SupervisionContext<unknown, NactRef>;

const toNact = (ref: ParentRef): NactRef => ref as unknown as NactRef;

function pathOf(ref: ParentRef): string {
  const path = (ref as unknown as { path?: { parts?: string[]; system?: string } }).path;
  return [path?.system ?? '', ...(path?.parts ?? [])].join('/');
}

function decide(decision: CrashDecision, ctx: NactSupervision): symbol {
  switch (decision) {
    case 'stop': return ctx.stop as symbol;
    case 'restart': return ctx.reset as symbol;
    case 'resume': return ctx.resume as symbol;
    case 'escalate': return ctx.escalate as symbol;
    case 'stop-child': return ctx.stopChild as symbol;
    case 'restart-child': return ctx.resetChild as symbol;
  }
}

/** Starts an actor system; the name must be unique in the process (nact keeps a global map). */
export function startSystem(name: string): SystemRef {
  // nact reads the name from an object argument; its typings only mention plugins and strings.
  const ref = nact.start({ name } as unknown as nact.Plugin);
  return Object.assign(ref, { systemName: name }) as unknown as SystemRef;
}

/** Stops every actor of the system (nact stops top-level actors in spawn order). */
export function stopSystem(system: SystemRef): void {
  nact.stop(toNact(system));
}

/** Spawns a named actor; spawning a name that its parent already has is a bug and throws. */
export function spawnActor<State, Msg>(parent: ParentRef, name: string, behaviour: ActorBehaviour<State, Msg>): ActorRef<Msg> {
  if (name === '') throw new Error('actors must be named');
  const onCrash = behaviour.onCrash ?? (() => 'stop' as const);
  const ref = nact.spawn(
    toNact(parent),
    (state: State, msg: Msg, nactCtx: nact.ActorContext<Msg, NactRef>) =>
      behaviour.handle(state, msg, { self: nactCtx.self as ActorRef<Msg>, name: nactCtx.name, path: pathOf(nactCtx.self as unknown as ParentRef) }),
    name,
    {
      initialStateFunc: () => behaviour.initialState(),
      onCrash: (message: unknown, error: unknown, ctx: NactSupervision, child: NactRef | undefined) =>
        decide(onCrash({
          message: message as Msg | undefined,
          error,
          self: ctx.self as ActorRef<Msg>,
          ...(child === undefined ? {} : { child: child as AnyActorRef }),
        }), ctx),
      ...(behaviour.afterStop === undefined ? {} : { afterStop: (state: State) => behaviour.afterStop?.(state) }),
    },
  );
  return ref as ActorRef<Msg>;
}

/** Queues a message; a no-op when the actor has stopped (like a send to a dead process). */
export function dispatch<Msg>(ref: ActorRef<Msg>, msg: Msg): void {
  nact.dispatch(toNact(ref) as nact.Ref<Msg>, msg);
}

/** Stops the actor at this ref's path and its children now; queued messages are dropped. */
export function stopActor(ref: AnyActorRef): void {
  nact.stop(toNact(ref));
}

/**
 * The address of `parent`'s child called `name`, whether or not it runs now: like a registered
 * name, it reaches whichever incarnation the supervisor last started there.
 */
export function childRef<Msg>(parent: ParentRef, name: string): ActorRef<Msg> {
  // nact resolves a ref by walking its path from the system; this is the shape of its ActorReference.
  const nactParent = parent as unknown as { path: { createChildPath(name: string): { system: string } }; name: string; type: string };
  const path = nactParent.path.createChildPath(name);
  return { type: 'actor', name, path, parent, system: { name: path.system } } as unknown as ActorRef<Msg>;
}

/** `system/parent/child`. */
export function actorPath(ref: ParentRef): string {
  return pathOf(ref);
}
