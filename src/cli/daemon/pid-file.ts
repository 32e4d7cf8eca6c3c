/**
 * pid files as keepalived keeps them: "PID\n", written when a process starts, removed when it
 * stops. At start-up a pid file naming a live keepalived-ts process means "daemon is already
 * running"; one naming a dead process, or a process that is not keepalived-ts (a pid reused
 * after a reboot), is a zombie pid file and is removed.
 */

/** The host operations, injected so the logic is testable without real processes. */
export interface PidFileHost {
  readFile(path: string): string | undefined;
  /** Throws on failure (permissions, missing directory). */
  writeFile(path: string, text: string): void;
  removeFile(path: string): void;
  alive(pid: number): boolean;
  commandLine(pid: number): readonly string[] | undefined;
  readonly ownPid: number;
}

export type PidFileState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'running'; readonly pid: number }
  /** A file was there and has been removed; `message` is keepalived's log line. */
  | { readonly kind: 'stale'; readonly message: string };

/** keepalived's fscanf("%d"): leading blanks, an optional sign, digits. */
export function parsePid(text: string): number | undefined {
  const match = /^\s*(\d+)/.exec(text);
  if (!match) return undefined;
  const pid = Number(match[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * A command line belongs to keepalived-ts when it runs our program: the installed bin, the
 * bundle or the CLI entry (under tsx in development).
 */
export function isKeepalivedTs(argv: readonly string[]): boolean {
  return argv.some((arg) => /keepalived-ts(\.js)?$|[/\\]bundle[/\\]main\.js$|[/\\]cli[/\\]main\.[jt]s$/.test(arg));
}

export function checkPidFile(path: string, host: PidFileHost): PidFileState {
  const text = host.readFile(path);
  if (text === undefined) return { kind: 'absent' };
  const pid = parsePid(text);
  if (pid !== undefined && pid !== host.ownPid && host.alive(pid)) {
    const argv = host.commandLine(pid);
    // Unreadable /proc: trust the live pid, as keepalived does.
    if (argv === undefined || isKeepalivedTs(argv)) return { kind: 'running', pid };
  }
  host.removeFile(path);
  return { kind: 'stale', message: `Remove a zombie pid file ${path}` };
}

/** Returns keepalived's log line when the file cannot be written, undefined when written. */
export function writePidFile(path: string, pid: number, host: PidFileHost): string | undefined {
  try {
    host.writeFile(path, `${pid}\n`);
    return undefined;
  } catch {
    return `pidfile_write : Cannot open ${path} pidfile`;
  }
}

/** Removes the file only when it still names `pid`: a successor may own it by now. */
export function removePidFile(path: string, pid: number, host: PidFileHost): void {
  const text = host.readFile(path);
  if (text !== undefined && parsePid(text) === pid) host.removeFile(path);
}
