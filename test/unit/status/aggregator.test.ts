import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Aggregator } from '../../../src/actors/aggregator/aggregator.js';
import { STATUS_SCHEMA_VERSION } from '../../../src/actors/aggregator/document.js';
import { fixedClock, instance, runningAggregator } from './fixtures.js';

test('health: FAULT beats MASTER beats BACKUP; a down subsystem is FAULT', () => {
  assert.equal(runningAggregator([instance('A', 'BACKUP'), instance('B', 'BACKUP')]).document().health, 'BACKUP');
  assert.equal(runningAggregator([instance('A', 'MASTER'), instance('B', 'BACKUP')]).document().health, 'MASTER');
  assert.equal(runningAggregator([instance('A', 'MASTER'), instance('B', 'FAULT')]).document().health, 'FAULT');
  assert.equal(runningAggregator([]).document().health, 'BACKUP');
  const agg = runningAggregator([instance('A', 'MASTER')]);
  assert.equal(agg.instanceHealth('A'), 'MASTER');
  assert.equal(agg.instanceHealth('nope'), undefined);
  agg.tell({ type: 'subsystem-died', subsystem: 'vrrp', pid: 4243 });
  const doc = agg.document();
  assert.equal(doc.health, 'FAULT');
  assert.equal(doc.live, false);
  assert.equal(doc.ready, false);
  assert.equal(doc.instances[0]?.state, 'INIT', 'a dead child runs no instance');
});

test('a respawn after an unexpected death counts as a restart; a stop does not', () => {
  const agg = runningAggregator([]);
  agg.tell({ type: 'subsystem-died', subsystem: 'vrrp', pid: 4243 });
  agg.tell({ type: 'subsystem-ready', subsystem: 'vrrp', pid: 5000 });
  assert.deepEqual(
    agg.document().subsystems.map((s) => [s.name, s.pid, s.up, s.restarts]),
    [['vrrp', 5000, true, 1]],
  );
  agg.tell({ type: 'stopping' });
  agg.tell({ type: 'subsystem-died', subsystem: 'vrrp', pid: 5000 });
  const doc = agg.document();
  assert.equal(doc.daemon.stopping, true);
  assert.equal(doc.live, false);
  assert.equal(doc.subsystems[0]?.restarts, 1);
});

test('events update state, priority and the last transition; status fills the rest', () => {
  const clock = fixedClock();
  const agg = new Aggregator(clock, 1);
  agg.tell({ type: 'subsystem-ready', subsystem: 'vrrp', pid: 2 });
  agg.tell({ type: 'vrrp-event', event: { type: 'instance-state', instance: 'VI_1', from: 'INIT', to: 'BACKUP', priority: 100, reason: 'start', atMs: 5 } });
  clock.advance(3000);
  agg.tell({ type: 'vrrp-event', event: { type: 'instance-state', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', priority: 100, reason: 'master down timer', atMs: 9 } });
  agg.tell({ type: 'vrrp-event', event: { type: 'priority', instance: 'VI_1', priority: 90, atMs: 10 } });
  let doc = agg.document();
  assert.equal(doc.version, STATUS_SCHEMA_VERSION);
  assert.equal(doc.health, 'MASTER');
  assert.equal(doc.ready, true);
  const vi = doc.instances[0];
  assert.equal(vi?.effectivePriority, 90);
  assert.equal(vi?.transitions, 2);
  assert.deepEqual(vi?.lastTransition, { at: '2024-01-01T00:00:03.000Z', from: 'BACKUP', to: 'MASTER', reason: 'master down timer' });
  agg.tell({
    type: 'vrrp-status',
    status: { instances: [instance('VI_1', 'MASTER')], syncGroups: [{ name: 'G', state: 'MASTER', members: ['VI_1'] }], tracked: { 'script:chk': { up: false }, 'file:f': { value: 5 } } },
  });
  doc = agg.document();
  assert.equal(doc.instances[0]?.counters['advert_sent'], 7);
  assert.equal(doc.instances[0]?.transitions, 2, 'a status keeps the transition history');
  assert.equal(doc.instances[0]?.masterAddress, '10.0.0.1');
  assert.deepEqual(doc.syncGroups.map((g) => [g.name, g.state]), [['G', 'MASTER']]);
  assert.deepEqual(doc.trackedObjects, [
    { key: 'file:f', kind: 'file', name: 'f', up: null, value: 5 },
    { key: 'script:chk', kind: 'script', name: 'chk', up: false, value: null },
  ]);
});

test('the document and its JSON are cached per revision', () => {
  const agg = runningAggregator([instance('A', 'BACKUP')]);
  const a = agg.json();
  assert.equal(agg.json(), a);
  assert.equal(agg.document(), agg.document());
  const before = agg.document().revision;
  agg.tell({ type: 'vrrp-event', event: { type: 'priority', instance: 'A', priority: 50, atMs: 1 } });
  assert.equal(agg.document().revision, before + 1);
  assert.notEqual(agg.json(), a);
  assert.equal(JSON.parse(agg.json()).instances[0].effectivePriority, 50);
});

test('subscribers see every message after it is applied', () => {
  const agg = runningAggregator([instance('A', 'BACKUP')]);
  const seen: string[] = [];
  const off = agg.subscribe((m) => seen.push(`${m.type}:${agg.document().instances[0]?.state}`));
  agg.subscribe(() => {
    throw new Error('a broken listener');
  });
  agg.tell({ type: 'vrrp-event', event: { type: 'instance-state', instance: 'A', from: 'BACKUP', to: 'MASTER', priority: 100, reason: 'x', atMs: 1 } });
  off();
  agg.tell({ type: 'stopping' });
  assert.deepEqual(seen, ['vrrp-event:MASTER']);
});
