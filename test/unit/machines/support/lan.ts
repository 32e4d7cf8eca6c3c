/**
 * A tiny simulated LAN for scenario tests: VRRP instance actors on one virtual clock, adverts
 * delivered synchronously to every other live router with the same VRID, and every effect
 * recorded with its time.
 */
import { createActor } from 'xstate';
import type { Actor } from 'xstate';
import { vrrpInstanceMachine, vrrpSyncGroupMachine } from '../../../../src/machines/index.js';
import type {
  InstanceEvent,
  InstanceParamsInput,
  SyncGroupParams,
  VrrpInstanceMachine,
  VrrpSyncGroupMachine,
} from '../../../../src/machines/index.js';
import { AdverTimer } from '../../../../src/actors/vrrp/adver-timer.js';
import { SteppingClock } from './clock.js';

export interface Effect {
  readonly atMs: number;
  readonly node: string;
  readonly action: string;
  readonly params: unknown;
}

export const baseParams = {
  vrid: 51,
  advertIntervalMs: 1000,
} as const;

export class Router {
  connected = true;
  started = false;
  constructor(
    readonly name: string,
    readonly params: InstanceParamsInput,
    readonly actor: Actor<VrrpInstanceMachine>,
  ) {}

  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  get context() {
    return this.actor.getSnapshot().context;
  }

  /** Power loss: no priority 0, no more packets. */
  crash(): void {
    this.connected = false;
    this.actor.stop();
    this.onStop?.();
  }

  /** Stops what runs beside the machine (its Adver_Timer); set by the Lan. */
  onStop: (() => void) | undefined;
}

export class Lan {
  readonly clock = new SteppingClock();
  readonly effects: Effect[] = [];
  private readonly routers: Router[] = [];
  readonly groups = new Map<string, Actor<VrrpSyncGroupMachine>>();

  /** A sync group actor wired to the routers by name (create it before starting the routers). */
  addGroup(params: SyncGroupParams): Actor<VrrpSyncGroupMachine> {
    const machine = vrrpSyncGroupMachine.provide({
      actions: {
        commandMembers: (_, p) => {
          this.effects.push({ atMs: this.clock.now(), node: p.group, action: 'commandMembers', params: p });
          for (const member of p.members) this.router(member).actor.send({ type: p.command } as InstanceEvent);
        },
        notifyGroup: (_, p) => this.effects.push({ atMs: this.clock.now(), node: p.group, action: 'notifyGroup', params: p }),
      },
    });
    const actor = createActor(machine, { input: params, clock: this.clock });
    this.groups.set(params.name, actor);
    actor.start();
    return actor;
  }

  router(name: string): Router {
    const found = this.routers.find((r) => r.name === name);
    if (found === undefined) throw new Error(`no router ${name}`);
    return found;
  }

  add(params: InstanceParamsInput): Router {
    const name = params.name;
    const record = (action: string) => (_: unknown, p: unknown) =>
      this.effects.push({ atMs: this.clock.now(), node: name, action, params: p });
    // Each round sends at the priority of that moment, as the daemon's host does.
    const adverTimer = new AdverTimer(this.clock, () => {
      const priority = router.context.effectivePriority;
      record('sendAdvert')(undefined, { priority });
      this.deliver(router, priority);
    });
    const machine = vrrpInstanceMachine.provide({
      actions: {
        sendAdvert: (_, p) => {
          record('sendAdvert')(_, p);
          this.deliver(router, p.priority);
        },
        startAdverTimer: (_, p) => adverTimer.start(p.intervalMs),
        stopAdverTimer: () => adverTimer.stop(),
        sendPriorityZero: (_, p) => {
          record('sendPriorityZero')(_, p);
          this.deliver(router, 0);
        },
        addVips: record('addVips'),
        removeVips: record('removeVips'),
        sendGratuitous: record('sendGratuitous'),
        notify: record('notify'),
        statsCount: record('statsCount'),
        syncReport: (_, p) => {
          record('syncReport')(_, p);
          const { type: _type, group, ...report } = { type: 'MEMBER_REPORT' as const, ...p };
          this.groups.get(group)?.send({ type: 'MEMBER_REPORT', ...report });
        },
      },
    });
    const actor = createActor(machine, { input: params, clock: this.clock });
    const router = new Router(name, params, actor);
    router.onStop = () => adverTimer.stop();
    this.routers.push(router);
    return router;
  }

  startAll(): void {
    for (const r of this.routers) this.start(r);
  }

  start(router: Router): void {
    router.started = true;
    router.actor.start();
  }

  private deliver(from: Router, priority: number): void {
    if (!from.connected) return;
    for (const to of this.routers) {
      if (to === from || !to.connected || !to.started || to.params.vrid !== from.params.vrid) continue;
      if (to.actor.getSnapshot().status !== 'active') continue;
      to.actor.send({
        type: 'ADVERT',
        priority,
        maxAdvertIntervalMs: from.params.advertIntervalMs ?? 1000,
        sourceAddress: from.params.primaryAddress,
      });
    }
  }

  /** Effects of one kind, optionally for one node, after a time. */
  find(action: string, node?: string, sinceMs = 0): Effect[] {
    return this.effects.filter((e) => e.action === action && (node === undefined || e.node === node) && e.atMs >= sinceMs);
  }
}
