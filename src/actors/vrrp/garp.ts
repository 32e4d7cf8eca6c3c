/**
 * Gratuitous ARP / unsolicited NA timing for one instance, as keepalived 2.2.7 does it:
 * - becoming Master: garp_master_repeat frames per address at once, the same again after
 *   garp_master_delay, then garp_master_refresh_repeat every garp_master_refresh while Master;
 * - a lower-priority advert heard while Master: garp_lower_prio_repeat at once and again after
 *   garp_lower_prio_delay;
 * - frames on one interface are spaced by vrrp_garp_interval (ARP) / vrrp_gna_interval (NA).
 * Leaving Master cancels everything still pending.
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
}

interface QueuedFrame {
  readonly interfaceName: string;
  readonly frame: Uint8Array;
}

/** Frames of one kind on one interface, at most one per `intervalMs`. */
class PacedQueue {
  readonly #pending: QueuedFrame[] = [];
  #timer: TimerHandle | undefined;
  #nextAtMs = -Infinity;

  constructor(private readonly ports: GarpPorts, private readonly intervalMs: number) {}

  push(frame: QueuedFrame): void {
    if (this.intervalMs <= 0) {
      this.#send(frame);
      return;
    }
    this.#pending.push(frame);
    this.#pump();
  }

  clear(): void {
    this.#pending.length = 0;
    if (this.#timer !== undefined) this.ports.clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  #pump(): void {
    if (this.#timer !== undefined) return;
    const now = this.ports.clock.nowMs();
    if (now >= this.#nextAtMs) {
      const frame = this.#pending.shift();
      if (frame === undefined) return;
      this.#send(frame);
      this.#nextAtMs = now + this.intervalMs;
    }
    if (this.#pending.length === 0) return;
    this.#timer = this.ports.clock.setTimer(this.#nextAtMs - now, () => {
      this.#timer = undefined;
      this.#pump();
    });
  }

  #send(frame: QueuedFrame): void {
    const failure = this.ports.frames.sendFrame(frame.interfaceName, frame.frame);
    if (failure !== undefined) this.ports.onFailure(`${frame.interfaceName}: ${failure}`);
  }
}

export class GratuitousScheduler {
  readonly #ports: GarpPorts;
  readonly #settings: GarpSettings;
  readonly #addresses: () => readonly AddressSpec[];
  readonly #timers = new Set<TimerHandle>();
  readonly #queues = new Map<string, PacedQueue>();

  constructor(ports: GarpPorts, settings: GarpSettings, addresses: () => readonly AddressSpec[]) {
    this.#ports = ports;
    this.#settings = settings;
    this.#addresses = addresses;
  }

  becameMaster(): void {
    const s = this.#settings;
    this.#burst(s.masterRepeat);
    if (s.masterDelayMs > 0) this.#after(s.masterDelayMs, () => this.#burst(s.masterRepeat));
    if (s.refreshMs > 0) this.#refresh();
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
    for (const queue of this.#queues.values()) queue.clear();
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
    for (let round = 0; round < repeat; round++) {
      for (const { spec, frame } of frames) this.#queue(spec).push({ interfaceName: spec.interfaceName, frame });
    }
  }

  #queue(spec: AddressSpec): PacedQueue {
    const key = `${spec.family}/${spec.interfaceName}`;
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      const interval = spec.family === 'ipv4' ? this.#settings.arpIntervalMs : this.#settings.naIntervalMs;
      queue = new PacedQueue(this.#ports, interval);
      this.#queues.set(key, queue);
    }
    return queue;
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
      : buildUnsolicitedNa({ sourceMac: mac, address: spec.address });
  }
}
