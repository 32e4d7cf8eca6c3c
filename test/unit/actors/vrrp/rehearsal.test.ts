import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rehearseTakeover, rehearseTakeoverOnce } from '../../../../src/actors/vrrp/rehearsal.js';

test('the takeover rehearsal walks the machine through both ways into Master and out', () => {
  assert.equal(rehearseTakeover(), true);
  // Again: nothing is left behind that would change a second walk.
  assert.equal(rehearseTakeover(), true);
});

test('the once-per-process rehearsal can be called by every instance', () => {
  rehearseTakeoverOnce();
  rehearseTakeoverOnce();
});
