import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transitionLine } from '../../../../src/actors/vrrp/transition-line.js';

// As keepalived 2.2.7 logged them in a namespace: a start, a takeover, eth0 down and up, an
// interface without an address at start, and a stop (no instance line).
test("transitions are logged in keepalived's words", () => {
  assert.deepEqual(transitionLine('INIT', 'BACKUP'), { level: 'info', message: 'Entering BACKUP STATE (init)' });
  assert.deepEqual(transitionLine('BACKUP', 'MASTER'), { level: 'info', message: 'Entering MASTER STATE' });
  assert.deepEqual(transitionLine('MASTER', 'FAULT'), { level: 'info', message: 'Entering FAULT STATE' });
  assert.deepEqual(transitionLine('FAULT', 'BACKUP'), { level: 'info', message: 'Entering BACKUP STATE' });
  assert.deepEqual(transitionLine('INIT', 'FAULT'), { level: 'info', message: 'entering FAULT state' });
  assert.equal(transitionLine('MASTER', 'STOP'), undefined);
  // A Backup sent to FAULT by its sync group is notified, not logged; a Master so sent is logged.
  assert.equal(transitionLine('BACKUP', 'FAULT', true), undefined);
  assert.deepEqual(transitionLine('MASTER', 'FAULT', true), { level: 'info', message: 'Entering FAULT STATE' });
});

test('a start worded as keepalived words it when the instance waited for its scripts, or lacked its source address', () => {
  assert.deepEqual(transitionLine('INIT', 'BACKUP', false, 'held'), { level: 'info', message: 'Entering BACKUP STATE' });
  assert.equal(transitionLine('INIT', 'FAULT', false, 'held'), undefined);
  assert.deepEqual(transitionLine('INIT', 'FAULT', false, 'running'), { level: 'info', message: 'Entering FAULT STATE' });
  assert.deepEqual(transitionLine('BACKUP', 'FAULT', false, 'held'), { level: 'info', message: 'Entering FAULT STATE' });
});
