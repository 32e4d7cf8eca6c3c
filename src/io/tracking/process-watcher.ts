/**
 * The real ProcessWatcher. keepalived scans /proc once and then follows the kernel's proc
 * connector (fork/exec/comm/exit events). Here the proc connector is used when the kernel lets
 * us subscribe (root, in the initial PID namespace; see proc-connector.ts); otherwise /proc is
 * rescanned at an interval. Either way the events are the same: `added` (cause 'fork' when the
 * parent is a tracked process, so fork_delay applies), `removed`.
 */
import type { ProcessEvent, ProcessPattern, ProcessWatcher, Subscription } from '../../ports/tracking.js';
import { matchesProcess, usesCommandLine } from '../../machines/tracking/process-match.js';
import { listPids, readProc, type ProcInfo } from './proc-reader.js';
import { openProcConnector, type ProcConnectorEvent } from './proc-connector.js';

export interface RealProcessWatcherOptions {
  /** Rescan period when the proc connector is unavailable (default 1000 ms). */
  readonly scanIntervalMs?: number;
  /** 'auto' (default): connector if possible; 'scan' forces scanning. */
  readonly mode?: 'auto' | 'scan';
  readonly procRoot?: string;
  /** Told which mechanism is in use (for a log line). */
  readonly onMode?: (mode: 'connector' | 'scan', reason?: string) => void;
}

/** pid → names of the patterns it matches. */
type Tracked = Map<number, Set<string>>;

class Tracker {
  readonly tracked: Tracked = new Map();
  constructor(
    private readonly patterns: readonly ProcessPattern[],
    private readonly emit: (event: ProcessEvent) => void,
  ) {}

  get needsCmdline(): boolean {
    return this.patterns.some(usesCommandLine);
  }

  /** Re-evaluates one process (new, exec'd, renamed, or seen by a scan). */
  update(pid: number, info: ProcInfo | undefined, cause: 'fork' | 'exec' | 'scan'): void {
    const before = this.tracked.get(pid) ?? new Set<string>();
    const after = new Set(info === undefined ? [] : this.patterns.filter((p) => matchesProcess(p, info)).map((p) => p.name));
    const parentTracked = info !== undefined && (this.tracked.get(info.ppid)?.size ?? 0) > 0;
    for (const name of before) if (!after.has(name)) this.emit({ kind: 'removed', name, pid });
    for (const name of after) {
      if (!before.has(name)) this.emit({ kind: 'added', name, pid, cause: cause === 'exec' && parentTracked ? 'fork' : cause });
    }
    if (after.size > 0) this.tracked.set(pid, after);
    else this.tracked.delete(pid);
  }

  exited(pid: number): void {
    const names = this.tracked.get(pid);
    if (names === undefined) return;
    this.tracked.delete(pid);
    for (const name of names) this.emit({ kind: 'removed', name, pid });
  }
}

export function createRealProcessWatcher(options: RealProcessWatcherOptions = {}): ProcessWatcher {
  const scanIntervalMs = options.scanIntervalMs ?? 1000;
  const procRoot = options.procRoot ?? '/proc';
  return {
    watch(patterns, onEvent, onScanned): Subscription {
      let closed = false;
      const tracker = new Tracker(patterns, (event) => {
        if (!closed) onEvent(event);
      });
      let first = true;
      let scanning = false;
      const scan = async (): Promise<void> => {
        if (scanning || closed) return;
        scanning = true;
        const pids = await listPids(procRoot);
        const seen = new Set(pids);
        for (const pid of tracker.tracked.keys()) if (!seen.has(pid)) tracker.exited(pid);
        for (const pid of pids) {
          if (closed) break;
          const info = await readProc(pid, tracker.needsCmdline, procRoot);
          // New processes seen after the first scan were exec'd or forked since.
          tracker.update(pid, info, first ? 'scan' : info !== undefined && tracker.tracked.has(info.ppid) ? 'fork' : 'exec');
        }
        first = false;
        scanning = false;
      };
      let timer: ReturnType<typeof setInterval> | undefined;
      const startScanning = (reason?: string): void => {
        options.onMode?.('scan', reason);
        timer = setInterval(() => void scan(), scanIntervalMs);
        timer.unref();
      };
      const onConnectorEvent = (event: ProcConnectorEvent): void => {
        if (closed) return;
        if (event.kind === 'exit') {
          tracker.exited(event.pid);
          return;
        }
        const pid = event.pid;
        const cause = event.kind === 'fork' && tracker.tracked.has(event.parentPid) ? 'fork' : 'exec';
        void readProc(pid, tracker.needsCmdline, procRoot).then((info) => {
          if (!closed) tracker.update(pid, info, cause);
        });
      };
      const connector = options.mode === 'scan' ? { ok: false as const, reason: 'scanning requested' } : openProcConnector(onConnectorEvent);
      // Subscribe first, then scan, so nothing starting in between is missed.
      void scan().then(() => {
        if (!closed) onScanned?.();
        if (!connector.ok && !closed) startScanning(connector.reason);
        else if (connector.ok) options.onMode?.('connector');
      });
      return {
        close() {
          closed = true;
          if (timer !== undefined) clearInterval(timer);
          if (connector.ok) connector.close();
        },
      };
    },
  };
}
