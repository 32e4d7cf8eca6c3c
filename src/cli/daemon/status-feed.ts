/**
 * Feeds the parent's aggregator: wraps each watchdog's events (ready, died, VRRP events) and,
 * while a status interface is on, polls the VRRP child's status once a second (and right after a
 * transition) for what events do not carry — counters, master address, tracked objects. One poll
 * at a time; socket and HTTP readers never cause one, so a flood of requests never reaches the
 * child that sends the adverts.
 */
import { Aggregator } from '../../actors/aggregator/aggregator.js';
import type { StatusView } from '../../actors/aggregator/aggregator.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { Watchdog, WatchdogEvents } from './watchdog.js';

export const STATUS_POLL_MS = 1000;

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
  #timer: TimerHandle | undefined;
  #polling = false;

  constructor(clock: Clock, pid: number, openHook?: (view: StatusView) => StatusHook) {
    this.#clock = clock;
    this.aggregator = new Aggregator(clock, pid);
    this.#hook = openHook?.(this.aggregator);
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
    this.aggregator.tell(watchdog ? { type: 'subsystem-expected', subsystem: 'vrrp' } : { type: 'subsystem-removed', subsystem: 'vrrp' });
  }

  async configure(config: KeepalivedConfig): Promise<void> {
    this.#active = (await this.#hook?.configure(config)) ?? false;
    if (this.#active) this.#schedule(STATUS_POLL_MS);
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

  #pollSoon(): void {
    if (this.#active) this.#schedule(0);
  }

  #schedule(delayMs: number): void {
    this.#cancel();
    this.#timer = this.#clock.setTimer(delayMs, () => {
      this.#timer = undefined;
      void this.#poll();
    });
  }

  #cancel(): void {
    if (this.#timer) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  async #poll(): Promise<void> {
    const vrrp = this.#vrrp;
    if (vrrp && !this.#polling) {
      this.#polling = true;
      try {
        const status = await vrrp.status('poll');
        if (status && vrrp === this.#vrrp && vrrp.pid !== undefined) this.aggregator.tell({ type: 'vrrp-status', status });
      } finally {
        this.#polling = false;
      }
    }
    if (this.#active && this.#timer === undefined) this.#schedule(STATUS_POLL_MS);
  }
}
