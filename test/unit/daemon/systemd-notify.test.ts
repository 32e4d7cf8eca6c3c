import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as UnixDgramModule from 'unix-dgram';
import { createSystemdNotifier } from '../../../src/io/process/systemd-notify.js';

test('no NOTIFY_SOCKET: a silent no-op', () => {
  const n = createSystemdNotifier(undefined, () => assert.fail('no error expected'));
  n.notify('READY=1');
  n.close();
});

test('READY=1, RELOADING=1, STOPPING=1 arrive as datagrams on a path socket', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-notify-'));
  const unixDgram = createRequire(import.meta.url)('unix-dgram') as typeof UnixDgramModule;
  const received: string[] = [];
  const server = unixDgram.createSocket('unix_dgram', (msg: Buffer) => void received.push(msg.toString()));
  try {
    const path = join(dir, 'notify');
    server.bind(path);
    const errors: string[] = [];
    const n = createSystemdNotifier(path, (m) => void errors.push(m));
    for (const state of ['READY=1', 'RELOADING=1', 'READY=1', 'STOPPING=1']) n.notify(state);
    for (let i = 0; i < 50 && received.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
    n.close();
    assert.deepEqual(received, ['READY=1', 'RELOADING=1', 'READY=1', 'STOPPING=1']);
    assert.deepEqual(errors, []);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing socket is reported once, never thrown', async () => {
  const errors: string[] = [];
  const n = createSystemdNotifier('/nonexistent/kts/notify', (m) => void errors.push(m));
  n.notify('READY=1');
  n.notify('STOPPING=1');
  await new Promise((r) => setTimeout(r, 50));
  n.close();
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /systemd notify to \/nonexistent\/kts\/notify failed/);
});
