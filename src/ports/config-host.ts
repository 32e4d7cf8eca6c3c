/**
 * What the config parser may learn from the host: files, globs, interfaces, users and the
 * host name. The real host implements it in src/io; the simulator and tests with an in-memory
 * file system. The parser never touches the OS itself.
 */
export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  /** Permission bits (mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export interface UserInfo {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export interface ConfigHost {
  /** Reads a whole file as UTF-8 (bytes that are not UTF-8 are kept as U+FFFD); undefined if unreadable. */
  readFile(path: string): string | undefined;
  /**
   * The names in a directory (without `.` and `..`), in any order; undefined when the path is not
   * a readable directory. The config reader builds keepalived's own glob semantics on this.
   */
  listDirectory(path: string): string[] | undefined;
  stat(path: string): FileStat | undefined;
  /** True when the path resolves to an executable file for its owner/group/other. */
  isExecutable(path: string): boolean;
  interfaceExists(name: string): boolean;
  userByName(name: string): UserInfo | undefined;
  groupByName(name: string): { readonly name: string; readonly gid: number } | undefined;
  /** Host name as gethostname(2) returns it. */
  hostname(): string;
  /** The process's current directory (for relative paths on the command line). */
  cwd(): string;
  /** Environment variables (for keepalived's `${_...}` style substitutions that read it). */
  env(name: string): string | undefined;
  /** A pseudo-random integer in [0, 2^31 - 1], as random(3) returns (for `${_RANDOM}`). */
  random(): number;
}
