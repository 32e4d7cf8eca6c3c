import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChildMessage, parseLauncherMessage, parseParentMessage } from '../../../src/cli/daemon/ipc.js';

const counters = { advert_rcvd: 1, advert_sent: 2 };
const instance = { name: 'VI_1', vrid: 51, family: 'ipv4', interfaceName: 'eth0', state: 'MASTER', basePriority: 100, effectivePriority: 100, counters, vipsInstalled: true };

test('parent messages: valid ones parse, anything else is dropped', () => {
  assert.deepEqual(parseParentMessage({ type: 'reload' }), { type: 'reload' });
  assert.deepEqual(parseParentMessage({ type: 'stop', extra: 1 }), { type: 'stop' });
  assert.deepEqual(parseParentMessage({ type: 'status-request', id: 3, purpose: 'stats-clear' }), { type: 'status-request', id: 3, purpose: 'stats-clear' });
  for (const bad of [null, 'reload', [], { type: 'status-request', id: 1.5, purpose: 'data' }, { type: 'status-request', id: 1, purpose: 'x' }, { type: 'kill' }]) {
    assert.equal(parseParentMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('child messages survive a JSON round trip and are checked field by field', () => {
  const status = { instances: [instance], syncGroups: [{ name: 'G', state: 'MASTER', members: ['VI_1'] }] };
  const messages = [
    { type: 'ready', pid: 42 },
    { type: 'reloaded', ok: false },
    { type: 'status', id: 7, status },
    { type: 'fatal', message: 'boom', exitCode: 4 },
    { type: 'event', event: { type: 'instance-state', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', priority: 100, reason: 'x', atMs: 1 } },
  ];
  for (const m of messages) assert.deepEqual(parseChildMessage(JSON.parse(JSON.stringify(m))), m);
  assert.equal(parseChildMessage({ type: 'status', id: 7, status: { instances: [{ ...instance, counters: { a: 'x' } }], syncGroups: [] } }), undefined);
  assert.equal(parseChildMessage({ type: 'status', id: 7, status: { instances: [{ ...instance, vrid: '51' }], syncGroups: [] } }), undefined);
  assert.equal(parseChildMessage({ type: 'event', event: { type: 'nope', atMs: 1 } }), undefined);
  assert.equal(parseChildMessage({ type: 'ready' }), undefined);
});

test('launcher messages', () => {
  assert.deepEqual(parseLauncherMessage({ type: 'daemon-ready', pid: 9 }), { type: 'daemon-ready', pid: 9 });
  assert.deepEqual(parseLauncherMessage({ type: 'daemon-failed', exitCode: 6 }), { type: 'daemon-failed', exitCode: 6 });
  assert.equal(parseLauncherMessage({ type: 'daemon-ready' }), undefined);
});
