/**
 * In-memory FileWatcher and ProcessWatcher: tests set file contents and start/stop processes
 * by hand; watchers are told synchronously. Deterministic.
 */
import type { FileWatcher, ProcessCause, ProcessEvent, ProcessPattern, ProcessWatcher, Subscription } from '../../ports/tracking.js';
import { matchesProcess, type ProcessIdentity } from '../../machines/tracking/process-match.js';

export class MemoryFileWatcher implements FileWatcher {
  readonly #files = new Map<string, string>();
  readonly #watchers = new Map<string, Set<(text: string | undefined) => void>>();

  /** Writes (or with undefined deletes) a file and tells its watchers. */
  set(path: string, text: string | undefined): void {
    if (text === undefined) this.#files.delete(path);
    else this.#files.set(path, text);
    for (const listener of this.#watchers.get(path) ?? []) listener(text);
  }

  initialise(path: string, text: string, overwrite: boolean): string | undefined {
    if (overwrite || !this.#files.has(path)) this.set(path, text);
    return undefined;
  }

  /** A file's contents (undefined when missing). */
  get(path: string): string | undefined {
    return this.#files.get(path);
  }

  watch(path: string, onValue: (text: string | undefined) => void): Subscription {
    const set = this.#watchers.get(path) ?? new Set();
    set.add(onValue);
    this.#watchers.set(path, set);
    onValue(this.#files.get(path));
    return { close: () => void set.delete(onValue) };
  }
}

interface Watch {
  readonly patterns: readonly ProcessPattern[];
  readonly onEvent: (event: ProcessEvent) => void;
}

export class MemoryProcessWatcher implements ProcessWatcher {
  readonly #processes = new Map<number, ProcessIdentity & { readonly ppid: number }>();
  readonly #watches = new Set<Watch>();
  #nextPid = 100;

  /** Starts a process; `parentPid` makes it a fork of that process. Returns its pid. */
  start(identity: ProcessIdentity, parentPid = 1): number {
    const pid = this.#nextPid++;
    this.#processes.set(pid, { ...identity, ppid: parentPid });
    const cause: ProcessCause = this.#processes.has(parentPid) ? 'fork' : 'exec';
    for (const watch of this.#watches) {
      for (const pattern of watch.patterns) {
        if (matchesProcess(pattern, identity)) watch.onEvent({ kind: 'added', name: pattern.name, pid, cause });
      }
    }
    return pid;
  }

  stop(pid: number): void {
    const identity = this.#processes.get(pid);
    if (identity === undefined) return;
    this.#processes.delete(pid);
    for (const watch of this.#watches) {
      for (const pattern of watch.patterns) {
        if (matchesProcess(pattern, identity)) watch.onEvent({ kind: 'removed', name: pattern.name, pid });
      }
    }
  }

  watch(patterns: readonly ProcessPattern[], onEvent: (event: ProcessEvent) => void, onScanned?: () => void): Subscription {
    const watch = { patterns, onEvent };
    for (const [pid, identity] of this.#processes) {
      for (const pattern of patterns) if (matchesProcess(pattern, identity)) onEvent({ kind: 'added', name: pattern.name, pid, cause: 'scan' });
    }
    onScanned?.();
    this.#watches.add(watch);
    return { close: () => void this.#watches.delete(watch) };
  }
}
