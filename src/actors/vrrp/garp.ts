/**
 * Gratuitous ARP / unsolicited NA timing for one instance, as keepalived 2.2.7 does it:
 * - becoming Master: garp_master_repeat frames per address at once, the same again after
 *   garp_master_delay, then garp_master_refresh_repeat every garp_master_refresh while Master;
 * - a lower-priority advert heard while Master: garp_lower_prio_repeat at once and again after
 *   garp_lower_prio_delay;
 * - frames on one interface are spaced by vrrp_garp_interval (ARP) / vrrp_gna_interval (NA), or
 *   by the garp_interval / gna_interval of the garp_group naming that interface. keepalived keeps
 *   this spacing per base interface (a VMAC's frames count against its base) and shares it by
 *   every instance there: with a GarpPacing, one queue per family and base interface serves
 *   every instance of the subsystem.
 * - unsolicited NAs carry the Router flag when IPv6 forwarding is on for the interface (vrrp_ndisc.c).
 * Leaving Master cancels everything of this instance still pending (other instances' frames stay).
 */
import { buildGratuitousArp, buildUnsolicitedNa, parseMac } from '../../protocol/index.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { FrameSender } from '../../ports/frames.js';
import type { AddressSpec } from '../../ports/addresses.js';
import type { GarpSettings } from './params.js';

export interface GarpPorts {
  readonly clock: Clock;
  readonly frames: FrameSender;
  /** MAC of an interface ('' or undefined when unknown). */
  readonly macOf: (interfaceName: string) => string | undefined;
  /** A frame could not be built or sent (counted and logged by the host). */
  readonly onFailure: (why: string) => void;
  /** Shared per-interface pacing (absent: this instance paces alone with its settings' intervals). */
  readonly pacing?: GarpPacing | undefined;
  /** The interface whose pacing an address's frames use (a VMAC's base interface). */
  readonly baseOf?: ((interfaceName: string) => string) | undefined;
  /** A burst's frames for one address are queued (keepalived's "Sending/queueing" detail line). */
  readonly onBurst?: ((spec: AddressSpec) => void) | undefined;
  /** One frame went out (keepalived's "Sending gratuitous ARP" detail line). */
  readonly onSent?: ((spec: AddressSpec) => void) | undefined;
}

/** Spacing of one interface; undefined: back to back. */
export interface GarpIntervals {
  readonly arpIntervalMs?: number | undefined;
  readonly naIntervalMs?: number | undefined;
}

interface QueuedFrame {
  readonly spec: AddressSpec;
  readonly interfaceName: string;
  readonly frame: Uint8Array;
  /** Who queued it (cleared when that instance leaves Master). */
  readonly owner: object;
  readonly send: (frame: QueuedFrame) => void;
}

/** Frames of one kind on one interface, at most one per `intervalMs`. */
export class PacedQueue {
  readonly #pending: QueuedFrame[] = [];
  #timer: TimerHandle | undefined;
  #nextAtMs = -Infinity;

  constructor(private readonly clock: Clock, public intervalMs: number) {}

  push(frame: QueuedFrame): void {
    if (this.intervalMs <= 0 && this.#pending.length === 0) {
      frame.send(frame);
      return;
    }
    this.#pending.push(frame);
    this.#pump();
  }

  /** Drops the pending frames of `owner` (all when undefined). */
  clear(owner?: object): void {
    const keep = owner === undefined ? [] : this.#pending.filter((frame) => frame.owner !== owner);
    this.#pending.splice(0, this.#pending.length, ...keep);
    if (this.#pending.length === 0 && this.#timer !== undefined) {
      this.clock.clearTimer(this.#timer);
      this.#timer = undefined;
    }
  }

  #pump(): void {
    if (this.#timer !== undefined) return;
    const now = this.clock.nowMs();
    while (now >= this.#nextAtMs || this.intervalMs <= 0) {
      const frame = this.#pending.shift();
      if (frame === undefined) return;
      frame.send(frame);
      this.#nextAtMs = now + this.intervalMs;
      if (this.intervalMs > 0) break;
    }
    if (this.#pending.length === 0) return;
    this.#timer = this.clock.setTimer(this.#nextAtMs - now, () => {
      this.#timer = undefined;
      this.#pump();
    });
  }
}

/**
 * keepalived's garp_delay per base interface: garp_group intervals for the interfaces they name,
 * else vrrp_garp_interval / vrrp_gna_interval; one queue per family and interface, shared by every
 * instance of a subsystem. `configure` (start, reload) changes intervals in place.
 */
export class GarpPacing {
  readonly #queues = new Map<string, PacedQueue>();
  #byInterface: ReadonlyMap<string, GarpIntervals> = new Map();
  #fallback: GarpIntervals = {};

  constructor(private readonly clock: Clock) {}

  configure(fallback: GarpIntervals, byInterface: ReadonlyMap<string, GarpIntervals>): void {
    this.#fallback = fallback;
    this.#byInterface = byInterface;
    for (const [key, queue] of this.#queues) {
      const [family, interfaceName] = splitKey(key);
      queue.intervalMs = this.intervalMs(family, interfaceName);
    }
  }

  /** The spacing in force for frames of `family` on base interface `interfaceName`. */
  intervalMs(family: 'ipv4' | 'ipv6', interfaceName: string): number {
    const intervals = this.#byInterface.get(interfaceName) ?? this.#fallback;
    return (family === 'ipv4' ? intervals.arpIntervalMs : intervals.naIntervalMs) ?? 0;
  }

  queue(family: 'ipv4' | 'ipv6', interfaceName: string): PacedQueue {
    const key = `${family}/${interfaceName}`;
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      queue = new PacedQueue(this.clock, this.intervalMs(family, interfaceName));
      this.#queues.set(key, queue);
    }
    return queue;
  }

  /** Drops `owner`'s pending frames everywhere. */
  clear(owner: object): void {
    for (const queue of this.#queues.values()) queue.clear(owner);
  }
}

function splitKey(key: string): ['ipv4' | 'ipv6', string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash) === 'ipv6' ? 'ipv6' : 'ipv4', key.slice(slash + 1)];
}

export class GratuitousScheduler {
  readonly #ports: GarpPorts;
  readonly #settings: GarpSettings;
  readonly #addresses: () => readonly AddressSpec[];
  readonly #timers = new Set<TimerHandle>();
  /** Our own pacing, unless the ports share one. */
  readonly #pacing: GarpPacing;
  readonly #send = (frame: QueuedFrame): void => {
    const failure = this.#ports.frames.sendFrame(frame.interfaceName, frame.frame);
    if (failure !== undefined) this.#ports.onFailure(`${frame.interfaceName}: ${failure}`);
    else this.#ports.onSent?.(frame.spec);
  };

  constructor(ports: GarpPorts, settings: GarpSettings, addresses: () => readonly AddressSpec[]) {
    this.#ports = ports;
    this.#settings = settings;
    this.#addresses = addresses;
    this.#pacing = ports.pacing ?? new GarpPacing(ports.clock);
    if (ports.pacing === undefined) this.#pacing.configure({ arpIntervalMs: settings.arpIntervalMs, naIntervalMs: settings.naIntervalMs }, new Map());
  }

  becameMaster(): void {
    const s = this.#settings;
    this.#burst(s.masterRepeat);
    if (s.masterDelayMs > 0) this.#after(s.masterDelayMs, () => this.#burst(s.masterRepeat));
    if (s.refreshMs > 0) this.#refresh();
  }

  /** A reload kept us Master: one round for every address now (pending rounds are dropped). */
  reloaded(): void {
    this.stop();
    this.#burst(this.#settings.masterRepeat);
    if (this.#settings.refreshMs > 0) this.#refresh();
  }

  lowerPriorityHeard(): void {
    const s = this.#settings;
    if (s.lowerPrioRepeat <= 0) return;
    this.#burst(s.lowerPrioRepeat);
    if (s.lowerPrioDelayMs > 0) this.#after(s.lowerPrioDelayMs, () => this.#burst(s.lowerPrioRepeat));
  }

  stop(): void {
    for (const timer of this.#timers) this.#ports.clock.clearTimer(timer);
    this.#timers.clear();
    this.#pacing.clear(this);
  }

  #refresh(): void {
    this.#after(this.#settings.refreshMs, () => {
      this.#burst(this.#settings.refreshRepeat);
      this.#refresh();
    });
  }

  #after(delayMs: number, fn: () => void): void {
    const timer = this.#ports.clock.setTimer(delayMs, () => {
      this.#timers.delete(timer);
      fn();
    });
    this.#timers.add(timer);
  }

  /** keepalived: `repeat` rounds, each over every address in configuration order. */
  #burst(repeat: number): void {
    const frames = this.#addresses().flatMap((spec) => {
      const frame = this.#build(spec);
      return frame === undefined ? [] : [{ spec, frame }];
    });
    if (repeat <= 0) return;
    const queue = ({ spec, frame }: (typeof frames)[number]): void => {
      const base = this.#ports.baseOf?.(spec.interfaceName) ?? spec.interfaceName;
      this.#pacing.queue(spec.family, base).push({ spec, interfaceName: spec.interfaceName, frame, owner: this, send: this.#send });
    };
    // The first round address by address, each announced as it is queued (keepalived's order of
    // its detail lines); the others after.
    for (const item of frames) {
      this.#ports.onBurst?.(item.spec);
      queue(item);
    }
    for (let round = 1; round < repeat; round++) frames.forEach(queue);
  }

  #build(spec: AddressSpec): Uint8Array | undefined {
    const macText = this.#ports.macOf(spec.interfaceName);
    const mac = macText === undefined || macText === '' ? null : parseMac(macText);
    if (mac === null) {
      this.#ports.onFailure(`${spec.interfaceName}: no MAC address for gratuitous ${spec.family === 'ipv4' ? 'ARP' : 'NA'}`);
      return undefined;
    }
    return spec.family === 'ipv4'
      ? buildGratuitousArp({ sourceMac: mac, address: spec.address })
      : buildUnsolicitedNa({ sourceMac: mac, address: spec.address, router: this.#ports.frames.isIpv6Router?.(this.#ports.baseOf?.(spec.interfaceName) ?? spec.interfaceName) ?? false });
  }
}
