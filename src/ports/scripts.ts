/**
 * Running operators' scripts (vrrp_script checks, notify scripts, MISC_CHECK, startup/shutdown):
 * the real host spawns processes (src/io/scripts); the simulator decides outcomes from its seed.
 * A script's outcome is an event, never an exception: not found, timed out, killed by a signal and
 * non-zero exits are all results.
 */
export interface ScriptSpec {
  /** Program and arguments, already split as keepalived splits the script line. */
  readonly argv: readonly string[];
  /** The script line as written (for logs, and for `sh -c` when the line needs a shell). */
  readonly commandLine: string;
  readonly uid: number;
  readonly gid: number;
  /** Kill the script's whole process group after this long (undefined: no timeout). */
  readonly timeoutMs?: number | undefined;
  /** Extra environment on top of the daemon's own. */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

export type ScriptOutcome =
  | { readonly kind: 'exited'; readonly exitCode: number; readonly durationMs: number }
  | { readonly kind: 'signalled'; readonly signal: string; readonly durationMs: number }
  | { readonly kind: 'timed-out'; readonly durationMs: number }
  | { readonly kind: 'failed-to-start'; readonly reason: string };

export interface RunningScript {
  readonly pid: number | undefined;
  readonly outcome: Promise<ScriptOutcome>;
  /** Kills the script's process group (SIGKILL); the outcome then settles as signalled. */
  kill(): void;
}

export interface ScriptRunner {
  run(spec: ScriptSpec): RunningScript;
}
