import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const writer = fileURLToPath(new URL('../../../src/cli/std-write.ts', import.meta.url));

/** A child writing `bytes` bytes to its stdout with writeAllSync in one call. */
function writerChild(bytes: number) {
  const script = `import { writeAllSync } from ${JSON.stringify(writer)}; writeAllSync(1, 'x'.repeat(${bytes}) + 'END');`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
}

test('writeAllSync: a slow reader of a pipe gets every byte, in order', async () => {
  const bytes = 4 * 1024 * 1024; // far beyond a pipe's 64 KB buffer
  const child = writerChild(bytes);
  let received = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Read in bursts with pauses, so the writer finds the pipe full many times.
  child.stdout.on('data', (chunk: Buffer) => {
    received += chunk.toString();
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 1);
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(received.length, bytes + 3);
  assert.ok(received.endsWith('xEND'));
});

test('writeAllSync: a reader that went away (EPIPE) drops the text instead of throwing', async () => {
  const child = writerChild(1024 * 1024);
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  // Node ignores SIGPIPE, so the write fails with EPIPE, which is dropped.
  assert.deepEqual([code, signal], [0, null], stderr);
});
