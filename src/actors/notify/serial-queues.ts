/**
 * One queue per instance or group: a job starts only once the one before it has finished, so an
 * instance's notify scripts run in transition order, while instances never wait for each other.
 * A queue is bounded: a burst beyond `maxPending` drops the newest jobs (the caller logs).
 */
export type Job = () => Promise<void>;

export class SerialQueues {
  readonly #pending = new Map<string, Job[]>();
  readonly #running = new Set<string>();
  #idleWaiters: (() => void)[] = [];

  constructor(private readonly maxPending: number) {}

  /** False when `key`'s queue is full and the job was dropped. */
  push(key: string, job: Job): boolean {
    const queue = this.#pending.get(key) ?? [];
    if (queue.length >= this.maxPending) return false;
    queue.push(job);
    this.#pending.set(key, queue);
    if (!this.#running.has(key)) void this.#drain(key);
    return true;
  }

  get idle(): boolean {
    return this.#running.size === 0;
  }

  /** Resolves once every queue is empty and nothing runs. */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(key: string): Promise<void> {
    this.#running.add(key);
    for (let job = this.#next(key); job; job = this.#next(key)) {
      try {
        await job();
      } catch {
        // Jobs report their own failures; a throw here is a bug we must not let stall the queue.
      }
    }
    this.#running.delete(key);
    this.#pending.delete(key);
    if (this.idle) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  #next(key: string): Job | undefined {
    return this.#pending.get(key)?.shift();
  }
}
