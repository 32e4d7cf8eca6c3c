import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptStatusLine } from '../../../src/actors/tracking/script-status-line.js';

// keepalived 2.2.7's lines for scripts exiting 1, killed by SIGKILL, timing out, and exiting 0.
test("a vrrp_script's status in keepalived's words, with what made it fail", () => {
  assert.equal(scriptStatusLine('chk', false, { kind: 'exited', exitCode: 1, durationMs: 3 }), 'VRRP_Script(chk) failed (exited with status 1)');
  assert.equal(scriptStatusLine('chk', false, { kind: 'signalled', signal: 'SIGKILL', durationMs: 3 }), 'VRRP_Script(chk) failed (due to signal 9)');
  assert.equal(scriptStatusLine('chk', false, { kind: 'timed-out', durationMs: 1000 }), 'VRRP_Script(chk) timed_out');
  assert.equal(scriptStatusLine('chk', true, { kind: 'exited', exitCode: 0, durationMs: 3 }), 'VRRP_Script(chk) succeeded');
  // init_fail: down before any run.
  assert.equal(scriptStatusLine('chk', false, undefined), 'VRRP_Script(chk) failed');
});
