import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScriptPreparer } from '../../../src/io/scripts/prepare.js';
import type { UserDatabase } from '../../../src/io/scripts/users.js';
import type { VrrpScript } from '../../../src/config/model/vrrp/tracking.js';
import type { Logger } from '../../../src/ports/logger.js';

const position = { file: 'k.conf', line: 1 } as never;

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log: Logger & { lines: string[] } = {
    lines,
    debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`), child: () => log,
  };
  return log;
}

const users = (withScriptUser: boolean): UserDatabase => ({
  user: (name) => (name === 'nobody' ? { uid: 65534, gid: 65534 } : name === 'keepalived_script' && withScriptUser ? { uid: 900, gid: 900 } : undefined),
  group: (name) => (name === 'nogroup' ? 65534 : name === 'adm' ? 4 : undefined),
});

const vrrpScript = (overrides: Partial<VrrpScript> = {}): VrrpScript => ({
  name: 'chk', script: { command: '/bin/true --x', position }, intervalMs: 2000, timeoutMs: undefined, weight: 0, weightReverse: false,
  rise: 1, fall: 1, user: undefined, group: undefined, initFail: false, position, ...overrides,
});

const global = (enableScriptSecurity: boolean) => ({ scriptUser: undefined, scriptUserFailed: false, enableScriptSecurity });

test('default user: keepalived_script when it exists', () => {
  const prepared = createScriptPreparer({ global: global(true), logger: logger(), users: users(true), self: { uid: 0, gid: 0 } })(vrrpScript());
  assert.deepEqual(prepared, { ok: true, spec: { argv: ['/bin/true', '--x'], commandLine: '/bin/true --x', uid: 900, gid: 900, timeoutMs: 2000 } });
});

test('no keepalived_script user: root (the configuration check has said so), or loudly nothing under script security', () => {
  const log = logger();
  const root = createScriptPreparer({ global: global(false), logger: log, users: users(false), self: { uid: 0, gid: 0 } })(vrrpScript());
  assert.ok(root.ok && root.spec.uid === 0);
  assert.deepEqual(log.lines, []);
  const secureLog = logger();
  const prepare = createScriptPreparer({ global: global(true), logger: secureLog, users: users(false), self: { uid: 0, gid: 0 } });
  assert.equal(prepare(vrrpScript()).ok, false);
  assert.equal(prepare(vrrpScript({ name: 'other' })).ok, false);
  assert.equal(secureLog.lines.filter((l) => l.startsWith('error')).length, 1, 'said once');
  // A script with its own user still runs.
  const own = prepare(vrrpScript({ user: 'nobody', group: 'adm' }));
  assert.ok(own.ok && own.spec.uid === 65534 && own.spec.gid === 4);
});

test('unknown user, or a timeout given, are honoured', () => {
  const prepare = createScriptPreparer({ global: global(false), logger: logger(), users: users(true), self: { uid: 0, gid: 0 } });
  assert.equal(prepare(vrrpScript({ user: 'ghost' })).ok, false);
  const timed = prepare(vrrpScript({ timeoutMs: 500 }));
  assert.ok(timed.ok && timed.spec.timeoutMs === 500);
});
