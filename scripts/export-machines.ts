// Writes the machines' JSON charts to src/machines/charts/ (npm run machines:export).
// test/unit/machines/charts.test.ts fails when the checked-in charts drift from the code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCharts } from '../src/machines/charts.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'machines', 'charts');
mkdirSync(outDir, { recursive: true });
for (const [file, text] of Object.entries(allCharts())) {
  writeFileSync(join(outDir, file), text);
  console.log(`wrote ${join('src/machines/charts', file)}`);
}
