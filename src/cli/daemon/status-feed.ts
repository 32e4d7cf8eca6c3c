/**
 * Feeds the parent's aggregator: wraps each watchdog's events (ready, died, VRRP events) and asks
 * the VRRP child for what events do not carry — counters, master address, tracked objects —
 * right after it is ready and after each transition, and when a reader wants the counters: a
 * STATUS request, /status or a /metrics scrape waits for a poll when the last one is more than
 * STATUS_POLL_MS old. One poll at a time, at most one per STATUS_POLL_MS for readers, so a flood
 * of requests never reaches the child that sends the adverts; and nobody reading costs nothing
 * (polling every second cost more CPU than the adverts of 1000 instances, bench/daemon.mjs).
 */
import { Aggregator } from '../../actors/aggregator/aggregator.js';
import type { StatusView } from '../../actors/aggregator/aggregator.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { Watchdog, WatchdogEvents } from './watchdog.js';

export const STATUS_POLL_MS = 1000;
/** A reader waits at most this long for a poll; it then gets what the aggregator has. */
export const STATUS_REFRESH_WAIT_MS = 1000;

/** The status interfaces as the parent sees them (daemon.ts loads the real ones lazily). */
export interface StatusHook {
  /** Applies the config's settings; resolves true when some interface is on. */
  configure(config: KeepalivedConfig): Promise<boolean>;
  close(): Promise<void>;
}

export class StatusFeed {
  readonly aggregator: Aggregator;
  readonly #clock: Clock;
  readonly #hook: StatusHook | undefined;
  #vrrp: Watchdog | undefined;
  #active = false;
  /** A poll asked for by an event, armed for the next loop turn. */
  #timer: TimerHandle | undefined;
  #inFlight: Promise<void> | undefined;
  /** An event asked for a poll while one was in flight: poll again after it. */
  #again = false;
  /** When the last poll that answered was asked for. */
  #lastPollMs = -Infinity;

  constructor(clock: Clock, pid: number, openHook?: (view: StatusView) => StatusHook) {
    this.#clock = clock;
    this.aggregator = new Aggregator(clock, pid);
    this.#hook = openHook?.(this.#readerView(this.aggregator));
  }

  /** The watchdog's events, also told to the aggregator. */
  vrrpEvents(events: WatchdogEvents): WatchdogEvents {
    const tell = this.aggregator.tell.bind(this.aggregator);
    return {
      ...events,
      ready: (pid) => {
        tell({ type: 'subsystem-ready', subsystem: 'vrrp', pid });
        this.#pollSoon();
        events.ready?.(pid);
      },
      event: (event) => {
        tell({ type: 'vrrp-event', event });
        if (event.type === 'instance-state') this.#pollSoon();
        events.event?.(event);
      },
      died: (pid) => {
        tell({ type: 'subsystem-died', subsystem: 'vrrp', pid });
        events.died?.(pid);
      },
    };
  }

  /** The VRRP watchdog now running (undefined: none after a reload). */
  setVrrp(watchdog: Watchdog | undefined): void {
    this.#vrrp = watchdog;
    this.#lastPollMs = -Infinity;
    this.aggregator.tell(watchdog ? { type: 'subsystem-expected', subsystem: 'vrrp' } : { type: 'subsystem-removed', subsystem: 'vrrp' });
  }

  async configure(config: KeepalivedConfig): Promise<void> {
    this.#active = (await this.#hook?.configure(config)) ?? false;
    if (this.#active) this.#pollSoon();
    else this.#cancel();
  }

  stopping(): void {
    this.aggregator.tell({ type: 'stopping' });
  }

  async close(): Promise<void> {
    this.#active = false;
    this.#cancel();
    await this.#hook?.close();
  }

  /** Whether the counters are recent enough for a reader (or there is nobody to ask). */
  isFresh(): boolean {
    return !this.#active || this.#vrrp === undefined || this.#clock.nowMs() - this.#lastPollMs <= STATUS_POLL_MS;
  }

  /** Resolves once the counters are fresh, or after STATUS_REFRESH_WAIT_MS; never rejects. */
  refresh(): Promise<void> {
    if (this.isFresh()) return Promise.resolve();
    this.#cancel();
    const poll = this.#inFlight ?? this.#poll();
    return new Promise<void>((resolve) => {
      const timer = this.#clock.setTimer(STATUS_REFRESH_WAIT_MS, resolve);
      void poll.then(() => {
        this.#clock.clearTimer(timer);
        resolve();
      });
    });
  }

  /** The aggregator as the status interfaces read it: with refresh() for the counters. */
  #readerView(view: StatusView): StatusView {
    return {
      document: () => view.document(),
      json: () => view.json(),
      instanceHealth: (name) => view.instanceHealth(name),
      subscribe: (listener) => view.subscribe(listener),
      isFresh: () => this.isFresh(),
      refresh: () => this.refresh(),
    };
  }

  #pollSoon(): void {
    if (!this.#active) return;
    if (this.#inFlight !== undefined) {
      this.#again = true;
      return;
    }
    if (this.#timer !== undefined) return;
    this.#timer = this.#clock.setTimer(0, () => {
      this.#timer = undefined;
      void this.#poll();
    });
  }

  #cancel(): void {
    if (this.#timer) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  #poll(): Promise<void> {
    const run = async (): Promise<void> => {
      const vrrp = this.#vrrp;
      if (vrrp === undefined || !this.#active) return;
      const askedMs = this.#clock.nowMs();
      const status = await vrrp.status('poll');
      if (status && vrrp === this.#vrrp && vrrp.pid !== undefined) {
        this.aggregator.tell({ type: 'vrrp-status', status });
        this.#lastPollMs = askedMs;
      }
    };
    const inFlight = run().finally(() => {
      this.#inFlight = undefined;
      if (this.#again) {
        this.#again = false;
        this.#pollSoon();
      }
    });
    this.#inFlight = inFlight;
    return inFlight;
  }
}
