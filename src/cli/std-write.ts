/**
 * Writes to the process's standard output or error by file descriptor. process.stdout and
 * process.stderr cost a config test several milliseconds when they are pipes (as under a
 * supervisor or a test harness): the first use loads Node's stream and net modules to wrap the
 * pipe. Node writes to pipes and files synchronously on Linux anyway, so ordering is unchanged.
 */
import { writeSync } from 'node:fs';

/** How long to wait for the reader of a full non-blocking descriptor before trying again. */
const FULL_PIPE_WAIT_MS = 1;
const waiter = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to `fd`; a closed reader (EPIPE) or a bad descriptor drops the rest. */
export function writeAllSync(fd: number, text: string): void {
  let data = Buffer.from(text, 'utf8');
  while (data.length > 0) {
    let written: number;
    try {
      written = writeSync(fd, data);
    } catch (err) {
      // A descriptor another process made non-blocking and its reader has not caught up: wait for
      // it, as a blocking write (and Node's own stdio) would.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      Atomics.wait(waiter, 0, 0, FULL_PIPE_WAIT_MS);
      continue;
    }
    data = data.subarray(written);
  }
}
