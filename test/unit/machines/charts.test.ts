import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allCharts } from '../../../src/machines/charts.js';

const chartsDir = join(import.meta.dirname, '..', '..', '..', 'src', 'machines', 'charts');

test('checked-in machine charts match the code (run `npm run machines:export`)', () => {
  for (const [file, text] of Object.entries(allCharts())) {
    const checkedIn = readFileSync(join(chartsDir, file), 'utf8');
    assert.equal(checkedIn, text, `${file} is stale: run npm run machines:export`);
  }
});

test('charts name the states', () => {
  const instance = JSON.parse(allCharts()['vrrp-instance.json']!) as { states: Record<string, unknown> };
  assert.deepEqual(Object.keys(instance.states).sort(), ['Backup', 'Deleted', 'Fault', 'Initialize', 'Master', 'Stop']);
});
