/**
 * sd_notify(3) for `Type=notify` units: datagrams like `READY=1` to $NOTIFY_SOCKET. A path
 * socket is written with unix-dgram. unix-dgram cannot address abstract sockets (`@name`: its
 * native code copies the path with strncpy, which stops at the leading NUL), so for those the
 * message goes through systemd's own `systemd-notify` tool; the unit then needs
 * `NotifyAccess=all`, since the tool is a separate process. Failures are reported once, never thrown.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type * as UnixDgramModule from 'unix-dgram';
import type { UnixDgramSocket } from 'unix-dgram';

export interface SystemdNotifier {
  notify(state: string): void;
  close(): void;
}

export function createSystemdNotifier(socketPath: string | undefined, onError: (message: string) => void): SystemdNotifier {
  if (socketPath === undefined || socketPath === '') return { notify: () => undefined, close: () => undefined };
  let reported = false;
  const fail = (message: string): void => {
    if (reported) return;
    reported = true;
    onError(message);
  };
  if (socketPath.startsWith('@')) {
    return {
      notify(state) {
        execFile('systemd-notify', [state], { env: { ...process.env, NOTIFY_SOCKET: socketPath } }, (err) => {
          if (err) fail(`systemd notify to ${socketPath} failed: ${err.message}`);
        });
      },
      close: () => undefined,
    };
  }
  let socket: UnixDgramSocket | undefined;
  try {
    const unixDgram = createRequire(import.meta.url)('unix-dgram') as typeof UnixDgramModule;
    socket = unixDgram.createSocket('unix_dgram');
    socket.on('error', (err: Error) => fail(`systemd notify to ${socketPath} failed: ${err.message}`));
  } catch (err) {
    fail(`systemd notify unavailable: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    notify(state) {
      if (!socket) return;
      const buf = Buffer.from(state);
      try {
        socket.send(buf, 0, buf.length, socketPath, (err?: Error) => {
          if (err) fail(`systemd notify to ${socketPath} failed: ${err.message}`);
        });
      } catch (err) {
        fail(`systemd notify to ${socketPath} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    close() {
      try {
        socket?.close();
      } catch {
        // already closed
      }
      socket = undefined;
    },
  };
}
