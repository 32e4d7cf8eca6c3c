/**
 * One vrrp_instance at run time: the instance machine running on the Clock port, with its named
 * actions performed over the ports (adverts through the VrrpLink, addresses through the
 * AddressManager, GARP/NA through the FrameSender) and its inputs fed from the link, the link
 * monitor and the sync group.
 *
 * Packets, timers and link events are handled synchronously as they arrive (no mailbox hop), so
 * a Master_Down_Timer fires at its exact, sub-millisecond time in virtual time too; the hosting
 * actor exists for supervision: anything thrown here is a bug, reported through `crash`, after
 * which this host is dead and the supervisor builds a new one from the configuration.
 */
import { createActor } from 'xstate';
import type { Actor, SnapshotFrom } from 'xstate';
import { normalizeParams, ownFault } from '../../machines/index.js';
import { bindEffects, providedInstanceMachine } from './instance-machine.js';
import type { InstanceEffects } from './instance-machine.js';
import type { InstanceContext, InstanceEvent, InstanceParamsInput, NotifyParams, StatsParams, SyncReportParams, TrackedState, vrrpInstanceMachine } from '../../machines/index.js';
import { advertLosesToUs, computeEffectivePriority } from '../../machines/instance/derive.js';
import { msToUs } from '../../machines/timers.js';
import { canonicalAddressText, isIpv6LinkLocal } from '../../protocol/index.js';
import type { ReceivedAdvert, VrrpLink, VrrpLinkSpec } from '../../ports/vrrp-link.js';
import type { LinkEvent } from '../../ports/links.js';
import type { RoutingEvent } from '../../ports/routing.js';
import type { AddressSpec } from '../../ports/addresses.js';
import type { TimerHandle } from '../../ports/clock.js';
import { INSTANCE_COLON_FIELD, UNPREFIXED_FIELD } from '../../ports/logger.js';
import type { LogFields, Logger } from '../../ports/logger.js';
import type { InstanceStateName, InstanceStatus, TrackedSource, VrrpEvent, VrrpPorts } from './subsystem.js';
import { AdvertSender } from './advert-sender.js';
import { AhSequence } from './ah-sequence.js';
import { AdvertReceiver, receiveContextFor } from './advert-receiver.js';
import { xstateClock } from './clock-adapter.js';
import { counterForMachine, zeroCounters } from './counters.js';
import type { Counters } from './counters.js';
import { GratuitousScheduler } from './garp.js';
import type { GarpPacing } from './garp.js';
import { settingsKey, trackedAddressRemoved } from './params.js';
import type { InstanceSettings } from './params.js';
import { AddressKeeper } from './address-keeper.js';
import { isRemovedRoute, isRemovedRule } from './routing-match.js';
import { AdverTimer } from './adver-timer.js';
import type { AdverGrid } from './adver-timer.js';
import { rehearseTakeoverOnce } from './rehearsal.js';
import { transitionLine } from './transition-line.js';
import { advertDetailLine, advertLine } from './advert-line.js';

/** A test-only way to inject a bug: called at named points, may throw. */
export type FaultHook = (instance: string, point: string) => void;

export interface InstanceHostDeps {
  readonly ports: VrrpPorts;
  readonly log: Logger;
  readonly emit: (event: VrrpEvent) => void;
  readonly syncReport: (params: SyncReportParams) => void;
  /** A bug surfaced here: the hosting actor crashes with it. */
  readonly crash: (error: unknown) => void;
  readonly faultHook?: FaultHook | undefined;
  /** Tracked scripts, files and processes (absent: they stay as the machine assumes, up). */
  readonly trackers?: TrackedSource | undefined;
  /** GARP/NA spacing shared by the subsystem's instances (absent: this instance's own). */
  readonly garpPacing?: GarpPacing | undefined;
  /** Adver_Timer slots shared by the subsystem's instances (absent: each keeps to its own interval). */
  readonly adverGrid?: AdverGrid | undefined;
  /**
   * Whether this is the first time the subsystem says `key` (keepalived's instances sharing a
   * socket share its failure: one line for them all). Absent: always the first.
   */
  readonly firstTime?: ((key: string) => boolean) | undefined;
}

/**
 * A configured unicast_src_ip / mcast_src_ip missing from the host: keepalived's bind fails and
 * the instance goes to FAULT ("src address not configured") until the address appears. Without
 * one configured, an interface with no address of the instance's family (IPv6: link-local) does
 * the same ("no IPv4 address for interface"). The host feeds either to the machine as a weight-0
 * tracked object under this key.
 */
export const SOURCE_ADDRESS_KEY = 'source-address';

const UNPREFIXED: LogFields = { [UNPREFIXED_FIELD]: true };
const COLON: LogFields = { [INSTANCE_COLON_FIELD]: true };
const SOURCE_NOT_CONFIGURED = 'src address not configured';

/** Whether `address` is on some interface (IPv6 compared in canonical form). */
function onHost(links: readonly { readonly addresses: readonly { readonly address: string }[] }[], address: string): boolean {
  const wanted = canonicalAddressText(address);
  return links.some((link) => link.addresses.some((a) => canonicalAddressText(a.address) === wanted));
}

/** How long to wait before trying again to open a link that could not open (no address yet…). */
export const LINK_RETRY_MS = 1000;

type InstanceActor = Actor<typeof vrrpInstanceMachine>;
type InstanceSnapshot = SnapshotFrom<typeof vrrpInstanceMachine>;

function linkSpecOf(settings: InstanceSettings): VrrpLinkSpec {
  return {
    instance: settings.name,
    interfaceName: settings.advertInterface,
    family: settings.family,
    vrid: settings.vrid,
    sourceAddress: settings.sourceAddress,
    unicastPeers: settings.unicastPeers.map((peer) => peer.address),
    multicastGroup: settings.multicastGroup,
    unicastTtl: settings.unicastTtl,
    authType: settings.authType,
  };
}

export class InstanceHost {
  readonly #deps: InstanceHostDeps;
  #settings: InstanceSettings;
  #counters: Counters = zeroCounters();
  #link: VrrpLink | undefined;
  #sender: AdvertSender | undefined;
  #receiver: AdvertReceiver | undefined;
  #oldUnicastChecksum = false;
  /** One AH sequence counter for both directions, kept across wire rebuilds (see AhSequence). */
  readonly #ahSequence = new AhSequence();
  #actor: InstanceActor | undefined;
  #unsubscribeActor: (() => void) | undefined;
  #garp: GratuitousScheduler;
  /** Master's advert rounds (the machine arms and stops it). */
  readonly #adverTimer: AdverTimer;
  #retryTimer: TimerHandle | undefined;
  #unsubscribeLinks: (() => void) | undefined;
  #unsubscribeRouting: (() => void) | undefined;
  #unsubscribeTrackers: (() => void)[] = [];
  #trackerKeys = '';
  /** Last known up/down of the instance's interface and of tracked interfaces. */
  readonly #linkUp = new Map<string, boolean>();
  #role: InstanceStateName = 'INIT';
  #priority: number;
  #masterAddress: string | undefined;
  #masterPriority: number | undefined;
  #lastTransitionMs: number | undefined;
  #lastTransitionReason: string | undefined;
  /** What addVips installed and removeVips must take away. */
  readonly #addresses: AddressKeeper;
  #keepVips = false;
  #dead = false;
  /** The ifindex the open link was bound to (a re-created interface gets a new one). */
  #linkIfindex: number | undefined;
  /** The VMAC is being (re-)created; the link opens when that is done. */
  #vmacPending = false;
  /** We created (or adopted) the VMAC: it goes at shutdown and deletion. */
  #vmacOurs = false;
  /**
   * Whether the source address (configured, or any of the family on the interface) was there when
   * last looked at; undefined: not yet, or never missing when none is configured.
   */
  #sourceState: boolean | undefined;

  /**
   * The source adverts leave from, when none is configured, as the link monitor sees it: the
   * interface's first IPv4 address or its link-local IPv6 one, whether the interface is up or
   * down (an instance on a down interface opens its link and waits in FAULT, as keepalived's).
   * An IPv4 VMAC has no address of its own: adverts leave with its base interface's.
   */
  #openSpec(): VrrpLinkSpec {
    const spec = linkSpecOf(this.#settings);
    if (spec.sourceAddress !== undefined) return spec;
    const vmac = this.#settings.vmac;
    const monitor = this.#deps.ports.linkMonitor;
    if (vmac !== undefined) {
      if (spec.family !== 'ipv4' || spec.interfaceName !== vmac.name) return spec;
      const base = monitor.link(vmac.baseInterface)?.addresses.find((a) => a.family === 'ipv4')?.address;
      return base === undefined ? spec : { ...spec, sourceAddress: base };
    }
    const source = this.#interfaceSource();
    return source === undefined ? spec : { ...spec, sourceAddress: source };
  }

  /**
   * The advert interface's first IPv4 address or its link-local IPv6 one, by the link monitor.
   * The instance's own VIPs do not count: adverts never leave from one.
   */
  #interfaceSource(): string | undefined {
    const { advertInterface, family, vips, excluded } = this.#settings;
    const own = new Set([...vips, ...excluded].map((vip) => canonicalAddressText(vip.address)));
    return this.#deps.ports.linkMonitor.link(advertInterface)?.addresses.find((a) => a.family === family
      && !own.has(canonicalAddressText(a.address)) && (a.family === 'ipv4' || isIpv6LinkLocal(a.address)))?.address;
  }
  /** What is being fed to the machine, for transition reasons. */
  #cause: string | undefined;

  constructor(deps: InstanceHostDeps, settings: InstanceSettings) {
    this.#deps = deps;
    this.#settings = settings;
    // keepalived starts its scripts after its instances: one with weight-0 scripts always waits.
    this.#heldForScripts = settings.initScripts.length > 0;
    this.#priority = settings.machine.priority;
    this.#addresses = new AddressKeeper(deps.ports.addresses, deps.log, (error) => this.#crash(error));
    this.#garp = this.#newGarp(settings);
    this.#adverTimer = new AdverTimer(deps.ports.clock, () => this.#guard(() => this.#adverRound()), deps.adverGrid);
  }

  get name(): string {
    return this.#settings.name;
  }

  get settings(): InstanceSettings {
    return this.#settings;
  }

  get vipsInstalled(): boolean {
    return this.#addresses.installed;
  }

  get installedAddresses(): readonly AddressSpec[] {
    return this.#addresses.addresses;
  }

  /** Starts watching links and opens the VRRP link (creating the VMAC first when configured). */
  start(): void {
    this.#rehearse();
    this.#unsubscribeLinks = this.#deps.ports.linkMonitor.subscribe((event) => this.#guard(() => this.#onLinkEvent(event)));
    this.#followRouting();
    this.#subscribeTrackers();
    if (this.#settings.vmac === undefined) {
      this.#guard(() => this.#tryOpen());
      return;
    }
    this.#ensureVmac();
  }

  /** The first instance of the process compiles the takeover path before any takeover waits for it. */
  #rehearse(): void {
    try {
      rehearseTakeoverOnce();
    } catch (error) {
      // The real machine would meet the same problem; it is reported there, where it matters.
      this.#deps.log.debug('takeover rehearsal failed', { error: String(error) });
    }
  }

  /** Creates the VMAC (again, after its base interface came back) and then opens the link. */
  #ensureVmac(): void {
    const vmac = this.#settings.vmac;
    if (vmac === undefined || this.#vmacPending) return;
    this.#vmacPending = true;
    this.#addresses.queue(async () => {
      const failure = await this.#deps.ports.addresses.ensureVmac(vmac);
      this.#vmacPending = false;
      if (failure !== undefined) this.#deps.log.warn('cannot create VMAC interface', { vmac: vmac.name, failure });
      else {
        this.#vmacOurs = true;
        this.#detail(`Success creating VMAC interface ${vmac.name}`, COLON);
      }
      this.#guard(() => this.#tryOpen());
    });
  }

  /** keepalived removes its VMAC when the instance stops (unless -V) or is deleted. */
  async #removeVmac(): Promise<void> {
    const vmac = this.#settings.vmac;
    if (vmac === undefined || !this.#vmacOurs) return;
    this.#vmacOurs = false;
    const failure = await this.#deps.ports.addresses.removeVmac(vmac.name);
    if (failure !== undefined) this.#deps.log.warn('cannot remove VMAC interface', { vmac: vmac.name, failure });
    else this.#detail(`Success removing VMAC interface ${vmac.name}`);
  }

  /** Whether the step under way is the sync group's command (see transitionLine). */
  #bySyncGroup = false;

  /** Commands from the sync group `group`. */
  command(event: InstanceEvent, group: string): void {
    const outer = this.#bySyncGroup;
    this.#bySyncGroup = true;
    try {
      this.#deliver(event, `sync group ${group}`);
    } finally {
      this.#bySyncGroup = outer;
    }
  }

  /** SIGTERM: a Master sends priority 0 and (unless told not to) releases its addresses. */
  async shutdown(releaseVips: boolean): Promise<void> {
    this.#keepVips = !releaseVips;
    this.#deliver({ type: 'SHUTDOWN' }, 'shutdown');
    await this.settled();
    this.dispose();
    if (releaseVips) await this.#removeVmac();
  }

  /** Removed from the configuration: like shutdown, ending in DELETED. */
  async remove(): Promise<void> {
    if (this.#actor === undefined && !this.#dead) {
      // Never got a link, so no machine to tell: the instance still leaves as DELETED.
      const from = this.#role;
      this.#role = 'DELETED';
      const atMs = this.#deps.ports.clock.nowMs();
      this.#deps.emit({ type: 'instance-state', instance: this.name, from, to: 'DELETED', priority: this.#priority, reason: 'removed from configuration', atMs });
    }
    this.#deliver({ type: 'RELOAD_DELETE' }, 'removed from configuration');
    await this.settled();
    this.dispose();
    await this.#removeVmac();
  }

  /** Address work queued so far has completed. */
  async settled(): Promise<void> {
    await this.#addresses.settled();
  }

  /** Stops everything without effects on addresses or the wire (after a crash, or once stopped). */
  dispose(): void {
    this.#dead = true;
    this.#unsubscribeActor?.();
    this.#unsubscribeActor = undefined;
    this.#actor?.stop();
    this.#adverTimer.stop();
    this.#garp.stop();
    this.#closeLink();
    if (this.#retryTimer !== undefined) this.#deps.ports.clock.clearTimer(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#unsubscribeLinks?.();
    this.#unsubscribeLinks = undefined;
    this.#unsubscribeRouting?.();
    this.#unsubscribeRouting = undefined;
    this.#unsubscribeTrackers.splice(0).forEach((off) => off());
  }

  clearStats(): void {
    const zero = zeroCounters();
    for (const key of Object.keys(zero) as (keyof Counters)[]) this.#counters[key] = 0;
  }

  status(): InstanceStatus {
    const s = this.#settings;
    return {
      name: s.name,
      vrid: s.vrid,
      family: s.family,
      interfaceName: s.interfaceName,
      state: this.#role,
      basePriority: this.#actor?.getSnapshot().context.basePriority ?? s.machine.priority,
      effectivePriority: this.#priority,
      masterAddress: this.#role === 'MASTER' ? this.#link?.sourceAddress : this.#masterAddress,
      masterPriority: this.#role === 'MASTER' ? this.#priority : this.#masterPriority,
      lastTransitionMs: this.#lastTransitionMs,
      lastTransitionReason: this.#lastTransitionReason,
      syncGroup: s.syncGroup,
      counters: { ...this.#counters },
      vipsInstalled: this.#addresses.installed,
    };
  }

  /** Tells the sync group our current state again (a new group instance needs everyone's report). */
  reportToSyncGroup(): void {
    const group = this.#settings.machine.syncGroup;
    const snapshot = this.#actor?.getSnapshot();
    if (group === undefined || snapshot === undefined) return;
    const { context } = snapshot;
    if (context.role !== 'BACKUP' && context.role !== 'MASTER' && context.role !== 'FAULT') return;
    this.#deps.syncReport({
      group: group.name, member: this.name, state: context.role, wantMaster: context.wantMaster, ownFault: ownFault(context), yielded: context.yielded,
    });
  }

  /**
   * Reload with settings that keep VRID, interface, family and cast (see fundamentalKey): the
   * wire and addresses adapt in place; when the machine's parameters changed, the machine is
   * rebuilt in the same role (a Master stays Master, its addresses untouched: no flap).
   */
  update(next: InstanceSettings): void {
    this.#guard(() => {
      const previous = this.#settings;
      this.#settings = next;
      this.#subscribeTrackers();
      this.#followRouting();
      if (settingsKey(previous.garp) !== settingsKey(next.garp)) {
        this.#garp.stop();
        this.#garp = this.#newGarp(next);
      }
      this.#addresses.adapt(next);
      if (settingsKey(linkSpecOf(previous)) !== settingsKey(linkSpecOf(next))) {
        this.#closeLink();
        this.#tryOpen();
      } else if (this.#link !== undefined) {
        this.#buildWire(this.#link);
      }
      if (this.#actor !== undefined && settingsKey(previous.machine) !== settingsKey(next.machine)) this.#withCause('reload', () => this.#rebuildMachine());
      else if (this.#actor === undefined) this.#startWhenReady();
    });
  }

  /**
   * After every reload that keeps this instance, changed or not: keepalived sets each priority
   * back to the configured one and adds the tracked weights again, saying so when they move it
   * ("Changing effective priority from 120 to 110"). A Master sets its addresses again and sends
   * one round of gratuitous ARPs / NAs for all of them, new ones included.
   */
  reloaded(): void {
    this.#guard(() => {
      const context = this.#actor?.getSnapshot().context;
      if (this.#dead || context === undefined) return;
      if (context.effectivePriority !== context.basePriority) {
        this.#deps.log.info(`Changing effective priority from ${context.basePriority} to ${context.effectivePriority}`);
      }
      if (this.#role !== 'MASTER' || !this.#addresses.installed) return;
      this.#detailSetting();
      this.#garp.reloaded();
    });
  }

  // ---- Link and wire. ----

  #tryOpen(): void {
    if (this.#dead || this.#link !== undefined || this.#vmacPending) return;
    const { links, linkMonitor } = this.#deps.ports;
    const configured = this.#settings.sourceAddress;
    if (configured !== undefined && !onHost(linkMonitor.links(), configured)) {
      // keepalived: bind fails (one line per socket its instances share), FAULT "src address not
      // configured" until the address appears.
      if (this.#sourceState !== false && this.#actor === undefined) {
        const bind = `bind ${this.#settings.unicastPeers.length > 0 ? 'unicast' : 'mcast'}_src ${configured} failed 99 - Cannot assign requested address`;
        if (this.#deps.firstTime?.(`${this.#settings.advertInterface} ${bind}`) ?? true) this.#deps.log.error(bind, { [UNPREFIXED_FIELD]: true });
        this.#deps.log.info(`entering FAULT state (${SOURCE_NOT_CONFIGURED})`, COLON);
      }
      this.#sourceMissing(SOURCE_NOT_CONFIGURED, configured);
      this.#armRetry();
      return;
    }
    if (configured === undefined && this.#interfaceAddressMissing()) {
      this.#familyAddressMissing();
      this.#armRetry();
      return;
    }
    const opened = links.open(this.#openSpec(), (advert) => this.#guard(() => this.#onAdvert(advert)));
    if ('error' in opened || opened.sourceAddress === undefined) {
      if (!('error' in opened)) opened.close();
      const why = 'error' in opened ? opened.error : 'no source address';
      this.#deps.log.debug('VRRP link not open yet', { why });
      this.#armRetry();
      return;
    }
    this.#link = opened;
    this.#linkIfindex = linkMonitor.link(this.#settings.advertInterface)?.ifindex;
    this.#buildWire(opened);
    if (this.#sourceState === false) {
      const cause = configured !== undefined ? `source address ${configured} configured` : `address ${opened.sourceAddress} on ${this.#settings.advertInterface}`;
      // The FAULT machine was given a stand-in primary address: the same machine, still in FAULT,
      // gets the real one (it decides equal-priority elections) before it leaves FAULT the usual
      // way, so that a sync group sees one member's recovery, not a new member in BACKUP.
      if (configured === undefined) this.#withCause(cause, () => this.#rebuildMachine({ keepFault: true }));
      this.#sourceState = true;
      this.#deliver({ type: 'TRACKED', name: SOURCE_ADDRESS_KEY, state: { up: true } }, cause);
    }
    this.#startWhenReady();
  }

  /** An interface without an address to advertise from, when none is configured (a VMAC's is its base's). */
  #interfaceAddressMissing(): boolean {
    const { vmac, advertInterface } = this.#settings;
    // A missing interface is not this: opening the link fails and is retried.
    if (vmac !== undefined || this.#deps.ports.linkMonitor.link(advertInterface) === undefined) return false;
    return this.#interfaceSource() === undefined;
  }

  #familyAddressMissing(): void {
    const cause = `no ${this.#settings.family === 'ipv4' ? 'IPv4' : 'IPv6'} address for interface`;
    // At start keepalived logs two lines, this one with the cause and then the transition's.
    if (this.#actor === undefined && this.#sourceState !== false) this.#deps.log.info(`entering FAULT state (${cause})`);
    this.#sourceMissing(cause, this.#settings.family === 'ipv4' ? '0.0.0.0' : '::');
  }

  /** The source address is missing: FAULT through the weight-0 tracked key until it appears. */
  #sourceMissing(cause: string, primaryAddress: string): void {
    const wasMissing = this.#sourceState === false;
    this.#sourceState = false;
    if (this.#actor !== undefined) {
      if (!wasMissing) this.#deliver({ type: 'TRACKED', name: SOURCE_ADDRESS_KEY, state: { up: false } }, cause);
      return;
    }
    // Start the machine without a link: it goes straight to FAULT, as keepalived's does. Scripts
    // still without a first result hold it in INIT; a later retry starts it.
    if (this.#dead || this.#initScriptsWaiting().length > 0) return;
    this.#withCause(cause, () => this.#startMachine(this.#freshInput(primaryAddress, this.#settings.machine.startupDelayMs ?? 0)));
  }

  /**
   * Starts the machine once the link is open and no weight-0 script is still without a first
   * result (keepalived's num_script_init: the instance stays in INIT, no notification, until then).
   */
  #startWhenReady(): void {
    const source = this.#link?.sourceAddress;
    if (this.#dead || this.#actor !== undefined || source === undefined) return;
    if (this.#initScriptsWaiting().length > 0) return;
    // keepalived's line with the cause, before the transition's.
    const { interfaceName } = this.#settings;
    if (!this.#isUp(interfaceName)) this.#deps.log.info(`entering FAULT state (interface ${interfaceName} down)`, { [INSTANCE_COLON_FIELD]: true });
    this.#startMachine(this.#freshInput(source, this.#settings.machine.startupDelayMs ?? 0));
  }

  #initScriptsWaiting(): string[] {
    const trackers = this.#deps.trackers;
    if (trackers === undefined) return [];
    const states = trackers.states();
    return this.#settings.initScripts.filter((key) => (trackers.tracks?.(key) ?? true) && states[key] === undefined);
  }

  // ---- Tracked scripts, files and processes. ----

  #subscribeTrackers(): void {
    const trackers = this.#deps.trackers;
    const keys = this.#settings.trackerKeys;
    if (trackers === undefined || keys.join('\n') === this.#trackerKeys) return;
    this.#unsubscribeTrackers.splice(0).forEach((off) => off());
    this.#trackerKeys = keys.join('\n');
    for (const key of keys) {
      this.#unsubscribeTrackers.push(trackers.subscribe(key, (state) => this.#guard(() => this.#onTracked(key, state))));
    }
  }

  #onTracked(key: string, state: TrackedState): void {
    if (this.#dead) return;
    if (this.#actor === undefined) {
      this.#startWhenReady();
      return;
    }
    const described = 'up' in state ? (state.up ? 'up' : 'down') : `value ${state.value}`;
    this.#deliver({ type: 'TRACKED', name: key, state }, `tracked ${key.replace(':', ' ')} ${described}`);
  }

  /**
   * Current tracker states for the machine's start. A weighted script still without a result
   * counts for nothing, as keepalived's SCRIPT_INIT_STATE_INIT: "down" for a positive weight,
   * "up" for a negative one (the machine would otherwise take it as up).
   */
  #trackerStates(): Record<string, TrackedState> {
    const trackers = this.#deps.trackers;
    const states = trackers?.states() ?? {};
    const result: Record<string, TrackedState> = {};
    for (const key of this.#settings.trackerKeys) {
      const state = states[key];
      if (state !== undefined) result[key] = state;
      else if (key.startsWith('script:') && trackers !== undefined && (trackers.tracks?.(key) ?? true)) {
        const weight = this.#settings.machine.tracked?.find((object) => object.name === key)?.weight ?? 0;
        if (weight !== 0) result[key] = { up: weight < 0 };
      }
    }
    return result;
  }

  #armRetry(): void {
    if (this.#retryTimer !== undefined) return;
    this.#retryTimer = this.#deps.ports.clock.setTimer(LINK_RETRY_MS, () => {
      this.#retryTimer = undefined;
      this.#guard(() => this.#tryOpen());
    });
  }

  #buildWire(link: VrrpLink): void {
    const { hmacMd5 } = this.#deps.ports;
    this.#sender = new AdvertSender(this.#settings, link, hmacMd5, this.#oldUnicastChecksum, this.#ahSequence);
    const context = receiveContextFor(this.#settings, hmacMd5, this.#oldUnicastChecksum);
    if (!context.ok) {
      // Config checks should have refused this; without a context nothing can be accepted.
      this.#deps.log.error('cannot validate adverts for this instance', { error: context.error });
      this.#receiver = undefined;
      return;
    }
    this.#receiver = new AdvertReceiver(context.context, this.#settings, this.#counters, this.#ahSequence);
  }

  #closeLink(): void {
    this.#link?.close();
    this.#link = undefined;
    this.#linkIfindex = undefined;
    this.#sender = undefined;
    this.#receiver = undefined;
  }

  /**
   * While an advert is handled, when it was read: timers it arms (Master_Down_Timer, Skew_Time…)
   * count from its arrival, not from the end of decoding, validation and the machine's step —
   * up to a few ms of JS run rarely, hence not optimised, at one advert a second (bench/daemon.mjs).
   */
  #advertAtMs: number | undefined;

  #onAdvert(advert: ReceivedAdvert): void {
    this.#advertAtMs = advert.receivedAtMs;
    try {
      this.#handleAdvert(advert);
    } finally {
      this.#advertAtMs = undefined;
    }
  }

  #handleAdvert(advert: ReceivedAdvert): void {
    if (this.#dead || this.#receiver === undefined || this.#actor === undefined) return;
    this.#deps.faultHook?.(this.name, 'ADVERT');
    const outcome = this.#receiver.receive(advert.packet);
    if (!outcome.ok) {
      this.#deps.log.debug('advert rejected', { reason: outcome.reason });
      return;
    }
    if (outcome.oldUnicastChecksum && !this.#oldUnicastChecksum && this.#link !== undefined) {
      this.#deps.log.info('peer uses the old VRRPv3 unicast checksum: switching to it', { peer: outcome.source });
      this.#oldUnicastChecksum = true;
      this.#buildWire(this.#link);
    }
    const context = this.#actor.getSnapshot().context;
    const event = { type: 'ADVERT', priority: outcome.priority, maxAdvertIntervalMs: outcome.maxAdvertIntervalMs, sourceAddress: outcome.source } as const;
    // keepalived's "lower priority" includes an equal priority from a lower address.
    if (context.role === 'MASTER' && outcome.priority > 0 && advertLosesToUs(context, event)) this.#garp.lowerPriorityHeard();
    const line = advertLine(context, event);
    if (line !== undefined) this.#deps.log.info(line);
    const detail = advertDetailLine(context, event);
    if (detail !== undefined) this.#detail(detail);
    this.#deliver(event, `advert from ${outcome.source} priority ${outcome.priority}`);
  }

  #onLinkEvent(event: LinkEvent): void {
    if (this.#dead) return;
    const name = event.type === 'link' ? event.link.name : event.name;
    const s = this.#settings;
    if (this.#link !== undefined && name === s.advertInterface) {
      // The socket is bound to the old ifindex: a deleted (or re-created) interface needs a new one.
      const gone = event.type === 'link-removed' || (event.type === 'link' && this.#linkIfindex !== undefined && event.link.ifindex !== this.#linkIfindex);
      if (gone) {
        this.#deps.log.info(`interface ${name} ${event.type === 'link-removed' ? 'deleted' : 're-created'}: reopening the VRRP link`);
        this.#closeLink();
      }
    }
    // A VMAC goes with its base interface; keepalived creates it again when the base comes back.
    if (s.vmac !== undefined && event.type === 'link' && name === s.vmac.baseInterface && this.#deps.ports.linkMonitor.link(s.vmac.name) === undefined) {
      this.#ensureVmac();
    }
    if (event.type === 'address-removed' && name === s.advertInterface) this.#onAddressRemoved(event.address.address);
    if (event.type === 'address-removed') this.#onVirtualAddressRemoved(name, event.address.address);
    if (this.#link === undefined) this.#tryOpen();
    const up = event.type === 'link' ? event.link.up : event.type === 'link-removed' ? false : undefined;
    if (up === undefined || this.#linkUp.get(name) === up) return;
    this.#linkUp.set(name, up);
    if (name === this.#settings.interfaceName) {
      this.#deliver({ type: up ? 'INTERFACE_UP' : 'INTERFACE_DOWN' }, `interface ${name} ${up ? 'up' : 'down'}`);
    }
    for (const tracked of this.#settings.trackedInterfaces) {
      if (tracked.interfaceName === name) this.#deliver({ type: 'TRACKED', name: tracked.key, state: { up } }, `tracked interface ${name} ${up ? 'up' : 'down'}`);
    }
  }

  /**
   * The interface lost the address adverts leave from (none configured). keepalived goes to FAULT
   * (a Master first sends priority 0 and drops its VIPs) when no address of the family is left,
   * and advertises from the next one otherwise; the link is reopened either way.
   */
  #onAddressRemoved(address: string): void {
    const source = this.#link?.sourceAddress;
    const settings = this.#settings;
    if (source === undefined || settings.sourceAddress !== undefined || settings.vmac !== undefined) return;
    if (canonicalAddressText(address) !== canonicalAddressText(source)) return;
    if (this.#interfaceAddressMissing()) {
      // Before the link closes, so that a Master's priority-0 advert still goes out. A Master
      // passes through BACKUP (its line and notifications) on its way to FAULT, as keepalived's.
      this.#deliver({ type: 'ADDRESS_DELETED' }, `source address ${source} removed from ${settings.advertInterface}`);
      this.#familyAddressMissing();
      this.#closeLink();
      return;
    }
    this.#closeLink();
    this.#tryOpen();
    // The machine elects with its primary address: a new one for the new source.
    this.#withCause(`source address ${source} removed from ${settings.advertInterface}`, () => this.#rebuildMachine());
  }

  /**
   * Someone else deleted an address this Master installed: unless it is marked no_track, keepalived
   * gives mastership up (priority 0) and takes it back after Skew_Time, putting the addresses back.
   * Addresses we remove ourselves are no longer in the keeper's list by the time the kernel says so.
   */
  #onVirtualAddressRemoved(interfaceName: string, address: string): void {
    if (this.#role !== 'MASTER' || !this.#addresses.installed) return;
    const ours = trackedAddressRemoved(this.#addresses.addresses, this.#settings.untrackedAddresses, interfaceName, address);
    if (ours === undefined) return;
    this.#deliver({ type: 'VIRTUAL_ITEM_DELETED' }, `virtual address ${ours.address} deleted from ${interfaceName}`);
  }

  /** Listens for deleted routes and rules only while the instance has virtual ones to follow. */
  #followRouting(): void {
    const wanted = this.#settings.virtualRoutes.length > 0 || this.#settings.virtualRules.length > 0;
    if (wanted && this.#unsubscribeRouting === undefined) {
      this.#unsubscribeRouting = this.#deps.ports.routingMonitor.subscribe((event) => this.#guard(() => this.#onRoutingEvent(event)));
    } else if (!wanted && this.#unsubscribeRouting !== undefined) {
      this.#unsubscribeRouting();
      this.#unsubscribeRouting = undefined;
    }
  }

  /**
   * Someone else deleted a virtual route or rule this Master installed and follows (see
   * RoutesAndRules): keepalived reacts as to a deleted VIP. Those we remove ourselves are no
   * longer in the keeper's lists by the time the kernel says so.
   */
  #onRoutingEvent(event: RoutingEvent): void {
    if (this.#dead || this.#role !== 'MASTER' || !this.#addresses.installed) return;
    const { trackedRoutes, trackedRules } = this.#addresses.routesAndRules;
    if (event.type === 'route-removed') {
      const ifindexOf = (name: string) => this.#deps.ports.linkMonitor.link(name)?.ifindex;
      const ours = trackedRoutes.find((spec) => isRemovedRoute(spec, event.route, ifindexOf));
      if (ours === undefined) return;
      this.#deliver({ type: 'VIRTUAL_ITEM_DELETED' }, `virtual route ${ours.destination}/${ours.prefixLength} deleted`);
      return;
    }
    const rule = event.rule;
    if (!trackedRules.some((spec) => isRemovedRule(spec, rule))) return;
    const selector = [rule.from === undefined ? 'from all' : `from ${rule.from}/${rule.fromPrefixLength}`, rule.to === undefined ? '' : ` to ${rule.to}/${rule.toPrefixLength}`].join('');
    this.#deliver({ type: 'VIRTUAL_ITEM_DELETED' }, `virtual rule ${selector} deleted`);
  }

  #isUp(name: string): boolean {
    const up = this.#deps.ports.linkMonitor.link(name)?.up ?? false;
    this.#linkUp.set(name, up);
    return up;
  }

  // ---- The machine. ----

  #freshInput(primaryAddress: string, startupDelayMs: number, tracked?: Readonly<Record<string, TrackedState>>): InstanceParamsInput {
    const initialTracked: Record<string, TrackedState> = { ...tracked, ...this.#trackerStates() };
    for (const t of this.#settings.trackedInterfaces) initialTracked[t.key] = { up: this.#isUp(t.interfaceName) };
    const machine = this.#settings.machine;
    // Without a VMAC, every instance can lose its source address (see SOURCE_ADDRESS_KEY).
    const sourceTracked = this.#settings.sourceAddress !== undefined || this.#settings.vmac === undefined;
    if (sourceTracked) initialTracked[SOURCE_ADDRESS_KEY] = { up: this.#sourceState !== false };
    return {
      ...machine,
      ...(sourceTracked ? { tracked: [...(machine.tracked ?? []), { name: SOURCE_ADDRESS_KEY, weight: 0, reverse: false }] } : {}),
      startupDelayMs,
      primaryAddress,
      initialInterfaceUp: this.#isUp(this.#settings.interfaceName),
      initialTracked,
    };
  }

  /** This instance's side of the shared machine's actions. */
  #effects(): InstanceEffects {
    return {
      sendAdvert: (priority) => {
        this.#sendAdvert(priority);
        if (priority === 0) this.#detail('sent 0 priority');
      },
      // Armed on a received advert, it counts from the advert's arrival, as the machine's timers do.
      startAdverTimer: (intervalMs) => this.#adverTimer.start(intervalMs, this.#advertAtMs),
      stopAdverTimer: () => this.#adverTimer.stop(),
      addVips: () => {
        this.#addresses.install(this.#settings);
        this.#detailSetting();
      },
      removeVips: () => {
        if (this.#keepVips || !this.#addresses.installed) return;
        const { routes, rules } = this.#addresses.routesAndRules;
        const hadAddresses = this.#addresses.addresses.length > 0;
        this.#addresses.release();
        if (rules.length > 0) this.#detail('removing Virtual Rules');
        if (routes.length > 0) this.#detail('removing Virtual Routes');
        if (hadAddresses) this.#detail('removing VIPs.');
      },
      sendGratuitous: () => this.#garp.becameMaster(),
      notify: (params) => this.#onNotify(params),
      statsCount: (params) => this.#count(params),
      // Sent once our machine's step is done and logged (see #withCause): keepalived's order is the
      // member's own move, then the group's line and its other members'.
      syncReport: (params) => {
        this.#syncOutbox.push(params);
        if (this.#stepDepth === 0) this.#sendSyncReports();
      },
    };
  }

  #startMachine(input: InstanceParamsInput, restored?: InstanceContext): void {
    const machine = providedInstanceMachine;
    const clock = xstateClock(
      this.#deps.ports.clock,
      (fire) => this.#withCause('timer', fire),
      () => (this.#advertAtMs === undefined ? 0 : Math.max(0, this.#deps.ports.clock.nowMs() - this.#advertAtMs)),
    );
    const actor = restored === undefined
      ? createActor(machine, { input, clock })
      : createActor(machine, { input, snapshot: machine.resolveState({ value: restored.role === 'MASTER' ? 'Master' : 'Fault', context: restored }), clock });
    bindEffects(actor, this.#effects());
    const subscription = actor.subscribe({
      next: (snapshot) => this.#guard(() => this.#onSnapshot(snapshot)),
      error: (error) => this.#crash(error),
    });
    this.#actor = actor;
    this.#unsubscribeActor = () => subscription.unsubscribe();
    this.#withCause(restored === undefined ? 'startup' : 'reload', () => actor.start());
  }

  /**
   * A new machine for new parameters, in the same role when Master (its addresses untouched) or,
   * with `keepFault`, when in FAULT (it then leaves FAULT by its usual path); otherwise from INIT.
   */
  #rebuildMachine({ keepFault = false }: { readonly keepFault?: boolean } = {}): void {
    const old = this.#actor;
    const source = this.#link?.sourceAddress;
    if (old === undefined || source === undefined) return;
    const { context } = old.getSnapshot();
    this.#unsubscribeActor?.();
    old.stop();
    // Stopping an actor runs no exit actions: the old machine's Adver_Timer goes by hand.
    this.#adverTimer.stop();
    // No vrrp_startup_delay on reload: keepalived applies it at daemon start only.
    const input = this.#freshInput(source, 0, context.tracked);
    if (context.role !== 'MASTER' && !(keepFault && context.role === 'FAULT')) {
      this.#startMachine(input);
      return;
    }
    const params = normalizeParams(input);
    const basePriority = params.priority;
    const restored: InstanceContext = {
      ...context,
      params,
      basePriority,
      effectivePriority: computeEffectivePriority({ params, basePriority, tracked: context.tracked }),
      masterAdverIntervalUs: msToUs(params.advertIntervalMs),
      lastSyncReport: '',
    };
    this.#startMachine(input, restored);
    // A restored Master has no Adver_Timer: advertise now (new priority, new interval) and re-arm.
    if (context.role === 'MASTER') this.#deliver({ type: 'ADVER_TIMER' }, 'reload');
  }

  #deliver(event: InstanceEvent, cause: string): void {
    this.#guard(() => {
      if (this.#dead || this.#actor === undefined) return;
      this.#deps.faultHook?.(this.name, event.type);
      this.#withCause(cause, () => this.#actor?.send(event));
    });
  }

  /**
   * keepalived's `-D` detail lines (debug here) made during a step: it writes them after the
   * step's transition line ("Entering MASTER STATE", then "setting VIPs."), while the machine's
   * actions run before our snapshot handler logs that line.
   */
  readonly #detailOutbox: (() => void)[] = [];

  #detail(message: string, fields?: LogFields): void {
    const write = () => this.#deps.log.debug(message, fields);
    if (this.#stepDepth > 0) this.#detailOutbox.push(write);
    else write();
  }

  /** keepalived's detail lines for a Master (re)installing what it owns. */
  #detailSetting(): void {
    const { routes, rules } = this.#addresses.routesAndRules;
    if (this.#addresses.addresses.length > 0) this.#detail('setting VIPs.');
    if (routes.length > 0) this.#detail('setting Virtual Routes');
    if (rules.length > 0) this.#detail('setting Virtual Rules');
  }

  #flushDetail(): void {
    for (let write = this.#detailOutbox.shift(); write !== undefined; write = this.#detailOutbox.shift()) write();
  }

  /** Sync reports our machine made during the current step; sent when the outermost step ends. */
  readonly #syncOutbox: SyncReportParams[] = [];
  #stepDepth = 0;

  /** Every step of the machine goes through here: sends, timers, start. */
  #withCause(cause: string, fn: () => void): void {
    const outer = this.#cause;
    this.#cause = outer ?? cause;
    this.#stepDepth += 1;
    try {
      fn();
    } finally {
      this.#stepDepth -= 1;
      this.#cause = outer;
    }
    if (this.#stepDepth === 0) {
      this.#flushDetail();
      this.#sendSyncReports();
    }
  }

  #sendSyncReports(): void {
    for (let report = this.#syncOutbox.shift(); report !== undefined; report = this.#syncOutbox.shift()) this.#deps.syncReport(report);
  }

  /**
   * The instance waited in INIT for the first results of its scripts: keepalived then starts it as
   * if it had been running, "Entering BACKUP STATE" without "(init)", and FAULT without a line.
   */
  #heldForScripts: boolean;

  /** The machine's wantMaster at the last snapshot (a sync member's wish shows as its change). */
  #wantMaster = false;

  #onSnapshot(snapshot: InstanceSnapshot): void {
    if (this.#dead) return;
    const { context } = snapshot;
    const now = this.#deps.ports.clock.nowMs();
    const role: InstanceStateName = context.role;
    const priority = context.effectivePriority;
    this.#masterAddress = typeof context.masterAddress === 'string' ? context.masterAddress : undefined;
    this.#masterPriority = context.masterPriority;
    // keepalived says nothing of a priority the new configuration sets.
    if (priority !== this.#priority && this.#cause !== 'reload') this.#deps.log.info(`Changing effective priority from ${this.#priority} to ${priority}`);
    // A sync group member's Master_Down_Timer ran out: it only wishes to be Master (the group
    // decides), and keepalived says so then.
    if (role === 'BACKUP' && this.#role === 'BACKUP' && context.wantMaster && !this.#wantMaster && this.#cause === 'timer') {
      this.#deps.log.debug('Receive advertisement timeout');
    }
    this.#wantMaster = context.wantMaster;
    if (role !== this.#role) {
      const from = this.#role;
      const reason = this.#reasonFor(role);
      this.#role = role;
      this.#priority = priority;
      this.#lastTransitionMs = now;
      this.#lastTransitionReason = reason;
      if (from === 'MASTER') this.#garp.stop();
      // keepalived counts a start without its configured source address as a fault while running.
      const start = this.#heldForScripts ? 'held' : this.#cause === SOURCE_NOT_CONFIGURED ? 'running' : 'init';
      const line = transitionLine(from, role, this.#bySyncGroup, start);
      // An address owner takes over at start through a timer of no length, as keepalived words it.
      if ((from === 'BACKUP' && this.#cause === 'timer') || from === 'INIT') {
        if (role === 'MASTER') this.#deps.log.debug('Receive advertisement timeout');
      }
      if (from === 'INIT') this.#heldForScripts = false;
      if (line !== undefined) this.#deps.log[line.level](line.message, { from, reason, priority });
      this.#flushDetail();
      this.#deps.emit({ type: 'instance-state', instance: this.name, from, to: role, priority, reason, atMs: now });
    } else if (priority !== this.#priority) {
      this.#priority = priority;
      this.#deps.emit({ type: 'priority', instance: this.name, priority, atMs: now });
    }
  }

  #reasonFor(role: InstanceStateName): string {
    const cause = this.#cause ?? 'startup';
    if (cause === 'timer' && role === 'MASTER') return 'master down timer expired';
    if (cause === 'timer') return 'timer';
    return cause;
  }

  // ---- Effects. ----

  /** One Adver_Timer round: what the machine's ADVER_TIMER transition does, without its step. */
  #adverRound(): void {
    const actor = this.#actor;
    if (actor === undefined) return;
    this.#sendAdvert(actor.getSnapshot().context.effectivePriority);
  }

  #sendAdvert(priority: number): void {
    this.#deps.faultHook?.(this.name, 'sendAdvert');
    const sender = this.#sender;
    if (sender === undefined) return;
    const outcome = sender.send(priority);
    if (outcome.sent > 0) this.#counters.advert_sent++;
    if (outcome.failures.length > 0) this.#deps.log.debug('advert not sent', { priority, failures: outcome.failures });
  }

  #count(params: StatsParams): void {
    const counter = counterForMachine(params.counter);
    if (counter !== undefined) this.#counters[counter]++;
  }

  #onNotify(params: NotifyParams): void {
    if (params.state !== 'MASTER_RX_LOWER_PRI') return;
    this.#deps.emit({ type: 'master-rx-lower-pri', instance: this.name, priority: params.priority, atMs: this.#deps.ports.clock.nowMs() });
  }

  #newGarp(settings: InstanceSettings): GratuitousScheduler {
    const { clock, frames, linkMonitor } = this.#deps.ports;
    return new GratuitousScheduler(
      {
        clock,
        frames,
        macOf: (name) => linkMonitor.link(name)?.mac,
        onFailure: (why) => this.#deps.log.debug('gratuitous frame not sent', { why }),
        onBurst: (spec) => this.#detail(`Sending/queueing ${spec.family === 'ipv4' ? 'gratuitous ARPs' : 'Unsolicited Neighbour Adverts'} on ${spec.interfaceName} for ${spec.address}`),
        onSent: (spec) =>
          this.#detail(`Sending ${spec.family === 'ipv4' ? 'gratuitous ARP' : 'unsolicited Neighbour Advert'} on ${spec.interfaceName} for ${spec.address}`, UNPREFIXED),
        pacing: this.#deps.garpPacing,
        baseOf: (name) => (settings.vmac !== undefined && name === settings.vmac.name ? settings.vmac.baseInterface : name),
      },
      settings.garp,
      () => this.#addresses.addresses,
    );
  }

  // ---- Bugs. ----

  #guard(fn: () => void): void {
    if (this.#dead) return;
    try {
      fn();
    } catch (error) {
      this.#crash(error);
    }
  }

  #crash(error: unknown): void {
    if (this.#dead) return;
    this.dispose();
    this.#deps.crash(error);
  }
}
