/**
 * Whether a process matches a vrrp_track_process (track_process.c read_procs / check_process /
 * check_params): an exact string match of the comm (/proc/PID/stat's name, at most 15 bytes),
 * or of argv[0] when full_command is set or parameters were given; then the parameters:
 *
 * - exact (the default when parameters are given): the remaining arguments equal them;
 * - partial: the first n arguments equal the n configured ones;
 * - initial: like partial, but the last configured one may be a prefix of its argument.
 *
 * With param_match and no parameters, exact means "no arguments at all" and the others match
 * anything.
 */
import type { ProcessPattern } from '../../ports/tracking.js';

export interface ProcessIdentity {
  /** /proc/PID/comm (without the newline). */
  readonly comm: string;
  /** /proc/PID/cmdline split on NUL; empty for kernel threads and zombies. */
  readonly argv: readonly string[];
}

/** keepalived's process_params: the parameters NUL-joined with a trailing NUL. */
function joined(params: readonly string[]): string {
  return params.map((p) => `${p}\0`).join('');
}

/** Whether the pattern's parameters matter (keepalived's PARAM_MATCH_NONE otherwise). */
export function checksParams(pattern: ProcessPattern): boolean {
  return pattern.params !== undefined || pattern.paramMatch !== 'exact';
}

export function usesCommandLine(pattern: ProcessPattern): boolean {
  return pattern.fullCommand || pattern.params !== undefined;
}

function paramsMatch(pattern: ProcessPattern, actual: readonly string[]): boolean {
  const given = joined(actual);
  const wanted = pattern.params === undefined ? '' : joined(pattern.params);
  if (pattern.paramMatch === 'exact') return given === wanted;
  if (pattern.params === undefined) return true;
  if (given.length < wanted.length) return false;
  if (pattern.paramMatch === 'partial') return given.startsWith(wanted);
  // initial: the last configured parameter may be a prefix, so its terminating NUL is not compared.
  return given.startsWith(wanted.slice(0, -1));
}

export function matchesProcess(pattern: ProcessPattern, process: ProcessIdentity): boolean {
  if (usesCommandLine(pattern)) {
    const [argv0, ...rest] = process.argv;
    if (argv0 !== pattern.process) return false;
    return checksParams(pattern) ? paramsMatch(pattern, rest) : true;
  }
  return process.comm === pattern.process;
}
