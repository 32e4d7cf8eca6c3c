/**
 * From the config model to what one instance needs at run time: the machine's InstanceParams
 * (with keepalived 2.2.7's defaults and fix-ups) and the host-side settings (wire, addresses,
 * gratuitous ARP timing). Pure: the same config always gives the same settings, so a reload can
 * compare them to decide between "unchanged", "adapt" and "restart".
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { SyncGroup, VrrpInstance } from '../../config/model/vrrp/instance.js';
import type { VirtualAddress } from '../../config/model/vrrp/address.js';
import type { TrackRef } from '../../config/model/vrrp/tracking.js';
import type { InstanceParamsInput, TrackedObject } from '../../machines/index.js';
import { trackedObjectFor, type DefinitionLike, type TrackerKind } from '../../machines/tracking/refs.js';
import type { AddressSpec, VmacSpec } from '../../ports/addresses.js';
import { canonicalAddressText } from '../../protocol/index.js';
import type { IpFamily } from '../../ports/vrrp-link.js';
import type { GarpIntervals } from './garp.js';

/** keepalived's VRRP_PRIO_DFL and VRRP_PRIO_OWNER. */
const PRIORITY_DEFAULT = 100;
const PRIORITY_OWNER = 255;
const DOWN_TIMER_ADVERTS_DEFAULT = 3;
const UNICAST_TTL_DEFAULT = 255;

export interface GarpSettings {
  /** garp_master_delay: the second burst after becoming Master (0 = none). */
  readonly masterDelayMs: number;
  /** garp_master_repeat: frames per address in each burst. */
  readonly masterRepeat: number;
  /** garp_master_refresh: periodic bursts while Master (0 = none). */
  readonly refreshMs: number;
  readonly refreshRepeat: number;
  /** garp_lower_prio_delay / _repeat: after hearing a lower priority advert while Master. */
  readonly lowerPrioDelayMs: number;
  readonly lowerPrioRepeat: number;
  /** vrrp_garp_interval / vrrp_gna_interval: spacing between frames on one interface (0 = back to back). */
  readonly arpIntervalMs: number;
  readonly naIntervalMs: number;
}

export interface PeerSettings {
  readonly address: string;
  readonly minTtl?: number;
  readonly maxTtl?: number;
}

/** Everything an instance host needs besides the machine; JSON-comparable. */
export interface InstanceSettings {
  readonly name: string;
  readonly vrid: number;
  readonly family: IpFamily;
  readonly version: 2 | 3;
  /** The configured interface (its state drives INTERFACE_UP/DOWN). */
  readonly interfaceName: string;
  /** Where adverts go out: the VMAC interface under use_vmac (unless vmac_xmit_base). */
  readonly advertInterface: string;
  readonly vmac: VmacSpec | undefined;
  readonly sourceAddress: string | undefined;
  readonly unicastPeers: readonly PeerSettings[];
  readonly multicastGroup: string;
  readonly unicastTtl: number;
  readonly advertIntervalMs: number;
  readonly authType: 'none' | 'pass' | 'ah';
  readonly authPass: string;
  /** virtual_ipaddress in the instance's family: these go into adverts. */
  readonly vips: readonly AddressSpec[];
  /** virtual_ipaddress_excluded, plus VIPs of the other family (keepalived moves them there). */
  readonly excluded: readonly AddressSpec[];
  /**
   * The addresses of vips and excluded marked no_track, as `interface/address`: a Master does not
   * give up mastership when someone deletes one of these (see VIRTUAL_ITEM_DELETED).
   */
  readonly untrackedAddresses: readonly string[];
  readonly virtualRoutes: readonly (readonly string[])[];
  readonly virtualRules: readonly (readonly string[])[];
  readonly garp: GarpSettings;
  readonly skipCheckAdvAddr: boolean;
  readonly checkUnicastSrc: boolean;
  readonly oldUnicastChecksum: 'standard' | 'never' | 'old';
  /** track_interface names with their TrackedObject keys. */
  readonly trackedInterfaces: readonly { readonly interfaceName: string; readonly key: string }[];
  /**
   * Keys of tracked scripts, files and processes (the instance's own and its sync group's), fed by
   * the subsystem's TrackedSource.
   */
  readonly trackerKeys: readonly string[];
  /**
   * Scripts that hold the instance in INIT until their first result (keepalived's
   * num_script_init): effectively weight 0 and without init_fail.
   */
  readonly initScripts: readonly string[];
  readonly syncGroup: string | undefined;
  /** The machine's input, without what only the running host knows (primary address, link state). */
  readonly machine: Omit<InstanceParamsInput, 'primaryAddress' | 'initialInterfaceUp' | 'initialTracked'>;
}

export type SettingsResult = { readonly ok: true; readonly settings: InstanceSettings } | { readonly ok: false; readonly error: string };

function familyOf(address: { readonly family: 4 | 6 }): IpFamily {
  return address.family === 4 ? 'ipv4' : 'ipv6';
}

/** The family of the first address the instance names (see VrrpInstance.family), else IPv4. */
export function instanceFamily(instance: VrrpInstance): IpFamily {
  if (instance.family !== undefined) return instance.family === 4 ? 'ipv4' : 'ipv6';
  // A model built by hand (tests, the simulator) may leave the family to its addresses.
  const first = instance.virtualAddresses[0]?.address ?? instance.unicastSrcIp ?? instance.mcastSrcIp ?? instance.unicastPeers[0]?.address;
  return first === undefined ? 'ipv4' : familyOf(first);
}

export function vmacName(instance: VrrpInstance, family: IpFamily, vrid: number): string {
  return instance.useVmac?.name ?? (family === 'ipv4' ? `vrrp.${vrid}` : `vrrp6.${vrid}`);
}

/** How {@link InstanceSettings.untrackedAddresses} names an address. */
export function addressTrackKey(spec: Pick<AddressSpec, 'interfaceName' | 'address'>): string {
  return `${spec.interfaceName}/${spec.address}`;
}

/**
 * The address of `specs` the kernel reports deleted from `interfaceName` (IPv6 compared in
 * canonical form), unless it is one of `untracked` (addressTrackKey names, for no_track).
 */
export function trackedAddressRemoved(
  specs: readonly AddressSpec[],
  untracked: readonly string[],
  interfaceName: string,
  address: string,
): AddressSpec | undefined {
  const removed = canonicalAddressText(address);
  const ours = specs.find((spec) => spec.interfaceName === interfaceName && canonicalAddressText(spec.address) === removed);
  return ours === undefined || untracked.includes(addressTrackKey(ours)) ? undefined : ours;
}

export function addressSpec(vip: VirtualAddress, defaultInterface: string): AddressSpec {
  return {
    family: familyOf(vip.address),
    address: vip.address.text,
    prefixLength: vip.prefixLength,
    interfaceName: vip.dev ?? defaultInterface,
    broadcast: vip.broadcast,
    scope: vip.scope,
    label: vip.label,
    peer: vip.peer?.text,
    preferredLifetimeS: vip.preferredLft,
    noDad: vip.noDad,
    noPrefixRoute: vip.noPrefixRoute,
    home: vip.home,
  };
}

function syncGroupOf(config: KeepalivedConfig, name: string): SyncGroup | undefined {
  return config.vrrp.syncGroups.find((group) => group.members.some((member) => member.name === name));
}

function trackedRefs(prefix: string, refs: readonly TrackRef[], defaultWeight: (name: string) => number): TrackedObject[] {
  return refs.map((ref) => ({
    name: `${prefix}:${ref.name}`,
    weight: ref.weight ?? defaultWeight(ref.name),
    reverse: ref.reverse,
  }));
}

interface TrackOwner {
  readonly trackScripts: readonly TrackRef[];
  readonly trackFiles: readonly TrackRef[];
  readonly trackProcesses: readonly TrackRef[];
}

/** Scripts, files and processes of an instance or sync group, with keepalived's weight and reverse resolution. */
function trackerObjects(config: KeepalivedConfig, owner: TrackOwner): TrackedObject[] {
  const { scripts, trackFiles, trackProcesses } = config.vrrp;
  const objects = (kind: TrackerKind, refs: readonly TrackRef[], definitions: readonly (DefinitionLike & { readonly name: string })[]) =>
    refs.map((ref) => trackedObjectFor(kind, ref, definitions.find((d) => d.name === ref.name)));
  return [
    ...objects('script', owner.trackScripts, scripts),
    ...objects('file', owner.trackFiles, trackFiles),
    ...objects('process', owner.trackProcesses, trackProcesses),
  ];
}

/**
 * Tracked objects with keepalived's weight defaults: interfaces 0, scripts/files/processes the
 * weight (and reverse) of their definition (machines/tracking/refs.ts). A sync group's
 * track_script/track_file/track_process apply to every member (vrrp.c adds each to every member),
 * with the group's weights, cleared when a member is the address owner; an object the instance
 * tracks itself keeps the instance's entry.
 */
function trackedObjects(config: KeepalivedConfig, instance: VrrpInstance): TrackedObject[] {
  const own = [
    ...trackedRefs('interface', instance.trackInterfaces, () => 0),
    ...trackerObjects(config, instance),
    ...trackedRefs('bfd', instance.trackBfds, () => 0),
  ];
  const group = syncGroupOf(config, instance.name);
  if (group === undefined) return own;
  const members = config.vrrp.instances.filter((i) => group.members.some((m) => m.name === i.name));
  const hasOwner = members.some((member) => configuredPriority(member) === PRIORITY_OWNER);
  const known = new Set(own.map((object) => object.name));
  const fromGroup = trackerObjects(config, group)
    .filter((object) => !known.has(object.name))
    .map((object) => (hasOwner ? { ...object, weight: 0 } : object));
  return [...own, ...fromGroup];
}

/** keepalived's num_script_init: weight-0 scripts (as the machine will weigh them) without init_fail. */
function initScriptKeys(config: KeepalivedConfig, machine: InstanceSettings['machine']): string[] {
  const weightsIgnored = machine.priority === PRIORITY_OWNER || (machine.syncGroup !== undefined && !machine.syncGroup.trackingWeight);
  return (machine.tracked ?? [])
    .filter((object) => object.name.startsWith('script:') && (object.weight === 0 || weightsIgnored))
    .filter((object) => !(config.vrrp.scripts.find((s) => `script:${s.name}` === object.name)?.initFail ?? false))
    .map((object) => object.name);
}

function garpSettings(config: KeepalivedConfig, instance: VrrpInstance): GarpSettings {
  const g = config.global;
  const masterDelayMs = instance.garpMasterDelayMs ?? g.vrrpGarpMasterDelayMs;
  const masterRepeat = instance.garpMasterRepeat ?? g.vrrpGarpMasterRepeat;
  return {
    masterDelayMs,
    masterRepeat,
    refreshMs: instance.garpMasterRefreshMs ?? g.vrrpGarpMasterRefreshMs,
    refreshRepeat: instance.garpMasterRefreshRepeat ?? g.vrrpGarpMasterRefreshRepeat,
    // Unset lower-priority values fall back to the master ones, as keepalived's do.
    lowerPrioDelayMs: instance.garpLowerPrioDelayMs ?? g.vrrpGarpLowerPrioDelayMs ?? masterDelayMs,
    lowerPrioRepeat: instance.garpLowerPrioRepeat ?? g.vrrpGarpLowerPrioRepeat ?? masterRepeat,
    arpIntervalMs: g.vrrpGarpIntervalMs,
    naIntervalMs: g.vrrpGnaIntervalMs,
  };
}

/**
 * GARP/NA spacing per base interface (keepalived's garp_delay): a garp_group's intervals for the
 * interfaces it names (an interval the group leaves unset means no spacing there), everywhere else
 * vrrp_garp_interval / vrrp_gna_interval.
 */
export function garpIntervals(config: KeepalivedConfig): { readonly fallback: GarpIntervals; readonly byInterface: ReadonlyMap<string, GarpIntervals> } {
  const byInterface = new Map<string, GarpIntervals>();
  for (const group of config.vrrp.garpGroups) {
    for (const name of group.interfaces) byInterface.set(name, { arpIntervalMs: group.garpIntervalMs, naIntervalMs: group.gnaIntervalMs });
  }
  return { fallback: { arpIntervalMs: config.global.vrrpGarpIntervalMs, naIntervalMs: config.global.vrrpGnaIntervalMs }, byInterface };
}

/** Configured priority, or keepalived's default: 255 for `state MASTER`, else 100. */
export function configuredPriority(instance: VrrpInstance): number {
  if (instance.priority !== undefined && instance.priority > 0) return instance.priority;
  return instance.state === 'MASTER' ? PRIORITY_OWNER : PRIORITY_DEFAULT;
}

function machineInput(config: KeepalivedConfig, instance: VrrpInstance, family: IpFamily, vrid: number): InstanceSettings['machine'] {
  const g = config.global;
  const group = syncGroupOf(config, instance.name);
  const strict = instance.strictMode ?? g.vrrpStrict;
  return {
    name: instance.name,
    vrid,
    version: instance.version ?? g.vrrpVersion,
    family: family === 'ipv4' ? 'inet' : 'inet6',
    priority: configuredPriority(instance),
    advertIntervalMs: instance.advertIntMs,
    nopreempt: instance.nopreempt,
    preemptDelayMs: instance.preemptDelayMs,
    initialState: instance.state ?? 'BACKUP',
    // keepalived accepts traffic to the VIPs unless strict mode (or no_accept) says otherwise.
    accept: instance.accept ?? !strict,
    higherPrioSendAdvert: instance.higherPrioSendAdvert ?? g.vrrpHigherPrioSendAdvert,
    lowerPrioNoAdvert: instance.lowerPrioNoAdvert ?? g.vrrpLowerPrioNoAdvert,
    notifyMasterRxLowerPri: instance.notify.masterRxLowerPri !== undefined,
    downTimerAdverts: instance.downTimerAdverts ?? DOWN_TIMER_ADVERTS_DEFAULT,
    startupDelayMs: g.vrrpStartupDelayMs,
    dontTrackPrimary: instance.dontTrackPrimary,
    tracked: trackedObjects(config, instance),
    ...(group === undefined
      ? {}
      : { syncGroup: { name: group.name, trackingWeight: group.other.has('sync_group_tracking_weight') } }),
  };
}

function oldChecksumMode(instance: VrrpInstance): InstanceSettings['oldUnicastChecksum'] {
  const words = instance.other.get('old_unicast_checksum');
  if (words === undefined) return 'standard';
  return words[0] === 'never' ? 'never' : 'old';
}

/** Settings of one configured instance, or why it cannot run (the config checks should have caught it). */
export function instanceSettings(config: KeepalivedConfig, instance: VrrpInstance): SettingsResult {
  const vrid = instance.virtualRouterId;
  if (vrid === undefined || vrid < 1 || vrid > 255) return { ok: false, error: `${instance.name}: no valid virtual_router_id` };
  if (instance.interface === undefined) return { ok: false, error: `${instance.name}: no interface` };
  const family = instanceFamily(instance);
  const vmac = instance.useVmac === undefined
    ? undefined
    : { name: vmacName(instance, family, vrid), baseInterface: instance.interface, vrid, family };
  const addressInterface = vmac?.name ?? instance.interface;
  const all = instance.virtualAddresses.map((vip) => addressSpec(vip, addressInterface));
  const g = config.global;
  const machine = machineInput(config, instance, family, vrid);
  const authType = machine.version === 2 && instance.authentication?.type !== undefined
    ? (instance.authentication.type === 'PASS' ? 'pass' : 'ah')
    : 'none';
  return {
    ok: true,
    settings: {
      name: instance.name,
      vrid,
      family,
      version: machine.version ?? 2,
      interfaceName: instance.interface,
      advertInterface: vmac !== undefined && !instance.vmacXmitBase ? vmac.name : instance.interface,
      vmac,
      sourceAddress: (instance.unicastSrcIp ?? instance.mcastSrcIp)?.text,
      unicastPeers: instance.unicastPeers.map((peer) => ({
        address: peer.address.text,
        ...(peer.minTtl === undefined ? {} : { minTtl: peer.minTtl }),
        ...(peer.maxTtl === undefined ? {} : { maxTtl: peer.maxTtl }),
      })),
      multicastGroup: family === 'ipv4' ? g.vrrpMcastGroup4 : g.vrrpMcastGroup6,
      unicastTtl: instance.unicastTtl ?? UNICAST_TTL_DEFAULT,
      advertIntervalMs: instance.advertIntMs,
      authType,
      authPass: instance.authentication?.pass ?? '',
      vips: all.filter((spec) => spec.family === family),
      excluded: [
        ...all.filter((spec) => spec.family !== family),
        ...instance.excludedAddresses.map((vip) => addressSpec(vip, addressInterface)),
      ],
      untrackedAddresses: [...instance.virtualAddresses, ...instance.excludedAddresses]
        .filter((vip) => !vip.track)
        .map((vip) => addressTrackKey(addressSpec(vip, addressInterface))),
      virtualRoutes: instance.virtualRoutes.map((route) => route.words),
      virtualRules: instance.virtualRules.map((rule) => rule.words),
      garp: garpSettings(config, instance),
      skipCheckAdvAddr: instance.skipCheckAdvAddr ?? g.vrrpSkipCheckAdvAddr,
      checkUnicastSrc: instance.checkUnicastSrc || g.vrrpCheckUnicastSrc,
      oldUnicastChecksum: oldChecksumMode(instance),
      trackedInterfaces: instance.trackInterfaces.map((ref) => ({ interfaceName: ref.name, key: `interface:${ref.name}` })),
      trackerKeys: (machine.tracked ?? []).map((object) => object.name).filter((key) => /^(script|file|process):/.test(key)),
      initScripts: initScriptKeys(config, machine),
      syncGroup: syncGroupOf(config, instance.name)?.name,
      machine,
    },
  };
}

/** Changes an instance cannot adapt to: it is stopped and started again. */
export function fundamentalKey(settings: InstanceSettings): string {
  const cast = settings.unicastPeers.length > 0 ? 'unicast' : 'multicast';
  return [settings.vrid, settings.interfaceName, settings.advertInterface, settings.family, cast, settings.version].join('/');
}

/** Stable comparison key (settings are plain data). */
export function settingsKey(value: unknown): string {
  return JSON.stringify(value);
}
