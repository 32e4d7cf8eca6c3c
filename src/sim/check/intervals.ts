/** Merging of per-segment findings into intervals: a finding that continues keeps its interval open. */
export interface Found<T> {
  readonly key: string;
  readonly data: T;
  readonly fromMs: number;
  toMs: number;
}

export class IntervalMerger<T> {
  readonly closed: Found<T>[] = [];
  #open = new Map<string, Found<T>>();

  /** Records the findings of segment [fromMs, toMs); open ones not found again are closed. */
  segment(fromMs: number, toMs: number, findings: readonly { readonly key: string; readonly data: T; readonly fromMs?: number }[]): void {
    const next = new Map<string, Found<T>>();
    for (const f of findings) {
      const open = this.#open.get(f.key);
      if (open !== undefined && open.toMs === (f.fromMs ?? fromMs)) {
        open.toMs = toMs;
        next.set(f.key, open);
        this.#open.delete(f.key);
      } else if (!next.has(f.key)) {
        next.set(f.key, { key: f.key, data: f.data, fromMs: f.fromMs ?? fromMs, toMs });
      }
    }
    for (const open of this.#open.values()) this.closed.push(open);
    this.#open = next;
  }

  finish(): Found<T>[] {
    for (const open of this.#open.values()) this.closed.push(open);
    this.#open = new Map();
    return this.closed.sort((a, b) => a.fromMs - b.fromMs || a.key.localeCompare(b.key));
  }
}
