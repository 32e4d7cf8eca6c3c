#!/usr/bin/env node
// Runs the test suites with node's own test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [suite…]   suites: unit golden property sim lab (default: all)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const all = ['unit', 'golden', 'property', 'sim', 'lab'];
const suites = process.argv.length > 2 ? process.argv.slice(2) : all;

function findTests(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = suites.flatMap((s) => findTests(join('test', s)));
if (files.length === 0) {
  console.error(`no test files under test/{${suites.join(',')}}`);
  process.exit(1);
}
// Lab tests drive shared kernel state (namespaces, bridges): run files one at a time.
const concurrency = suites.includes('lab') ? '1' : String(Math.max(1, Math.min(4, (await import('node:os')).availableParallelism())));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
