/**
 * Configuration diagnostics: one line `(FILE: Line N) message`, as keepalived prints them, plus
 * the severity classes keepalived's config test folds into its exit code.
 */

/**
 * Severity classes in keepalived 2.2.7's order. keepalived keeps the numerically highest class
 * reported during a config test, and the exit code is derived from that one class
 * (see {@link configTestExitCode}); the order therefore matters, not only the names.
 */
export enum ConfigErrorClass {
  Ok = 0,
  // keepalived cannot run the config
  FileNotFound = 1,
  BadInterface = 2,
  Fatal = 3,
  // errors, but keepalived would still run
  MultipleFiles = 4,
  UnknownKeyword = 5,
  UnexpectedBlockStart = 6,
  MissingBlockStart = 7,
  UnexpectedBlockEnd = 8,
  MissingBlockEnd = 9,
  UnmatchedQuote = 10,
  MissingParameter = 11,
  InvalidNumber = 12,
  GeneralError = 13,
  Warning = 14,
  Deprecated = 15,
  // scripts configured while script security is off
  SecurityError = 16,
}

/** keepalived's process exit codes (the binary's, not the man page's). */
export const ExitCode = {
  ok: 0,
  /**
   * Measured: the 2.2.7 binary exits 2 when a keyword lacks a required parameter, although its
   * source names KEEPALIVED_EXIT_CONFIG (4) there — the exit happens in a child, and the parent
   * reports it differently.
   */
  missingParameter: 2,
  noMemory: 1,
  programError: 2,
  fatal: 3,
  config: 4,
  configTest: 5,
  configTestSecurity: 6,
  /**
   * Measured: the 2.2.7 binary exits 6 when it has no usable config (a missing main file when
   * running, or a missing include under `-e`), the same number as the security verdict.
   */
  noConfig: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Where a diagnostic points: the file as keepalived names it, and a 1-based line. */
export interface SourcePosition {
  /** File name as named in the config or on the command line (not resolved). */
  readonly file: string;
  readonly line: number;
}

export interface Diagnostic {
  /**
   * keepalived's class for this report; `undefined` for informational lines that keepalived
   * logs without counting them (e.g. "Disabling track script … since not found").
   */
  readonly errorClass: ConfigErrorClass | undefined;
  readonly message: string;
  /** Absent for reports keepalived makes without a position (post-parse checks). */
  readonly position?: SourcePosition | undefined;
  /**
   * keepalived prints `(Line N)` without a file name in a few places; when true the file is
   * kept in `position` for tools but left out of the printed line.
   */
  readonly hideFile?: boolean;
}

/** Formats a diagnostic exactly as keepalived prints it. */
export function formatDiagnostic(d: Diagnostic): string {
  if (!d.position) return d.message;
  if (d.hideFile) return `(Line ${d.position.line}) ${d.message}`;
  return `(${d.position.file}: Line ${d.position.line}) ${d.message}`;
}

/** Collects diagnostics and the highest class seen, as keepalived's report_config_error does. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  private highest: ConfigErrorClass = ConfigErrorClass.Ok;
  /** Set when parsing must stop at once, as keepalived exits mid-parse (e.g. missing parameter). */
  abortExitCode: ExitCode | undefined;

  report(errorClass: ConfigErrorClass | undefined, message: string, position?: SourcePosition, hideFile = false): void {
    this.items.push({ errorClass, message, position, hideFile });
    if (errorClass !== undefined && errorClass > this.highest) this.highest = errorClass;
  }

  /** An informational line: printed, not counted. */
  info(message: string, position?: SourcePosition): void {
    this.report(undefined, message, position);
  }

  get status(): ConfigErrorClass {
    return this.highest;
  }
}

/** keepalived's mapping from the highest reported class to the `-t` exit code. */
export function configTestExitCode(status: ConfigErrorClass): ExitCode {
  switch (status) {
    case ConfigErrorClass.Ok:
      return ExitCode.ok;
    case ConfigErrorClass.FileNotFound:
    case ConfigErrorClass.BadInterface:
    case ConfigErrorClass.Fatal:
      return ExitCode.config;
    case ConfigErrorClass.SecurityError:
      return ExitCode.configTestSecurity;
    default:
      return ExitCode.configTest;
  }
}
