/** The real PidFileHost: files through node:fs, liveness through kill(0) and /proc. */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { PidFileHost } from '../../cli/daemon/pid-file.js';
import { processAlive, processCommandLine } from './liveness.js';

export function createPidFileHost(ownPid: number = process.pid): PidFileHost {
  return {
    ownPid,
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    writeFile(path, text) {
      writeFileSync(path, text, { mode: 0o644 });
    },
    removeFile(path) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
    alive: processAlive,
    commandLine: processCommandLine,
  };
}
