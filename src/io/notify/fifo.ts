/**
 * A notify FIFO as keepalived keeps one: created (mode 0644) when missing and removed at close
 * only if we created it; its `*_fifo_script` started first with the FIFO's name as last argument;
 * then opened read-write and non-blocking. Read-write matters: the open never waits for a reader,
 * and when the reader goes away writes neither fail nor block — lines wait in the pipe (up to its
 * 64 KiB) for the next reader, so there is nothing to reopen. A full pipe drops the line (logged).
 * A path that exists but is not a FIFO owned by us (or the FIFO's user) is refused, as keepalived does.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Logger } from '../../ports/logger.js';
import type { FifoWriter } from '../../ports/notify.js';
import type { RunningScript, ScriptRunner, ScriptSpec } from '../../ports/scripts.js';

export interface NotifyFifoOptions {
  readonly name: string;
  /** '' for notify_fifo, 'vrrp ' for vrrp_notify_fifo (keepalived's log wording). */
  readonly type: string;
  /** The reader script, already resolved with the FIFO name appended. */
  readonly script?: ScriptSpec | undefined;
  /** Owner to give a FIFO we create (keepalived chowns to the FIFO's user). */
  readonly uid?: number;
  readonly gid?: number;
  readonly runner: ScriptRunner;
  readonly logger: Logger;
  /** How long the reader script may take to drain and exit after close before it is killed. */
  readonly scriptGraceMs?: number;
}

/** Opens the FIFO; undefined (logged) when it cannot be used — keepalived then runs without it. */
export function openNotifyFifo(options: NotifyFifoOptions): FifoWriter | undefined {
  const { name, type, logger } = options;
  const created = createFifo(options);
  if (created === undefined) return undefined;
  let script: RunningScript | undefined;
  if (options.script) {
    script = options.runner.run(options.script);
    // keepalived's words do not name the script; the record keeps it.
    void script.outcome.then((o) => logger.info(`${type}notify fifo script terminated`, { outcome: o, script: options.script?.commandLine }));
  }
  let fd: number;
  try {
    fd = openSync(name, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    logger.info(`Unable to open ${type}notify fifo ${name} - errno ${errnoOf(error)}`);
    if (created) tryUnlink(name);
    script?.kill();
    return undefined;
  }
  const st = fstatSync(fd);
  const ownUid = process.getuid?.() ?? 0;
  if (!st.isFIFO() || (st.uid !== ownUid && st.uid !== options.uid)) {
    logger.info(`${type}notify fifo ${name} is not a fifo we own - not using`);
    closeSync(fd);
    script?.kill();
    return undefined;
  }
  return new OpenFifo(name, fd, created, script, logger, options.scriptGraceMs ?? 2_000);
}

/** True when we made the FIFO, false when it existed, undefined when it could not be made. */
function createFifo(options: NotifyFifoOptions): boolean | undefined {
  const { name, type, logger } = options;
  if (exists(name)) return false;
  // Node has no mkfifo(3); coreutils' mkfifo does the same call.
  const made = spawnSync('mkfifo', ['-m', '0644', name], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (made.status !== 0) {
    if (exists(name)) return false;
    logger.info(`Unable to create ${type}notify fifo ${name}`);
    return undefined;
  }
  const ownUid = process.getuid?.() ?? 0;
  const ownGid = process.getgid?.() ?? 0;
  if ((options.uid !== undefined && options.uid !== ownUid) || (options.gid !== undefined && options.gid !== ownGid)) {
    const chown = spawnSync('chown', [`${options.uid ?? ownUid}:${options.gid ?? ownGid}`, name], { stdio: 'ignore' });
    if (chown.status !== 0) logger.info(`Failed to set uid:gid for fifo ${name}`);
  }
  return true;
}

class OpenFifo implements FifoWriter {
  #fd: number | undefined;

  constructor(
    private readonly name: string,
    fd: number,
    private readonly created: boolean,
    private readonly script: RunningScript | undefined,
    private readonly logger: Logger,
    private readonly scriptGraceMs: number,
  ) {
    this.#fd = fd;
  }

  writeLine(line: string): void {
    if (this.#fd === undefined) return;
    // One write per line, under PIPE_BUF: never interleaved with another writer's line.
    try {
      writeSync(this.#fd, `${line}\n`);
    } catch (error) {
      this.logger.warn(`Notify fifo ${this.name}: line "${line}" dropped - errno ${errnoOf(error)}`);
    }
  }

  close(): void {
    if (this.#fd === undefined) return;
    // Unlink first (as keepalived does) so a reader looping on reopen cannot reopen this FIFO.
    if (this.created) tryUnlink(this.name);
    closeSync(this.#fd);
    this.#fd = undefined;
    // The reader sees EOF once it has read what is left; give it time to finish, then make sure.
    const script = this.script;
    if (script) {
      const timer = setTimeout(() => script.kill(), this.scriptGraceMs);
      void script.outcome.then(() => clearTimeout(timer));
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
