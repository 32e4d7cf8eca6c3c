/**
 * Starts a subsystem child: the same program with the same command line (so `ps` shows what
 * keepalived's children show), marked by an internal environment variable, with an IPC channel.
 * Under tsx the loader flags in execArgv come along.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildSubsystem } from '../../cli/daemon/paths.js';
import { parseChildMessage, type ParentMessage } from '../../cli/daemon/ipc.js';
import type { ChildCallbacks, ChildHandle, ChildLauncher } from '../../cli/daemon/watchdog.js';

/**
 * V8 heap sizing for the long-running children. The VRRP child makes a few KB of short-lived
 * garbage per advert; with V8's defaults (semi-spaces growing to 16 MB, the old generation
 * allowed to grow well past what is live before a full collection) its RSS at 1000 Masters
 * climbed to 150-250 MB over a ~30 MB live heap, and each scavenge paused the loop for 3-13 ms.
 * Small semi-spaces make scavenges short and the heap limit tight keeps RSS near what is live
 * (measured ~108 MB steady at 1000 Masters, same CPU within noise: bench/daemon.mjs).
 * A flag the user gave on node's command line wins.
 */
export const CHILD_V8_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=20'];

export function childExecArgv(parentExecArgv: readonly string[]): string[] {
  const given = new Set(parentExecArgv.map((arg) => arg.split('=')[0]));
  return [...parentExecArgv, ...CHILD_V8_FLAGS.filter((flag) => !given.has(flag.split('=')[0]))];
}

/** Internal: set by the parent on its children, never by users. */
export const CHILD_ENV = 'KEEPALIVED_TS_CHILD';

export function createForkLauncher(): ChildLauncher {
  return {
    launch(subsystem: ChildSubsystem, callbacks: ChildCallbacks): ChildHandle {
      const script = process.argv[1];
      if (script === undefined) throw new Error('no program path in argv');
      const child: ChildProcess = fork(script, process.argv.slice(2), {
        env: { ...process.env, [CHILD_ENV]: subsystem },
        execArgv: childExecArgv(process.execArgv),
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
