/**
 * The real ScriptRunner: scripts run as keepalived 2.2.7 runs them (notify.c
 * system_call_script, vrrp_scheduler.c vrrp_script_child_thread):
 *
 * - execve of the split argv, no shell, unless the line is a `</path` redirection test, which
 *   goes through `/bin/sh -c` with keepalived's quoting;
 * - a file that is neither `#!` nor ELF is not run (keepalived's execve fails with ENOEXEC and
 *   its child exits 0; libuv would fall back to /bin/sh, so it is refused here first);
 * - its own process group (so a timeout reaches its children), stdin/stdout/stderr on
 *   /dev/null (nothing to read, so a flood of output cannot block anyone), umask 0177,
 *   the script user's uid/gid with no supplementary groups, the daemon's environment;
 * - timeout: SIGTERM to the group, SIGKILL to the group 2 s later; a script that died of our
 *   SIGTERM also has its group SIGKILLed so no child survives. Only a death by our signals is
 *   `timed-out`; a script that traps SIGTERM and exits normally reports its exit code.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { RunningScript, ScriptOutcome, ScriptRunner, ScriptSpec } from '../../ports/scripts.js';
import { shellCommandLine } from '../../config/values/script-line.js';

/** keepalived's default umask, inherited by its scripts (keepalived -u/--umask changes it). */
export const SCRIPT_UMASK = 0o177;
/** keepalived waits this long after SIGTERM before SIGKILL. */
export const KILL_GRACE_MS = 2000;

export interface RealScriptRunnerOptions {
  readonly clock: Clock;
  readonly umask?: number;
  /** The shell for `</path` lines (keepalived calls system(3), i.e. /bin/sh). */
  readonly shell?: string;
}

/** Refuses files that execve would reject with ENOEXEC (neither a #! script nor an ELF binary). */
function execFormatProblem(path: string): string | undefined {
  if (!path.includes('/')) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    const read = readSync(fd, head, 0, 4, 0);
    const text = head.subarray(0, read);
    if (text.subarray(0, 2).toString('latin1') === '#!' || text.toString('latin1') === '\x7fELF') return undefined;
    return 'ENOEXEC';
  } catch (error) {
    // Missing or unreadable: let spawn report it with its own errno.
    return (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'EACCES' : undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function settled(outcome: ScriptOutcome): RunningScript {
  return { pid: undefined, outcome: Promise.resolve(outcome), kill: () => undefined };
}

export function createRealScriptRunner(options: RealScriptRunnerOptions): ScriptRunner {
  const { clock } = options;
  const umask = options.umask ?? SCRIPT_UMASK;
  const shell = options.shell ?? '/bin/sh';

  function run(spec: ScriptSpec): RunningScript {
    const argv0 = spec.argv[0];
    if (argv0 === undefined) return settled({ kind: 'failed-to-start', reason: 'empty command' });
    const useShell = /^<[ \t]*\//.test(argv0);
    if (!useShell) {
      const problem = execFormatProblem(argv0);
      if (problem !== undefined) return settled({ kind: 'failed-to-start', reason: problem });
    }
    const [file, args] = useShell ? [shell, ['-c', shellCommandLine(spec.argv)]] : [argv0, spec.argv.slice(1)];
    const startedMs = clock.nowMs();
    // umask is per process: set it just around the (synchronous) fork so the child inherits it.
    const previousUmask = process.umask(umask);
    let child;
    try {
      child = spawn(file, args, {
        argv0: useShell ? 'sh' : argv0,
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, ...spec.env },
        ...(spec.uid === process.geteuid?.() ? {} : { uid: spec.uid }),
        ...(spec.gid === process.getegid?.() ? {} : { gid: spec.gid }),
      });
    } catch (error) {
      return settled({ kind: 'failed-to-start', reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    } finally {
      process.umask(previousUmask);
    }
    const pid = child.pid;
    let phase: 'running' | 'terminating' | 'killing' | 'killed' = 'running';
    let timer: TimerHandle | undefined;
    const arm = (delayMs: number, fn: () => void): void => {
      timer = clock.setTimer(delayMs, fn);
    };
    if (spec.timeoutMs !== undefined) {
      arm(spec.timeoutMs, () => {
        phase = 'terminating';
        killGroup(pid, 'SIGTERM');
        arm(KILL_GRACE_MS, () => {
          phase = 'killing';
          killGroup(pid, 'SIGKILL');
        });
      });
    }
    const outcome = new Promise<ScriptOutcome>((resolve) => {
      let done = false;
      const finish = (result: ScriptOutcome): void => {
        if (done) return;
        done = true;
        if (timer !== undefined) clock.clearTimer(timer);
        resolve(result);
      };
      child.once('error', (error: NodeJS.ErrnoException) => finish({ kind: 'failed-to-start', reason: error.code ?? error.message }));
      child.once('exit', (code, signal) => {
        const durationMs = clock.nowMs() - startedMs;
        if (signal !== null) {
          if (phase === 'killed') {
            finish({ kind: 'signalled', signal, durationMs });
            return;
          }
          const ours = (phase === 'terminating' && signal === 'SIGTERM') || (phase === 'killing' && (signal === 'SIGKILL' || signal === 'SIGTERM'));
          // Make sure whatever the script started dies with it.
          if (phase !== 'running') killGroup(pid, 'SIGKILL');
          finish(ours ? { kind: 'timed-out', durationMs } : { kind: 'signalled', signal, durationMs });
          return;
        }
        finish({ kind: 'exited', exitCode: code ?? 0, durationMs });
      });
    });
    return {
      pid,
      outcome,
      kill: () => {
        phase = 'killed';
        killGroup(pid, 'SIGKILL');
      },
    };
  }

  return { run };
}
