/**
 * Without `-n` keepalived forks into the background. Node cannot fork, so the command starts
 * itself again detached — new session (setsid), stdio on /dev/null, same command line, marked by
 * an internal environment variable — and returns once the daemon reports it is up (pid file
 * written, children started). If the daemon dies first, its exit status is returned.
 */
import { spawn } from 'node:child_process';
import { daemonEnv, daemonExecArgv } from './heap-flags.js';
import { parseLauncherMessage, type LauncherMessage } from '../../cli/daemon/ipc.js';

/** Internal: marks the detached daemon, never set by users. */
export const DETACHED_ENV = 'KEEPALIVED_TS_DETACHED';

export function launchDetached(): Promise<number> {
  const script = process.argv[1];
  if (script === undefined) return Promise.resolve(1);
  const child = spawn(process.execPath, [...daemonExecArgv(process.execArgv), script, ...process.argv.slice(2)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { ...daemonEnv(process.env), [DETACHED_ENV]: '1' },
  });
  return new Promise((resolve) => {
    const done = (code: number): void => {
      child.removeAllListeners();
      if (child.connected) child.disconnect();
      child.unref();
      resolve(code);
    };
    child.on('message', (raw: unknown) => {
      const message = parseLauncherMessage(raw);
      if (message?.type === 'daemon-ready') done(0);
      else if (message?.type === 'daemon-failed') done(message.exitCode);
    });
    child.on('error', () => done(1));
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** In the detached daemon: tell the launcher, then drop the channel so it can exit. */
export function reportToLauncher(message: LauncherMessage): void {
  if (!process.send || !process.connected) return;
  process.send(message, undefined, {}, () => {
    if (process.connected) process.disconnect();
  });
}
