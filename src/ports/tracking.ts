/**
 * Ports for tracked objects the host observes: track_file values and vrrp_track_process
 * processes. The real host implements them in src/io/tracking (fs.watch with polling, the
 * kernel's proc connector or /proc scans); the simulator in src/sim/tracking.
 */

export interface Subscription {
  close(): void;
}

/** Watches one file holding a number (track_file). */
export interface FileWatcher {
  /**
   * Calls `onValue` with the file's value now and again whenever it may have changed: the raw
   * text, or undefined when the file is missing or unreadable (keepalived then uses 0).
   * Duplicates are allowed; the tracker drops unchanged values.
   */
  watch(path: string, onValue: (text: string | undefined) => void): Subscription;
  /**
   * track_file's init_file: writes `text` to the file when it is missing, or over what it holds
   * with `overwrite`. Returns why it could not, or undefined.
   */
  initialise(path: string, text: string, overwrite: boolean): string | undefined;
}

/** What vrrp_track_process matches a process against (see machines/tracking/process-match.ts). */
export interface ProcessPattern {
  readonly name: string;
  /** `process` first word: the comm (or argv[0] with full_command / parameters). */
  readonly process: string;
  /** Parameters NUL-joined, as keepalived stores them; undefined when none were configured. */
  readonly params: readonly string[] | undefined;
  readonly paramMatch: 'exact' | 'partial' | 'initial';
  /** Match the command line (argv[0] and parameters) rather than the comm. */
  readonly fullCommand: boolean;
}

/** How a matching process appeared: fork of a tracked process, exec/rename, or the start-up scan. */
export type ProcessCause = 'fork' | 'exec' | 'scan';

export type ProcessEvent =
  | { readonly kind: 'added'; readonly name: string; readonly pid: number; readonly cause: ProcessCause }
  | { readonly kind: 'removed'; readonly name: string; readonly pid: number };

export interface ProcessWatcher {
  /**
   * Reports every process matching a pattern: first the ones already running (cause 'scan'),
   * then `onScanned` once, then changes as they happen.
   */
  watch(patterns: readonly ProcessPattern[], onEvent: (event: ProcessEvent) => void, onScanned?: () => void): Subscription;
}
