import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, vs } from './harness.js';

const VIOLATION = 'SECURITY VIOLATION - check scripts are being executed but script_security not enabled.';

test('a runnable MISC_CHECK script without script security exits 6', () => {
  const r = parse(vs('  real_server 10.2.2.2 80 {\n    MISC_CHECK {\n      misc_path "/bin/true arg"\n      misc_dynamic\n    }\n  }'));
  assert.deepEqual(r.lines, [VIOLATION]);
  assert.equal(r.exitCode, 6);
  const checker = r.config.lvs.virtualServers[0]?.realServers[0]?.checkers[0];
  assert.ok(checker?.type === 'MISC_CHECK');
  assert.deepEqual(checker.script?.words, ['/bin/true', 'arg']);
  assert.equal(checker.dynamic, true);
});

test('scripts that cannot be run are dropped quietly', () => {
  const r = parse(vs('  real_server 10.2.2.2 80 {\n    MISC_CHECK {\n      misc_path /usr/local/bin/script.sh\n    }\n  }'));
  assert.deepEqual(r.lines, []);
  assert.equal(r.exitCode, 0);
});

test('notify and quorum scripts count too; duplicates are reported', () => {
  const r = parse(vs('  quorum_up /bin/true\n  real_server 10.2.2.2 80 {\n    notify_up /nonexistent\n    notify_up /bin/false\n  }'));
  assert.deepEqual(r.lines, ['(t.conf: Line 8) ((null)) notify_up script already specified - ignoring /bin/false', VIOLATION]);
  assert.equal(r.exitCode, 6);
});

test('enable_script_security silences the violation', () => {
  const r = parse(
    vs('  real_server 10.2.2.2 80 {\n    MISC_CHECK {\n      misc_path /bin/true\n    }\n  }'),
    {},
    (config) => Object.assign(config.global, { enableScriptSecurity: true }),
  );
  assert.deepEqual(r.lines, []);
});
