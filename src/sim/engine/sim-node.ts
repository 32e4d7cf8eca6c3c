/**
 * One simulated router: a VirtualNode (interfaces, addresses) that outlives its daemon, and the
 * daemon's incarnations — each a real VRRP subsystem and notifier over ports wrapped so that a
 * crashed incarnation falls silent at once (no advert, no frame, no address change, no timer).
 *
 * Each incarnation's vrrp_scripts run through the daemon's own trackers (rise/fall, intervals,
 * timeouts) on its clock; a run takes no virtual time and exits 0, or 1 while a `script` fault
 * has set that script down on this node (a setting of the node, kept across restarts).
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import { createVrrpSubsystem } from '../../actors/vrrp/subsystem-impl.js';
import type { VrrpEvent, VrrpSubsystem } from '../../actors/vrrp/subsystem.js';
import { VrrpNotifier } from '../../actors/notify/notifier.js';
import { nodeHmacMd5 } from '../../io/crypto.js';
import type { AddressManager } from '../../ports/addresses.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { ScriptRunner } from '../../ports/scripts.js';
import type { VrrpLinkFactory } from '../../ports/vrrp-link.js';
import type { FrameSender } from '../../ports/frames.js';
import type { VirtualNetwork, VirtualNode } from '../net/index.js';
import { MemoryScriptRunner } from '../tracking/memory-scripts.js';
import { MemoryFileWatcher, MemoryProcessWatcher } from '../tracking/memory-watchers.js';
import { createTrackerPool, type TrackerPool } from '../../actors/tracking/tracker-pool.js';
import type { RunningScript, ScriptOutcome, ScriptSpec } from '../../ports/scripts.js';
import type { SeededRandom } from '../virtual-time.js';
import type { Recorder } from '../trace.js';
import type { ScenarioNode } from '../scenario/types.js';
import { Drift, nodeClock } from './node-clock.js';
import { instanceInfos, parseNodeConfig, withPriority } from './config.js';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silent };

let systems = 0;

interface Incarnation {
  alive: boolean;
  readonly subsystem: VrrpSubsystem;
  readonly notifier: VrrpNotifier;
  readonly trackers: TrackerPool;
  readonly unsubscribe: () => void;
}

export class SimNode {
  readonly name: string;
  readonly node: VirtualNode;
  readonly drift: Drift;
  #text: string;
  /** Priority edits since the last new configuration. */
  #priorities: { readonly instance: string | undefined; readonly priority: number }[] = [];
  #current: Incarnation | undefined;
  #incarnations = 0;
  /** Instance name → VRID key, of the running configuration. */
  #vrids = new Map<string, string>();
  /** vrrp_script name → result set by `script` faults (absent: succeeds). */
  readonly #scriptResults = new Map<string, 'up' | 'down'>();

  constructor(
    spec: ScenarioNode,
    network: VirtualNetwork,
    private readonly clock: Clock,
    private readonly random: SeededRandom,
    private readonly recorder: Recorder,
    /** Async work of this node that failed: a simulator error. */
    private readonly onError: (error: unknown) => void,
  ) {
    this.name = spec.name;
    this.#text = spec.config;
    this.node = network.addNode(spec.name, spec.interfaces.map((i) => ({
      name: i.name,
      mac: i.mac,
      segment: i.link,
      addresses: [{ family: i.address.includes(':') ? 'ipv6' as const : 'ipv4' as const, address: i.address, prefixLength: i.prefixLength }],
    })));
    this.drift = new Drift(clock);
    // Addresses added or removed after boot are VIPs (the node's own are there from the start).
    this.node.linkMonitor.subscribe((event) => {
      if (event.type === 'address-added' || event.type === 'address-removed') {
        recorder.record({ type: 'vip', node: this.name, op: event.type === 'address-added' ? 'add' : 'remove', address: event.address.address, interface: event.name });
      } else if (event.type === 'link') {
        recorder.record({ type: 'iface', node: this.name, interface: event.link.name, up: event.link.up });
      }
    });
  }

  get running(): boolean {
    return this.#current !== undefined;
  }

  /** Boots the daemon on the current configuration. */
  start(why: string): void {
    if (this.#current !== undefined) return;
    const config = this.#parse();
    const incarnation = this.#incarnate(config);
    this.#current = incarnation;
    this.recorder.record({ type: 'daemon', node: this.name, running: true, why });
    // As the daemon: trackers updated before the instances start, so no result is missed.
    incarnation.trackers.initialiseFiles(config.vrrp);
    this.#track(incarnation.trackers.update(config.vrrp).then(() => incarnation.subsystem.start(config)));
  }

  /** The process dies: nothing more leaves it; its VIPs stay on the interfaces. */
  kill(why: string): void {
    const incarnation = this.#current;
    if (incarnation === undefined) return;
    this.#current = undefined;
    incarnation.alive = false;
    incarnation.unsubscribe();
    incarnation.trackers.stop();
    this.recorder.record({ type: 'daemon', node: this.name, running: false, why });
    // Frees the actor system; everything it would send or change is swallowed by the dead ports.
    this.#track(incarnation.subsystem.stop({ releaseVips: false }));
  }

  /** Power loss: the daemon dies and the node's VIPs vanish with the kernel's state. */
  crash(): void {
    this.kill('node crashed');
    for (const link of this.node.linkMonitor.links()) {
      for (const address of link.addresses.slice(1)) this.node.linkMonitor.removeAddress(link.name, address.address);
    }
  }

  /** SIGTERM: priority 0 adverts, VIPs released, notify_stop. */
  stop(why: string): void {
    const incarnation = this.#current;
    if (incarnation === undefined) return;
    this.#current = undefined;
    this.recorder.record({ type: 'daemon', node: this.name, running: false, why });
    this.#track(incarnation.subsystem.stop({ releaseVips: true }).then(() => {
      incarnation.alive = false;
      incarnation.unsubscribe();
      incarnation.trackers.stop();
    }));
  }

  /** SIGHUP, with a new configuration text or the current one. */
  reload(text: string | undefined): void {
    if (text !== undefined) {
      this.#text = text;
      this.#priorities = [];
    }
    this.#reconfigure();
  }

  setPriority(instance: string | undefined, priority: number): void {
    this.#priorities.push({ instance, priority });
    this.#reconfigure();
  }

  /** A `script` fault: the vrrp_script's runs from now on exit 0 (up) or 1 (down). */
  setScriptResult(name: string, result: 'up' | 'down'): void {
    this.#scriptResults.set(name, result);
  }

  setLinkUp(interfaceName: string, up: boolean): void {
    this.node.setLinkUp(interfaceName, up);
  }

  /** End of the run: stops every incarnation without recording or effects. */
  shutdown(): Promise<void> {
    const incarnation = this.#current;
    this.#current = undefined;
    if (incarnation === undefined) return Promise.resolve();
    incarnation.alive = false;
    incarnation.unsubscribe();
    incarnation.trackers.stop();
    return incarnation.subsystem.stop({ releaseVips: false });
  }

  #reconfigure(): void {
    const incarnation = this.#current;
    const config = this.#parse();
    if (incarnation === undefined) return;
    incarnation.notifier.reconfigure(config);
    this.#track(incarnation.trackers.update(config.vrrp).then(() => incarnation.subsystem.reload(config)));
  }

  #parse(): KeepalivedConfig {
    const parsed = parseNodeConfig(this.name, this.#text, this.node.linkMonitor.links().map((l) => l.name));
    for (const edit of this.#priorities) withPriority(parsed.config, edit.instance, edit.priority);
    const instances = instanceInfos(parsed.config);
    this.#vrids = new Map(instances.map((i) => [i.name, i.vrid]));
    this.recorder.record({ type: 'config', node: this.name, instances, warnings: parsed.warnings });
    return parsed.config;
  }

  #track(work: Promise<unknown>): void {
    work.catch((error: unknown) => this.onError(error));
  }

  #incarnate(config: KeepalivedConfig): Incarnation {
    const n = ++this.#incarnations;
    const state = { alive: true };
    const alive = (): boolean => state.alive;
    const clock = nodeClock(this.clock, this.drift, alive);
    const trackers = this.#trackers(clock);
    const subsystem = createVrrpSubsystem(
      {
        clock,
        random: this.random.fork(`${this.name}#${n}`),
        logger: silent,
        links: this.#links(alive),
        frames: this.#frames(alive),
        linkMonitor: this.node.linkMonitor,
        routingMonitor: this.node.addresses,
        addresses: this.#addresses(alive),
        hmacMd5: nodeHmacMd5,
      },
      { systemName: `sim-${++systems}-${this.name}-${n}`, trackers },
    );
    const notifier = new VrrpNotifier(
      config,
      { clock, logger: silent, scripts: this.#scripts(clock, alive), fifos: [], mail: undefined },
      { identity: { localName: this.name, userName: 'root' } },
    );
    const unsubscribe = subsystem.subscribe((event) => {
      if (!state.alive) return;
      this.#record(event);
      notifier.handle(event);
    });
    const incarnation: Incarnation = {
      get alive() { return state.alive; },
      set alive(value: boolean) { state.alive = value; },
      subsystem,
      notifier,
      trackers,
      unsubscribe,
    };
    return incarnation;
  }

  #record(event: VrrpEvent): void {
    const node = this.name;
    switch (event.type) {
      case 'instance-state':
        this.recorder.record({ type: 'state', node, instance: event.instance, vrid: this.#vrids.get(event.instance) ?? '?', from: event.from, to: event.to, priority: event.priority, reason: event.reason });
        return;
      case 'priority':
        this.recorder.record({ type: 'priority', node, instance: event.instance, priority: event.priority });
        return;
      case 'group-state':
        this.recorder.record({ type: 'group', node, group: event.group, from: event.from, to: event.to });
        return;
      case 'master-rx-lower-pri':
        return;
      case 'actor-restarted':
      case 'actor-escalated':
        this.recorder.record({ type: 'actor', node, event: event.type, actor: event.actor, reason: event.reason });
    }
  }

  #links(alive: () => boolean): VrrpLinkFactory {
    return {
      open: (spec, onAdvert) => {
        const opened = this.node.links.open(spec, (advert) => {
          if (alive()) onAdvert(advert);
        });
        if ('error' in opened) return opened;
        return {
          sourceAddress: opened.sourceAddress,
          send: (packet, destination) => (alive() ? opened.send(packet, destination) : 'process gone'),
          close: () => opened.close(),
        };
      },
    };
  }

  #frames(alive: () => boolean): FrameSender {
    return {
      sendFrame: (interfaceName, frame) => {
        if (!alive()) return 'process gone';
        const failure = this.node.frames.sendFrame(interfaceName, frame);
        if (failure === undefined) this.recorder.record({ type: 'garp', node: this.name, interface: interfaceName });
        return failure;
      },
    };
  }

  #addresses(alive: () => boolean): AddressManager {
    const inner = this.node.addresses;
    const none = <T>(items: readonly T[]): Promise<readonly undefined[]> => Promise.resolve(items.map(() => undefined));
    return {
      addAddresses: (items) => (alive() ? inner.addAddresses(items) : none(items)),
      removeAddresses: (items) => (alive() ? inner.removeAddresses(items) : none(items)),
      addRoutes: (items) => (alive() ? inner.addRoutes(items) : none(items)),
      removeRoutes: (items) => (alive() ? inner.removeRoutes(items) : none(items)),
      addRules: (items) => (alive() ? inner.addRules(items) : none(items)),
      removeRules: (items) => (alive() ? inner.removeRules(items) : none(items)),
      ensureVmac: (spec) => (alive() ? inner.ensureVmac(spec) : Promise.resolve(undefined)),
      removeVmac: (name) => (alive() ? inner.removeVmac(name) : Promise.resolve(undefined)),
      presentAddresses: (items) => inner.presentAddresses(items),
    };
  }

  /** The daemon's tracker pool over check scripts whose results the `script` faults set. */
  #trackers(clock: Clock): TrackerPool {
    const names = new WeakMap<ScriptSpec, string>();
    const results = this.#scriptResults;
    let pid = 2000;
    const runner: ScriptRunner = {
      run: (spec): RunningScript => {
        const started = clock.nowMs();
        const exitCode = results.get(names.get(spec) ?? '') === 'down' ? 1 : 0;
        let settle: (outcome: ScriptOutcome) => void = () => undefined;
        const outcome = new Promise<ScriptOutcome>((resolve) => (settle = resolve));
        const timer = clock.setTimer(0, () => settle({ kind: 'exited', exitCode, durationMs: clock.nowMs() - started }));
        return {
          pid: pid++,
          outcome,
          kill: () => {
            clock.clearTimer(timer);
            settle({ kind: 'signalled', signal: 'SIGKILL', durationMs: clock.nowMs() - started });
          },
        };
      },
    };
    return createTrackerPool({
      clock,
      logger: silent,
      scripts: runner,
      files: new MemoryFileWatcher(),
      processes: new MemoryProcessWatcher(),
      prepareScript: (script) => {
        const line = script.script?.command ?? '';
        const spec: ScriptSpec = { argv: line.trim().split(/\s+/), commandLine: line, uid: 0, gid: 0, timeoutMs: script.timeoutMs ?? script.intervalMs };
        names.set(spec, script.name);
        return { ok: true, spec };
      },
    });
  }

  /** Notify scripts are recorded (what would have run) and succeed at once. */
  #scripts(clock: Clock, alive: () => boolean): ScriptRunner {
    const runner = new MemoryScriptRunner(clock);
    return {
      run: (spec) => {
        if (alive()) this.recorder.record({ type: 'notify', node: this.name, command: spec.commandLine });
        return runner.run(spec);
      },
    };
  }
}
