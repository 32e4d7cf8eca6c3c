import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../config/vrrp/run.js';
import { parseCommandLine } from '../../../src/cli/args/parse.js';
import { resolveStatusSettings, DEFAULT_STATUS_SOCKET } from '../../../src/cli/daemon/status-settings.js';
import { parseHostPort } from '../../../src/config/values/host-port.js';

test('status keywords in global_defs', () => {
  const r = run(`global_defs {
  status_socket /run/x/status.sock
  status_socket_owner root
  status_socket_group adm
  status_socket_mode 0640
  status_http 0.0.0.0:9650
  status_socket relative.sock
  status_socket_mode 999
  status_http localhost:80
}`);
  assert.deepEqual(r.lines, [
    "(Line 7) status_socket 'relative.sock' must be an absolute path - ignoring",
    "(Line 8) status_socket_mode '999' is not an octal mode - ignoring",
    "(Line 9) status_http 'localhost:80' must be [ADDR:]PORT - ignoring",
  ]);
  assert.deepEqual(r.config.global.status, {
    socketPath: '/run/x/status.sock',
    socketDisabled: false,
    socketOwner: 'root',
    socketGroup: 'adm',
    socketMode: 0o640,
    http: { host: '0.0.0.0', port: 9650 },
  });
  assert.equal(run('global_defs {\n  no_status_socket\n}').config.global.status.socketDisabled, true);
});

test('[ADDR:]PORT', () => {
  assert.deepEqual(parseHostPort('9650'), { host: '127.0.0.1', port: 9650 });
  assert.deepEqual(parseHostPort('[::1]:80'), { host: '::1', port: 80 });
  assert.equal(parseHostPort('0'), undefined);
  assert.equal(parseHostPort('1.2.3.4:70000'), undefined);
  assert.equal(parseHostPort('::1:80'), undefined);
});

test('--status-socket and --status-http override the config', () => {
  const parsed = parseCommandLine(['--status-socket=/tmp/s.sock', '--status-http', '8080']);
  assert.equal(parsed.action.kind, 'run');
  const options = parsed.action.kind === 'run' ? parsed.action.options : undefined;
  assert.equal(options?.statusSocket, '/tmp/s.sock');
  assert.deepEqual(options?.statusHttp, { host: '127.0.0.1', port: 8080 });
  assert.deepEqual(parseCommandLine(['--status-http=x']).stderr, ["--status-http needs [ADDR:]PORT, not 'x'"]);

  const defs = { socketPath: undefined, socketDisabled: true, socketOwner: undefined, socketGroup: undefined, socketMode: undefined, http: undefined };
  assert.deepEqual(resolveStatusSettings(defs, { statusSocket: undefined, statusHttp: undefined }), { socket: undefined, http: undefined });
  assert.deepEqual(resolveStatusSettings({ ...defs, socketDisabled: false }, { statusSocket: undefined, statusHttp: undefined }).socket, {
    path: DEFAULT_STATUS_SOCKET, mode: 0o660, owner: undefined, group: undefined,
  });
  assert.equal(resolveStatusSettings(defs, { statusSocket: '/x.sock', statusHttp: undefined }).socket?.path, '/x.sock');
});
