/**
 * SMTP alerts leave one at a time, in the order they were raised, and never hold anything else
 * up. keepalived tries each mail once; we retry a mail the sender says may succeed later (server
 * unreachable, timed out), a bounded number of times with growing delays on the Clock, and keep
 * a bounded backlog: beyond it the oldest waiting alert is dropped and logged.
 */
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { AlertMail, MailResult, MailSender } from '../../ports/notify.js';

export interface MailRetryPolicy {
  /** Delays before the 2nd, 3rd… attempt; its length + 1 is the number of attempts. */
  readonly retryDelaysMs: readonly number[];
  readonly maxBacklog: number;
}

export const DEFAULT_MAIL_RETRY: MailRetryPolicy = { retryDelaysMs: [5_000, 30_000], maxBacklog: 64 };

export class MailQueue {
  readonly #backlog: AlertMail[] = [];
  #busy = false;
  #stopped = false;
  #idleWaiters: (() => void)[] = [];
  /** Cuts a retry wait short on stop. */
  #wake: (() => void) | undefined;

  constructor(
    private readonly sender: MailSender,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly policy: MailRetryPolicy = DEFAULT_MAIL_RETRY,
  ) {}

  enqueue(mail: AlertMail): void {
    if (this.#stopped) return;
    if (this.#backlog.length >= this.policy.maxBacklog) {
      const dropped = this.#backlog.shift();
      this.logger.warn(`SMTP alert backlog full - dropping alert "${dropped?.subject ?? ''}"`);
    }
    this.#backlog.push(mail);
    if (!this.#busy) void this.#run();
  }

  get idle(): boolean {
    return !this.#busy;
  }

  whenIdle(): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Gives up on waiting alerts and retries (shutdown); a send under way still settles. */
  stop(): void {
    this.#stopped = true;
    if (this.#backlog.length > 0) this.logger.info(`Discarding ${this.#backlog.length} unsent SMTP alert(s) on stop`);
    this.#backlog.length = 0;
    this.#wake?.();
  }

  async #run(): Promise<void> {
    this.#busy = true;
    for (let mail = this.#backlog.shift(); mail; mail = this.#backlog.shift()) await this.#deliver(mail);
    this.#busy = false;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }

  async #deliver(mail: AlertMail): Promise<void> {
    const attempts = this.policy.retryDelaysMs.length + 1;
    for (let attempt = 1; ; attempt++) {
      const result = await this.#attempt(mail);
      if (result.ok) return;
      const delay = this.policy.retryDelaysMs[attempt - 1];
      if (!result.retry || delay === undefined || this.#stopped) {
        this.logger.warn(`SMTP alert "${mail.subject}" not sent after ${attempt}/${attempts} attempt(s): ${result.reason}`);
        return;
      }
      this.logger.info(`SMTP alert "${mail.subject}" failed (${result.reason}) - retrying in ${delay / 1000}s`);
      await this.#sleep(delay);
      if (this.#stopped) return;
    }
  }

  #sleep(delayMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const handle = this.clock.setTimer(delayMs, () => done());
      const done = (): void => {
        this.clock.clearTimer(handle);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
    });
  }

  async #attempt(mail: AlertMail): Promise<MailResult> {
    try {
      return await this.sender.send(mail);
    } catch (error) {
      // The port promises never to reject; if it does anyway, count it as a failed attempt.
      return { ok: false, reason: String(error), retry: true };
    }
  }
}
