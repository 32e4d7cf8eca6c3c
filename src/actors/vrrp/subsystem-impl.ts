/**
 * The VRRP subsystem over the ports: a supervisor per configuration generation (one_for_one,
 * transient children) with an actor per sync group and per instance, each hosting its machine.
 * A crashing instance is rebuilt from its current configuration without touching its siblings;
 * a supervisor giving up is reported as `actor-escalated`. Reload diffs by name: unchanged
 * instances are left alone, changed ones adapt in place (or are replaced when VRID, interface,
 * family or cast changed), removed ones go DELETED, new ones start in a new generation.
 */
import { isIpv6LinkLocal } from '../../protocol/index.js';
import { dispatch, startSystem, stopSystem } from '../../actors/runtime.js';
import type { ActorRef, AnyActorRef, SystemRef } from '../../actors/runtime.js';
import { spawnSupervisor } from '../../supervisor/actor.js';
import type { ActorChildSpec, ChildStartContext } from '../../supervisor/actor.js';
import type { Intensity, SupervisionEvent } from '../../supervisor/types.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { SyncGroupParams } from '../../machines/index.js';
import type { AddressSpec } from '../../ports/addresses.js';
import { zeroCounters } from './counters.js';
import { InstanceHost } from './instance-host.js';
import type { FaultHook } from './instance-host.js';
import { fundamentalKey, garpIntervals, instanceSettings, settingsKey } from './params.js';
import { GarpPacing } from './garp.js';
import { AdverGrid } from './adver-timer.js';
import { StaticEntryKeeper, staticEntries } from './static-entries.js';
import { reportLinkChanges } from './link-reporter.js';
import type { InstanceSettings } from './params.js';
import { SyncGroupHost } from './sync-group-host.js';
import type { InstanceStatus, StopOptions, TrackedSource, VrrpEvent, VrrpPorts, VrrpStatus, VrrpSubsystem } from './subsystem.js';

export interface VrrpSubsystemOptions {
  /** Test-only: called at named points of every instance (e.g. 'ADVERT'); throwing there is a bug to contain. */
  readonly faultHook?: FaultHook;
  /** Restart intensity of each generation's supervisor (default 5 restarts in 60 s). */
  readonly intensity?: Intensity;
  /** nact system name, unique in the process (default vrrp-N). */
  readonly systemName?: string;
  /**
   * Tracked scripts, files and processes (e.g. a TrackerPool the host updates before each
   * reload). Each instance subscribes to its own and its sync group's keys; start waits for `ready`.
   */
  readonly trackers?: TrackedSource;
}

const DEFAULT_INTENSITY: Intensity = { maxRestarts: 5, periodMs: 60_000 };
let systemsStarted = 0;

type ActorMsg = { readonly kind: 'crash'; readonly error: unknown };

interface InstanceRecord {
  settings: InstanceSettings;
  host: InstanceHost | undefined;
  ctx: ChildStartContext | undefined;
}

interface GroupRecord {
  readonly params: SyncGroupParams;
  host: SyncGroupHost | undefined;
  ctx: ChildStartContext | undefined;
}

/** Actor names allow letters, digits and -$_.+!*'(),; anything else becomes '_'. */
function actorName(prefix: string, name: string): string {
  return `${prefix}${name.replace(/[^A-Za-z0-9\-$_.+!*'(),]/g, '_')}`;
}

export function createVrrpSubsystem(ports: VrrpPorts, options: VrrpSubsystemOptions = {}): VrrpSubsystem {
  const log = ports.logger.child({ subsystem: 'vrrp' });
  const instances = new Map<string, InstanceRecord>();
  const groups = new Map<string, GroupRecord>();
  const listeners: ((event: VrrpEvent) => void)[] = [];
  const crashReasons = new Map<string, string>();
  let system: SystemRef | undefined;
  let generation = 0;
  let stopping = false;
  let unsubscribeLinkReport: (() => void) | undefined;
  let unsubscribeStaticWatch: (() => void) | undefined;
  let cleanup: Promise<unknown> = Promise.resolve();
  /** GARP/NA spacing per base interface, shared by every instance (keepalived's garp_delay). */
  const garpPacing = new GarpPacing(ports.clock);
  /** Lines the instances share (see InstanceHostDeps.firstTime), since the last start or reload. */
  const said = new Set<string>();
  /** Adver_Timer slots: Masters that start together spread over the grid (see AdverTimer). */
  const adverGrid = new AdverGrid();
  const statics = new StaticEntryKeeper(ports.addresses, log);
  const configurePacing = (config: KeepalivedConfig): void => {
    const { fallback, byInterface } = garpIntervals(config);
    garpPacing.configure(fallback, byInterface);
  };

  const emit = (event: VrrpEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log.error('VRRP event listener failed', { error: String(error) });
      }
    }
  };

  const onSupervision = (event: SupervisionEvent): void => {
    if (event.kind === 'child-crashed') {
      crashReasons.set(event.childId, event.reason);
      log.error('VRRP actor crashed', { actor: event.childId, reason: event.reason });
    } else if (event.kind === 'child-restarted') {
      emit({ type: 'actor-restarted', actor: event.childId, reason: crashReasons.get(event.childId) ?? 'crash', atMs: event.atMs });
    } else if (event.kind === 'escalated') {
      emit({ type: 'actor-escalated', actor: event.supervisor, reason: event.reason, atMs: event.atMs });
    }
  };

  /** The hosting actor: its only message is a bug found by its host, rethrown for the supervisor. */
  const spawnHostActor = (ctx: ChildStartContext): ActorRef<ActorMsg> =>
    ctx.spawn<null, ActorMsg>({
      initialState: () => null,
      handle: (state, msg) => {
        if (msg.kind === 'crash') throw msg.error;
        return state;
      },
    });

  const startInstance = (name: string, ctx: ChildStartContext): AnyActorRef => {
    const ref = spawnHostActor(ctx);
    const record = instances.get(name);
    if (record === undefined || stopping) {
      ctx.exit();
      return ref;
    }
    const previous = record.host;
    if (previous !== undefined) {
      // Rebuilt after a crash: start clean, without the addresses the crashed incarnation held.
      previous.dispose();
      const leftovers: readonly AddressSpec[] = previous.vipsInstalled ? previous.installedAddresses : [];
      if (leftovers.length > 0) {
        // After whatever address work the crashed incarnation still had in flight.
        cleanup = cleanup.then(() => previous.settled()).then(() => ports.addresses.removeAddresses(leftovers));
      }
    }
    const host = new InstanceHost(
      {
        ports,
        log: log.child({ instance: name }),
        emit,
        syncReport: (report) => groups.get(report.group)?.host?.report(report),
        crash: (error) => dispatch(ref, { kind: 'crash', error }),
        faultHook: options.faultHook,
        trackers: options.trackers,
        garpPacing,
        adverGrid,
        firstTime: (key) => !said.has(key) && said.add(key) !== undefined,
      },
      record.settings,
    );
    record.host = host;
    record.ctx = ctx;
    ctx.onStop(() => host.dispose());
    host.start();
    return ref;
  };

  const startGroup = (name: string, ctx: ChildStartContext): AnyActorRef => {
    const ref = spawnHostActor(ctx);
    const record = groups.get(name);
    if (record === undefined || stopping) {
      ctx.exit();
      return ref;
    }
    record.host?.dispose();
    const host = new SyncGroupHost(
      {
        clock: ports.clock,
        log: log.child({ syncGroup: name }),
        emit,
        command: (params) => {
          for (const member of params.members) instances.get(member)?.host?.command({ type: params.command }, params.group);
        },
        crash: (error) => dispatch(ref, { kind: 'crash', error }),
      },
      record.params,
    );
    record.host = host;
    record.ctx = ctx;
    ctx.onStop(() => host.dispose());
    // A rebuilt group needs every member's state again.
    for (const member of record.params.members) instances.get(member)?.host?.reportToSyncGroup();
    return ref;
  };

  const startGeneration = (groupNames: readonly string[], instanceNames: readonly string[]): void => {
    if (system === undefined || groupNames.length + instanceNames.length === 0) return;
    generation++;
    const children: ActorChildSpec[] = [
      ...groupNames.map((name) => ({ id: actorName('sync-group.', name), restart: 'transient' as const, start: (ctx: ChildStartContext) => startGroup(name, ctx) })),
      ...instanceNames.map((name) => ({ id: actorName('', name), restart: 'transient' as const, start: (ctx: ChildStartContext) => startInstance(name, ctx) })),
    ];
    spawnSupervisor(
      system,
      { name: `generation-${generation}`, clock: ports.clock, intensity: options.intensity ?? DEFAULT_INTENSITY, children, onEvent: onSupervision },
      (reason) => {
        if (reason.kind === 'crash' && !stopping) log.error('VRRP supervisor gave up', { generation });
      },
    );
  };

  const settingsOf = (config: KeepalivedConfig): Map<string, InstanceSettings> => {
    const result = new Map<string, InstanceSettings>();
    for (const instance of config.vrrp.instances) {
      const settings = instanceSettings(config, instance);
      if (!settings.ok) {
        log.error('VRRP instance not started', { instance: instance.name, error: settings.error });
        continue;
      }
      result.set(instance.name, settings.settings);
      // RFC 5798 5.2.9: an IPv6 advert's first address is the link-local one. keepalived says so
      // when it starts the instance (not in a config test) and runs it all the same.
      const first = settings.settings.vips[0];
      if (settings.settings.family === 'ipv6' && first !== undefined && !isIpv6LinkLocal(first.address)) {
        log.info('the first IPv6 VIP address should be link local', { instance: instance.name });
      }
    }
    return result;
  };

  const groupsOf = (config: KeepalivedConfig, configured: ReadonlyMap<string, InstanceSettings>): Map<string, SyncGroupParams> => {
    const result = new Map<string, SyncGroupParams>();
    for (const group of config.vrrp.syncGroups) {
      const members = group.members.map((m) => m.name).filter((m) => configured.has(m));
      if (members.length === 0) continue;
      result.set(group.name, { name: group.name, members, trackingWeight: group.other.has('sync_group_tracking_weight') });
    }
    return result;
  };

  const removeInstance = async (name: string): Promise<void> => {
    const record = instances.get(name);
    if (record === undefined) return;
    instances.delete(name);
    await record.host?.remove();
    record.ctx?.exit();
  };

  const removeGroup = (name: string): void => {
    const record = groups.get(name);
    if (record === undefined) return;
    groups.delete(name);
    record.host?.dispose();
    record.ctx?.exit();
  };

  const placeholderStatus = (settings: InstanceSettings): InstanceStatus => ({
    name: settings.name,
    vrid: settings.vrid,
    family: settings.family,
    interfaceName: settings.interfaceName,
    state: 'INIT',
    basePriority: settings.machine.priority,
    effectivePriority: settings.machine.priority,
    masterAddress: undefined,
    masterPriority: undefined,
    lastTransitionMs: undefined,
    lastTransitionReason: undefined,
    syncGroup: settings.syncGroup,
    counters: zeroCounters(),
    vipsInstalled: false,
  });

  return {
    async start(config) {
      if (system !== undefined) throw new Error('VRRP subsystem already started');
      said.clear();
      await options.trackers?.ready;
      const settings = settingsOf(config);
      // keepalived's -D lines for clearing what a previous run may have left, instance by instance
      // (not for a VMAC's, which does not exist yet).
      for (const [name, s] of settings) {
        if (s.vmac !== undefined || s.vips.length + s.excluded.length === 0) continue;
        const instanceLog = log.child({ instance: name });
        if (s.virtualRules.length > 0) instanceLog.debug('removing Virtual Rules');
        if (s.virtualRoutes.length > 0) instanceLog.debug('removing Virtual Routes');
        instanceLog.debug('removing VIPs.');
      }
      const leftovers = [...settings.values()].flatMap((s) => [...s.vips, ...s.excluded]);
      if (leftovers.length > 0) {
        const present = await ports.addresses.presentAddresses(leftovers);
        if (present.length > 0) {
          log.info('removing addresses left by a previous run', { count: present.length });
          await ports.addresses.removeAddresses(present);
        }
      }
      configurePacing(config);
      // keepalived sets static addresses, routes and rules before its instances start.
      await statics.start(staticEntries(config, log));
      unsubscribeStaticWatch = ports.linkMonitor.subscribe((event) => {
        if (event.type === 'address-removed') void statics.addressRemoved(event.name, event.address.address);
      });
      system = startSystem(options.systemName ?? `vrrp-${++systemsStarted}`);
      // A VMAC is ours: keepalived reports its base interface, not the VMAC it created.
      unsubscribeLinkReport = reportLinkChanges(ports.linkMonitor, log, (name) => [...instances.values()].some(({ settings: s }) =>
        ((s.interfaceName === name || s.advertInterface === name) && s.vmac?.name !== name) || s.vmac?.baseInterface === name
        || s.trackedInterfaces.some((tracked) => tracked.interfaceName === name)));
      for (const [name, s] of settings) instances.set(name, { settings: s, host: undefined, ctx: undefined });
      for (const [name, params] of groupsOf(config, settings)) groups.set(name, { params, host: undefined, ctx: undefined });
      startGeneration([...groups.keys()], [...instances.keys()]);
    },

    async reload(config) {
      if (system === undefined) throw new Error('VRRP subsystem not started');
      said.clear();
      const next = settingsOf(config);
      const nextGroups = groupsOf(config, next);
      configurePacing(config);
      await statics.reload(staticEntries(config, log));
      const replaced = [...instances.entries()]
        .filter(([name, record]) => {
          const n = next.get(name);
          return n === undefined || fundamentalKey(n) !== fundamentalKey(record.settings);
        })
        .map(([name]) => name);
      await Promise.all(replaced.map((name) => removeInstance(name)));
      for (const [name, record] of [...groups.entries()]) {
        const n = nextGroups.get(name);
        if (n === undefined || settingsKey(n) !== settingsKey(record.params)) removeGroup(name);
      }
      for (const [name, record] of instances) {
        const n = next.get(name);
        if (n === undefined || settingsKey(n) === settingsKey(record.settings)) continue;
        record.settings = n;
        record.host?.update(n);
      }
      for (const [name, record] of instances) if (next.has(name)) record.host?.reloaded();
      const newInstances = [...next.keys()].filter((name) => !instances.has(name));
      const newGroups = [...nextGroups.keys()].filter((name) => !groups.has(name));
      for (const name of newInstances) instances.set(name, { settings: next.get(name)!, host: undefined, ctx: undefined });
      for (const name of newGroups) groups.set(name, { params: nextGroups.get(name)!, host: undefined, ctx: undefined });
      startGeneration(newGroups, newInstances);
    },

    async stop(stopOptions: StopOptions) {
      if (system === undefined) return;
      stopping = true;
      // Every SHUTDOWN is delivered now, in configuration order; then the address work is awaited.
      const work = [...instances.values()].map((record) => record.host?.shutdown(stopOptions.releaseVips));
      for (const record of groups.values()) record.host?.shutdown();
      await Promise.all(work);
      await cleanup;
      // Static entries go whatever -V says (it only concerns the instances).
      unsubscribeStaticWatch?.();
      unsubscribeStaticWatch = undefined;
      await statics.stop();
      for (const record of groups.values()) record.host?.dispose();
      stopSystem(system);
      system = undefined;
      unsubscribeLinkReport?.();
      unsubscribeLinkReport = undefined;
    },

    status(): VrrpStatus {
      return {
        instances: [...instances.values()].map((record) => record.host?.status() ?? placeholderStatus(record.settings)),
        syncGroups: [...groups.values()].map((record) => record.host?.status() ?? { name: record.params.name, state: 'INIT', members: record.params.members }),
      };
    },

    clearStats() {
      for (const record of instances.values()) record.host?.clearStats();
    },

    subscribe(listener) {
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
  };
}
