import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { createRealFileWatcher } from '../../../src/io/tracking/file-watcher.js';
import { createRealProcessWatcher } from '../../../src/io/tracking/process-watcher.js';
import { trackFileValue } from '../../../src/machines/tracking/file-value.js';
import type { ProcessEvent } from '../../../src/ports/tracking.js';

/** Resolves once `check` holds, polling every 10 ms; rejects after `withinMs`. */
async function eventually(check: () => boolean, withinMs: number, what: string): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > withinMs) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - start;
}

test('track_file: writes, atomic renames and deletion are seen within 200 ms', async () => {
  const dir = mkdtempSync('/tmp/kt-file-');
  const path = join(dir, 'value');
  writeFileSync(path, '3\n');
  const values: number[] = [];
  const sub = createRealFileWatcher({ pollIntervalMs: 0 }).watch(path, (text) => values.push(trackFileValue(text)));
  const last = () => values[values.length - 1];
  try {
    await eventually(() => last() === 3, 200, 'initial read');
    writeFileSync(path, '-12\n');
    await eventually(() => last() === -12, 200, 'write');
    writeFileSync(join(dir, 'tmp'), '0x20');
    renameSync(join(dir, 'tmp'), path);
    await eventually(() => last() === 32, 200, 'rename');
    unlinkSync(path);
    await eventually(() => last() === 0, 200, 'delete');
  } finally {
    sub.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('track_file: a missing directory falls back to polling', async () => {
  const dir = mkdtempSync('/tmp/kt-file-');
  const path = join(dir, 'later', 'value');
  const values: number[] = [];
  const sub = createRealFileWatcher({ pollIntervalMs: 100 }).watch(path, (text) => values.push(trackFileValue(text)));
  try {
    await eventually(() => values.length > 0, 200, 'first read');
    (await import('node:fs')).mkdirSync(join(dir, 'later'));
    writeFileSync(path, '7');
    await eventually(() => values[values.length - 1] === 7, 500, 'polled value');
  } finally {
    sub.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const mode of ['scan', 'auto'] as const) {
  test(`track_process (${mode}): a process starting and stopping is noticed`, async () => {
    const dir = mkdtempSync('/tmp/kt-proc-');
    // A copy of sleep with a name nothing else on the host has (comm is the file name, 15 bytes max).
    const name = `ktsl${process.pid % 100000}${mode[0]}`;
    const binary = join(dir, name);
    copyFileSync('/bin/sleep', binary);
    chmodSync(binary, 0o755);
    const events: ProcessEvent[] = [];
    let scanned = false;
    let used: string | undefined;
    const sub = createRealProcessWatcher({ mode, scanIntervalMs: 100, onMode: (m) => (used = m) }).watch(
      [{ name: 'p', process: name, params: undefined, paramMatch: 'exact', fullCommand: false }],
      (event) => events.push(event),
      () => (scanned = true),
    );
    try {
      await eventually(() => scanned && used !== undefined, 2000, 'initial scan');
      assert.equal(events.length, 0);
      const child = spawn(binary, ['30'], { stdio: 'ignore' });
      const added = await eventually(() => events.some((e) => e.kind === 'added' && e.pid === child.pid), 1000, 'start');
      child.kill('SIGKILL');
      await eventually(() => events.some((e) => e.kind === 'removed' && e.pid === child.pid), 1000, 'stop');
      if (mode === 'auto' && used === 'connector') assert.ok(added < 200, `connector is prompt (${added} ms)`);
    } finally {
      sub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("track_file init_file: writes a missing file, leaves an existing one unless told to overwrite, says why it cannot", () => {
  const dir = mkdtempSync('/tmp/kt-file-');
  const watcher = createRealFileWatcher();
  try {
    const path = join(dir, 'value');
    assert.equal(watcher.initialise(path, '3\n', false), undefined);
    assert.equal(readFileSync(path, 'utf8'), '3\n');
    assert.equal(watcher.initialise(path, '5\n', false), undefined);
    assert.equal(readFileSync(path, 'utf8'), '3\n');
    assert.equal(watcher.initialise(path, '-2\n', true), undefined);
    assert.equal(readFileSync(path, 'utf8'), '-2\n');
    assert.match(watcher.initialise(join(dir, 'missing', 'value'), '0\n', false) ?? '', /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
