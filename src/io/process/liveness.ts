/** Whether a pid names a live process, and which program it runs (from /proc). */
import { readFileSync } from 'node:fs';

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** argv of a process, or undefined when it is gone or /proc is not readable. */
export function processCommandLine(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    return raw.split('\0').filter((part) => part !== '');
  } catch {
    return undefined;
  }
}
