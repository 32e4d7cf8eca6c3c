/**
 * The real FileWatcher: like keepalived's inotify watch on the file's directory (close-write,
 * moves and deletions), with fs.watch on the directory; when that is impossible (missing
 * directory, no inotify) or as a safety net for changes fs.watch misses (it is best-effort on
 * some filesystems), the file is also polled. Reads are non-blocking and at most 127 bytes, as
 * keepalived reads them, so a FIFO or a huge file cannot stall the event loop.
 */
import { watch, writeFileSync, constants, type FSWatcher } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { FileWatcher, Subscription } from '../../ports/tracking.js';

export interface RealFileWatcherOptions {
  /** Polling period in ms (default 1000); 0 disables polling when fs.watch works. */
  readonly pollIntervalMs?: number;
}

async function readHead(path: string): Promise<string | undefined> {
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const buffer = Buffer.alloc(127);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('latin1');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

export function createRealFileWatcher(options: RealFileWatcherOptions = {}): FileWatcher {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  return {
    initialise(path, text, overwrite) {
      try {
        // Synchronous, as it happens once at start and must precede the first read.
        writeFileSync(path, text, { flag: overwrite ? 'w' : 'wx' });
        return undefined;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return undefined;
        return error instanceof Error ? error.message : String(error);
      }
    },

    watch(path, onValue): Subscription {
      let closed = false;
      let reading = false;
      let again = false;
      const read = (): void => {
        if (closed) return;
        // Coalesce bursts of events into sequential reads, never two at once.
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        void readHead(path).then((text) => {
          reading = false;
          if (!closed) onValue(text);
          if (again) {
            again = false;
            read();
          }
        });
      };
      let watcher: FSWatcher | undefined;
      try {
        const name = basename(path);
        watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
          if (filename === null || filename === name) read();
        });
        watcher.on('error', () => undefined);
      } catch {
        watcher = undefined;
      }
      const period = watcher === undefined ? Math.max(pollIntervalMs, 100) : pollIntervalMs;
      const poll = period > 0 ? setInterval(read, period) : undefined;
      poll?.unref();
      read();
      return {
        close() {
          closed = true;
          watcher?.close();
          if (poll !== undefined) clearInterval(poll);
        },
      };
    },
  };
}
