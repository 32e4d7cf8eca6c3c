/**
 * The parent's watch over one subsystem child: start it, relay its messages, and when it dies
 * unexpectedly log keepalived's lines and start it again after RespawnBackoff's delay — or, with
 * `-R` or a permanent error, tell the parent to terminate.
 */
import type { VrrpEvent, VrrpStatus } from '../../actors/vrrp/subsystem.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { RespawnBackoff } from '../../supervisor/respawn.js';
import { CHILD_DIED_ADVICE, CHILD_LABEL, describeChildExit, type ChildExit } from './child-exit.js';
import type { ChildMessage, ParentMessage, StatusPurpose } from './ipc.js';
import type { ChildSubsystem } from './paths.js';

/** A running child as the host gives it (node:child_process in production, fakes in tests). */
export interface ChildHandle {
  readonly pid: number;
  send(message: ParentMessage): void;
  kill(signal: NodeJS.Signals): void;
}

export interface ChildCallbacks {
  message(message: ChildMessage): void;
  exit(exit: ChildExit): void;
}

export interface ChildLauncher {
  launch(subsystem: ChildSubsystem, callbacks: ChildCallbacks): ChildHandle;
}

export interface WatchdogEvents {
  /** The child reported ready (first start and every respawn). */
  ready?(pid: number): void;
  event?(event: VrrpEvent): void;
  /** The child died and will not be respawned: the parent stops with this exit code. */
  terminate(exitCode: number): void;
  /** A child died (any reason): its pid file is stale now. */
  died?(pid: number): void;
}

export interface WatchdogOptions {
  readonly subsystem: ChildSubsystem;
  readonly launcher: ChildLauncher;
  readonly clock: Clock;
  readonly backoff: RespawnBackoff;
  readonly logger: Logger;
  readonly events: WatchdogEvents;
  /** How long status and reload answers may take. */
  readonly replyTimeoutMs?: number;
}

/** keepalived's parent exit status after a child's permanent error (measured on 2.2.7). */
export const PERMANENT_ERROR_EXIT = 2;

interface Pending<T> {
  readonly resolve: (value: T) => void;
  readonly timer: TimerHandle;
}

export class Watchdog {
  readonly #o: WatchdogOptions;
  #child: ChildHandle | undefined;
  #respawnTimer: TimerHandle | undefined;
  #stopping = false;
  #exitWaiters: (() => void)[] = [];
  #nextId = 1;
  readonly #statusWaiters = new Map<number, Pending<VrrpStatus | undefined>>();
  #reloadWaiters: Pending<boolean>[] = [];

  constructor(options: WatchdogOptions) {
    this.#o = options;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    if (this.#stopping || this.#child) return;
    const label = CHILD_LABEL[this.#o.subsystem];
    let handle: ChildHandle | undefined;
    try {
      handle = this.#o.launcher.launch(this.#o.subsystem, {
        message: (m) => this.#onMessage(m),
        exit: (e) => this.#onExit(handle, e),
      });
    } catch (err) {
      this.#o.logger.error(`${label.process}: fork error(${err instanceof Error ? err.message : String(err)})`);
      this.#o.events.terminate(PERMANENT_ERROR_EXIT);
      return;
    }
    this.#child = handle;
    this.#o.backoff.childStarted();
    this.#o.logger.info(`Starting ${label.process}, pid=${handle.pid}`);
  }

  /** Forwards SIGHUP; resolves true when the child reloaded (false: refused, gone or too slow). */
  reload(): Promise<boolean> {
    const child = this.#child;
    if (!child) return Promise.resolve(false);
    return new Promise((resolve) => {
      const pending: Pending<boolean> = {
        resolve,
        timer: this.#o.clock.setTimer(this.#o.replyTimeoutMs ?? 30_000, () => this.#settleReload(pending, false)),
      };
      this.#reloadWaiters.push(pending);
      child.send({ type: 'reload' });
    });
  }

  /** The child's status (undefined when it is not running or does not answer in time). */
  status(purpose: StatusPurpose): Promise<VrrpStatus | undefined> {
    const child = this.#child;
    if (!child) return Promise.resolve(undefined);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = this.#o.clock.setTimer(this.#o.replyTimeoutMs ?? 5_000, () => {
        this.#statusWaiters.delete(id);
        resolve(undefined);
      });
      this.#statusWaiters.set(id, { resolve, timer });
      child.send({ type: 'status-request', id, purpose });
    });
  }

  /** Asks the child to stop; SIGKILL after graceMs. No respawn afterwards. */
  stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    if (this.#respawnTimer) this.#o.clock.clearTimer(this.#respawnTimer);
    this.#respawnTimer = undefined;
    const child = this.#child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = this.#o.clock.setTimer(graceMs, () => child.kill('SIGKILL'));
      this.#exitWaiters.push(() => {
        this.#o.clock.clearTimer(kill);
        resolve();
      });
      child.send({ type: 'stop' });
    });
  }

  #onMessage(message: ChildMessage): void {
    switch (message.type) {
      case 'ready':
        this.#o.events.ready?.(message.pid);
        break;
      case 'event':
        this.#o.events.event?.(message.event);
        break;
      case 'status': {
        const pending = this.#statusWaiters.get(message.id);
        if (!pending) break;
        this.#statusWaiters.delete(message.id);
        this.#o.clock.clearTimer(pending.timer);
        pending.resolve(message.status);
        break;
      }
      case 'reloaded': {
        const pending = this.#reloadWaiters[0];
        if (pending) this.#settleReload(pending, message.ok);
        break;
      }
      case 'fatal':
        // The child logged it already; its exit code decides what happens next.
        break;
    }
  }

  #settleReload(pending: Pending<boolean>, ok: boolean): void {
    const index = this.#reloadWaiters.indexOf(pending);
    if (index < 0) return;
    this.#reloadWaiters.splice(index, 1);
    this.#o.clock.clearTimer(pending.timer);
    pending.resolve(ok);
  }

  #onExit(handle: ChildHandle | undefined, exit: ChildExit): void {
    if (!handle || handle !== this.#child) return;
    this.#child = undefined;
    this.#o.events.died?.(handle.pid);
    for (const [id, pending] of this.#statusWaiters) {
      this.#o.clock.clearTimer(pending.timer);
      pending.resolve(undefined);
      this.#statusWaiters.delete(id);
    }
    for (const pending of [...this.#reloadWaiters]) this.#settleReload(pending, false);
    if (this.#stopping) {
      const waiters = this.#exitWaiters;
      this.#exitWaiters = [];
      waiters.forEach((done) => done());
      return;
    }
    const log = this.#o.logger;
    const label = CHILD_LABEL[this.#o.subsystem];
    const report = describeChildExit(handle.pid, exit);
    report.lines.forEach((line) => log.info(line));
    if (report.permanent) {
      this.#o.backoff.childExited();
      this.#o.events.terminate(PERMANENT_ERROR_EXIT);
      return;
    }
    const decision = this.#o.backoff.childExited();
    if (!decision.respawn) {
      log.info(`${label.process}(${handle.pid}) died: Exiting`);
      this.#o.events.terminate(0);
      return;
    }
    log.info(`${label.process}(${handle.pid}) died: Respawning`);
    CHILD_DIED_ADVICE.forEach((line) => log.info(line));
    log.info(`Restart of ${label.restart} process delayed ${Math.round(decision.delayMs / 1000)} seconds to limit respawn rate`);
    this.#respawnTimer = this.#o.clock.setTimer(decision.delayMs, () => {
      this.#respawnTimer = undefined;
      this.start();
    });
  }
}
