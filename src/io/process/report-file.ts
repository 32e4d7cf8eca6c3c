/**
 * Writes a report file (/tmp/keepalived.data, .stats, .json) as keepalived's fopen_safe does:
 * never through a symlink (a classic /tmp attack), owner-only permissions, truncated first.
 * Returns keepalived's log line on failure instead of throwing.
 */
import { closeSync, constants, openSync, writeSync, fchmodSync } from 'node:fs';

export function writeReportFile(path: string, text: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `Unable to open ${path} - errno ${Math.abs(e.errno ?? 0)}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
