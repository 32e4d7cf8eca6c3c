import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allCharts } from '../../../src/machines/charts.js';

const chartsDir = join(import.meta.dirname, '..', '..', '..', 'src', 'machines', 'charts');

test('checked-in machine charts match the code (run `npm run machines:export`)', () => {
  for (const [file, text] of Object.entries(allCharts())) {
    const checkedIn = readFileSync(join(chartsDir, file), 'utf8');
    assert.equal(checkedIn, text, `${file} is stale: run npm run machines:export`);
  }
});

test('every machine has a chart and every checked-in chart a machine', () => {
  const onDisk = readdirSync(chartsDir).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(onDisk, Object.keys(allCharts()).sort());
  assert.deepEqual(Object.keys(allCharts()).sort(), ['script-check.json', 'sync-group.json', 'vrrp-instance.json']);
});

test('charts name the states', () => {
  const instance = JSON.parse(allCharts()['vrrp-instance.json']!) as { states: Record<string, unknown> };
  assert.deepEqual(Object.keys(instance.states).sort(), ['Backup', 'Deleted', 'Fault', 'Initialize', 'Master', 'Stop']);
});

test('charts keep eventless transitions and compound guards (XState toJSON drops them)', () => {
  type T = { guard?: unknown; target?: string[] };
  const instance = JSON.parse(allCharts()['vrrp-instance.json']!) as { states: Record<string, { always?: T[]; on?: Record<string, T[]> }> };
  assert.deepEqual(
    instance.states['Initialize']!.always!.map((t) => t.target),
    [['#vrrpInstance.Fault'], ['#vrrpInstance.Master'], ['#vrrpInstance.Backup']],
  );
  assert.deepEqual(instance.states['Initialize']!.always![0]!.guard, { and: ['startupDelayOver', 'ownFault'] });
  assert.deepEqual(instance.states['Fault']!.on!['SYNC_LEAVE_FAULT']![0]!.guard, { and: ['isSyncMember', 'noOwnFault'] });
});
