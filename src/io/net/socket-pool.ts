/**
 * Reference-counted sharing of host resources by key: the first user opens, the last one to
 * leave closes. keepalived shares one socket per interface among its instances the same way.
 */
export interface Closable {
  close(): void;
}

/** Why something could not be opened (an expected failure, returned rather than thrown). */
export interface Failure {
  readonly error: string;
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string';
}

export class RefCountedPool<T extends Closable> {
  private readonly entries = new Map<string, { readonly value: T; users: number }>();

  /** The shared value for `key`, opened by `open` on first use; a failure to open is passed through. */
  acquire(key: string, open: () => T | Failure): T | Failure {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.users++;
      return entry.value;
    }
    const opened = open();
    if (!isFailure(opened)) this.entries.set(key, { value: opened, users: 1 });
    return opened;
  }

  /** Drops one use of `key`; closes the value when it was the last. Extra releases are ignored. */
  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    if (--entry.users > 0) return;
    this.entries.delete(key);
    entry.value.close();
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}
