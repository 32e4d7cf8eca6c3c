import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readConfigDetailed, type ReadOutcome } from '../../src/config/reader/read.js';
import { ConfigReader } from '../../src/config/reader/reader.js';
import { MemoryConfigHost } from '../../src/sim/memory-config-host.js';

const options = { configId: 'host1', allConfig: false, configTest: true };

function readFiles(files: Record<string, string>): ReadOutcome {
  return readConfigDetailed('keepalived.conf', options, new MemoryConfigHost({ cwd: '/etc/keepalived', files }));
}

const fragment = fc.constantFrom(
  '{', '}', '"', "'", '#', '!', '\\', '$', '${', '$A', '${A}', '$A=', '$M=x \\', '@host1 ', '@^host1 ', '~SEQ(i, 1, 3) ', '~LST(v, a, b) ',
  'include b.conf', 'include keepalived.conf', 'include *.conf', 'include {a,b}.conf', ' ', '\t', '\n', '\r\n', '\0', 'word', 'x', '$i', '\n\n',
);
const configText = fc.oneof(fc.string({ maxLength: 300 }), fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join('')));

test('never throws, and every positioned report names a file and a line of it', () => {
  fc.assert(
    fc.property(configText, configText, (main, other) => {
      const files = { 'keepalived.conf': main, 'b.conf': other };
      const out = readFiles(files);
      const lineCounts = new Map(Object.entries(files).map(([name, text]) => [name, text.split('\n').length + Math.ceil(text.length / 300)]));
      for (const d of [...out.lines.flatMap((l) => l.reports ?? []), ...out.trailing]) {
        if (!d.position) continue;
        assert.ok(d.position.file.length > 0);
        assert.ok(d.position.line >= 1, `line ${d.position.line} for ${d.message}`);
        assert.ok(d.position.line <= (lineCounts.get(d.position.file) ?? 0));
      }
      for (const line of out.lines) {
        assert.ok(line.words.length > 0);
        assert.ok(line.position.line >= 1);
      }
    }),
    { numRuns: 300 },
  );
});

test('never throws on bytes decoded as text, deep nesting and include loops', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      readFiles({ 'keepalived.conf': new TextDecoder().decode(bytes) });
    }),
    { numRuns: 100 },
  );
  const deep = `${'a {\n'.repeat(5000)}${'}\n'.repeat(5000)}`;
  assert.equal(readFiles({ 'keepalived.conf': deep }).lines.length, 15000);
  const loop = readFiles({ 'keepalived.conf': 'include *.conf\n', 'b.conf': 'include keepalived.conf\ninclude b.conf\n' });
  assert.ok(loop.trailing.length > 0);
});

const simpleWord = fc.stringMatching(/^[a-z0-9_./-]{1,8}$/);
const simpleLine = fc.array(fc.oneof(simpleWord, fc.constantFrom('{', '}')), { minLength: 1, maxLength: 6 });

test('words do not change with blank lines, comments and extra white space', () => {
  fc.assert(
    fc.property(fc.array(simpleLine, { maxLength: 20 }), fc.array(fc.nat(3), { maxLength: 20 }), (lines, noise) => {
      const plain = lines.map((w) => w.join(' ')).join('\n');
      const noisy = lines
        .map((w, i) => {
          const n = noise[i] ?? 0;
          const sep = n === 1 ? ' \t  ' : ' ';
          const text = `${n === 2 ? '   ' : ''}${w.join(sep)}${n === 3 ? '   # comment { }' : ''}`;
          return n === 1 ? `\n! note\n${text}` : text;
        })
        .join('\n');
      const a = readFiles({ 'keepalived.conf': plain }).lines.map((l) => l.words);
      const b = readFiles({ 'keepalived.conf': noisy }).lines.map((l) => l.words);
      assert.deepEqual(b, a);
    }),
    { numRuns: 200 },
  );
});

// The plain-line fast path (src/config/reader/plain.ts) must read exactly as the full path does.
const plainFragment = fc.constantFrom(
  '{', '}', ' {', '{ ', '} ', ' }', 'a', 'b c', 'word', ' ', '  ', '\t', '\n', '\n\n', '\n  \n', 'x{y}z', '\f', '\r\n', '#', '"q"', '$A=1\n', '$A',
  '$M=m \\\n', '@host1 ', '~SEQ(i, 1, 2) ', 'include b.conf\n', 'includer b.conf', '\\', 'y'.repeat(400),
);
const mostlyPlain = fc.array(plainFragment, { maxLength: 80 }).map((parts) => parts.join(''));

function readBothWays(files: Record<string, string>, plainPath: boolean): unknown {
  const reader = new ConfigReader('keepalived.conf', options, new MemoryConfigHost({ cwd: '/etc/keepalived', files }), plainPath);
  const outcome = reader.read();
  // What a line says, not how it holds it: the fast path's lines make position and text on demand.
  const lines = outcome.lines.map(({ position, words, text, reports }) => ({
    position: { file: position.file, line: position.line },
    words: [...words],
    text,
    ...(reports && reports.length > 0 ? { reports } : {}),
  }));
  return { ...outcome, lines };
}

test('plain lines read the same through the fast path as through the full path', () => {
  fc.assert(
    fc.property(mostlyPlain, mostlyPlain, (main, other) => {
      const files = { 'keepalived.conf': main, 'b.conf': other };
      assert.deepEqual(readBothWays(files, true), readBothWays(files, false));
    }),
    { numRuns: 1000 },
  );
});

// Plain lines are cut in batches: long runs of them, with blocks opened and closed (and closed once
// too often), must read the same across the batches' ends, and with other lines in between.
const plainLine = fc.constantFrom('k v', 'k {', '}', '{', '} }', 'a b c d e', '', '  x  y', 'b { c { d } }', '}}}', 'k #c', 'z', '\ty\tz');
const longPlain = fc.array(plainLine, { minLength: 50, maxLength: 400 }).map((lines) => lines.join('\n'));

test('long runs of plain lines read the same through the fast path as through the full path', () => {
  fc.assert(
    fc.property(longPlain, (main) => {
      const files = { 'keepalived.conf': main };
      assert.deepEqual(readBothWays(files, true), readBothWays(files, false));
    }),
    { numRuns: 200 },
  );
});
