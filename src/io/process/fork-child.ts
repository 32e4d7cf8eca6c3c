/**
 * Starts a subsystem child: the same program with the same command line (so `ps` shows what
 * keepalived's children show), marked by an internal environment variable, with an IPC channel.
 * Under tsx the loader flags in execArgv come along.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildSubsystem } from '../../cli/daemon/paths.js';
import { parseChildMessage, type ParentMessage } from '../../cli/daemon/ipc.js';
import { daemonEnv, daemonExecArgv } from './heap-flags.js';
import type { ChildCallbacks, ChildHandle, ChildLauncher } from '../../cli/daemon/watchdog.js';

/** Internal: set by the parent on its children, never by users. */
export const CHILD_ENV = 'KEEPALIVED_TS_CHILD';

export function createForkLauncher(): ChildLauncher {
  return {
    launch(subsystem: ChildSubsystem, callbacks: ChildCallbacks): ChildHandle {
      const script = process.argv[1];
      if (script === undefined) throw new Error('no program path in argv');
      const child: ChildProcess = fork(script, process.argv.slice(2), {
        env: { ...daemonEnv(process.env), [CHILD_ENV]: subsystem },
        execArgv: daemonExecArgv(process.execArgv),
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'json',
      });
      const pid = child.pid;
      if (pid === undefined) throw new Error('no pid');
      child.on('message', (raw: unknown) => {
        const message = parseChildMessage(raw);
        if (message) callbacks.message(message);
      });
      // A send to a child that just died fails; the exit event reports the death.
      child.on('error', () => undefined);
      child.on('exit', (code, signal) => callbacks.exit({ code, signal }));
      return {
        pid,
        send(message: ParentMessage): void {
          if (child.connected) child.send(message, (err: Error | null) => void err);
        },
        kill(signal: NodeJS.Signals): void {
          try {
            child.kill(signal);
          } catch {
            // already gone
          }
        },
      };
    },
  };
}
