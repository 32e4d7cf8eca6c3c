import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs the TypeScript entry point so that the test does not depend on a build.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });

test('--version on stderr, exit 0', () => {
  const r = cli('--version');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^Keepalived v2\.2\.7 \(keepalived-ts /);
});

test('--signum=RELOAD prints 1', () => {
  const r = cli('--signum=RELOAD');
  assert.deepEqual([r.status, r.stdout], [0, '1\n']);
});

test('unknown option: keepalived message, exit 1', () => {
  const r = cli('-Z');
  assert.deepEqual([r.status, r.stderr], [1, 'Unknown option -Z\n']);
});

test('-t -f on a file: keepalived exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-spawn-'));
  try {
    const file = join(dir, 'keepalived.conf');
    writeFileSync(file, 'global_defs {\n  router_id X\n}\n');
    const r = cli('-t', '-f', file);
    assert.equal(r.status, 0, r.stderr);
    writeFileSync(file, 'global_defs {\n  bogus_kw 1\n}\n');
    const bad = cli('-t', '-f', file);
    assert.equal(bad.status, 5, bad.stderr);
    assert.match(bad.stderr, /Unknown keyword 'bogus_kw'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
