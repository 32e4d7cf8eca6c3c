import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode, Diagnostics } from '../../../../src/config/diagnostics.js';
import { readConfig } from '../../../../src/config/reader/read.js';
import { MemoryConfigHost } from '../../../../src/sim/memory-config-host.js';
import { read, render } from './helpers.js';

const tree = {
  'keepalived.conf': 'include sub/b.conf\ninclude sub/*.inc\ninclude missing.conf\ninclude nomatch*.conf\ninclude {x,y}.conf\nfoo1\n',
  'sub/b.conf': 'foob\ninclude c.conf\n',
  'sub/c.conf': 'fooc\n',
  'sub/1.inc': 'fooinc1\n',
  'sub/2.inc': 'fooinc2\n',
  'x.conf': '',
};

test('includes: relative to the including file, globs sorted, named as matched', () => {
  assert.deepEqual(render(read(tree)), [
    'sub/b.conf:1 foob',
    'c.conf:1 fooc',
    'sub/1.inc:1 fooinc1',
    'sub/2.inc:1 fooinc2',
    "! (Line 3) Config files missing 'missing.conf'.",
    '! (Line 5) Some config files missing: "{x,y}.conf".',
    'keepalived.conf:6 foo1',
  ]);
});

test('include problems are not counted without -e, are FileNotFound with it', () => {
  const files = { 'keepalived.conf': 'include b.conf\ninclude missing.conf\n', 'b.conf': 'include miss2.conf\ninclude nom*.conf\n' };
  const plain = read(files);
  assert.deepEqual(render(plain), ["! (b.conf: Line 1) Config files missing 'miss2.conf'.", "! (Line 2) Config files missing 'missing.conf'."]);
  assert.ok(plain.trailing.every((d) => d.errorClass === undefined));
  assert.equal(plain.configFileError, false);
  const all = read(files, { allConfig: true });
  assert.deepEqual(render(all), [
    "! (b.conf: Line 1) Config files missing 'miss2.conf'.",
    "! (b.conf: Line 2) No config files matched 'nom*.conf'.",
    "! (Line 2) Config files missing 'missing.conf'.",
  ]);
  assert.ok(all.trailing.every((d) => d.errorClass === 1));
  assert.equal(all.configFileError, true);
});

test('includer and friends make problems errors without -e', () => {
  const out = read({ 'keepalived.conf': 'includem gone.conf\ninclude  ok.conf\n', 'ok.conf': 'x\n' });
  assert.equal(out.configFileError, true);
  assert.deepEqual(render(out), ["! (Line 1) Config files missing 'gone.conf'.", 'ok.conf:1 x']);
});

test('quotes are part of an include pattern; a lone include is a keyword', () => {
  assert.deepEqual(render(read({ 'keepalived.conf': 'include "x.conf"\ninclude\n', 'x.conf': 'no\n' })), [
    "! (Line 1) Config files missing '\"x.conf\"'.",
    'keepalived.conf:2 include',
  ]);
});

test('directories and executable files are skipped', () => {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', files: { 'keepalived.conf': 'include d*\n', 'd2.conf': 'ok\n' }, directories: ['d1'] });
  host.addFile('d3.sh', 'bad\n', 0o755);
  const outcome = readConfigWith(host);
  assert.deepEqual(outcome, [
    "! (Line 1) Configuration file 'd1/' is a directory - skipping",
    'd2.conf:1 ok',
    "! (d2.conf: Line 1) Configuration file 'd3.sh' is not a regular non-executable file - skipping",
  ]);
});

test('include loops are reported and do not hang', () => {
  const out = read({ 'keepalived.conf': 'a\ninclude b.conf\nz\n', 'b.conf': 'b\ninclude keepalived.conf\n' });
  assert.deepEqual(render(out), [
    'keepalived.conf:1 a',
    'b.conf:1 b',
    "! (b.conf: Line 2) Configuration file 'keepalived.conf' open problem (Too many open files) - skipping",
    'keepalived.conf:3 z',
  ]);
});

test('a missing main file: message without position, mainFileMissing, exit per mode', () => {
  const out = read({}, { main: 'nothere.conf' });
  assert.equal(out.mainFileMissing, true);
  assert.deepEqual(render(out), ["! Config files missing 'nothere.conf'."]);
  assert.equal(out.trailing[0]?.errorClass, undefined);

  const host = new MemoryConfigHost({ cwd: '/etc/keepalived' });
  const test1 = new Diagnostics();
  readConfig('nothere.conf', { configId: 'h', allConfig: false, configTest: true }, host, test1);
  assert.equal(test1.abortExitCode, ExitCode.ok);
  const test2 = new Diagnostics();
  readConfig('nothere.conf', { configId: 'h', allConfig: true, configTest: true }, host, test2);
  assert.equal(test2.abortExitCode, ExitCode.config);
  const run = new Diagnostics();
  readConfig('nothere.conf', { configId: 'h', allConfig: false, configTest: false }, host, run);
  assert.equal(run.abortExitCode, ExitCode.noConfig);
});

test('a main glob with several files names every file and warns', () => {
  const out = read({ 'a.conf': 'x\n', 'b.conf': 'y\ninclude gone\n' }, { main: '*.conf' });
  assert.deepEqual(render(out), [
    '! WARNING, multiple configuration file matches of *.conf, starting with a.conf',
    'a.conf:1 x',
    'b.conf:1 y',
    "! (b.conf: Line 2) Config files missing 'gone'.",
  ]);
});

function readConfigWith(host: MemoryConfigHost): string[] {
  const d = new Diagnostics();
  const lines = readConfig('keepalived.conf', { configId: 'h', allConfig: false, configTest: true }, host, d);
  // readConfig reports everything first; interleave by position for a compact view.
  const out: string[] = d.items.map((i) => `! ${i.position ? (i.hideFile ? `(Line ${i.position.line}) ` : `(${i.position.file}: Line ${i.position.line}) `) : ''}${i.message}`);
  return [out[0] as string, ...lines.map((l) => `${l.position.file}:${l.position.line} ${l.words.join('|')}`), ...out.slice(1)];
}
