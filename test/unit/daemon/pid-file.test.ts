import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPidFile, isKeepalivedTs, parsePid, removePidFile, writePidFile, type PidFileHost } from '../../../src/cli/daemon/pid-file.js';
import { createPidFileHost } from '../../../src/io/process/pid-file-host.js';

function memoryHost(files: Record<string, string>, live: Record<number, string[] | undefined>, ownPid = 1): PidFileHost & { files: Record<string, string> } {
  return {
    files,
    ownPid,
    readFile: (p) => files[p],
    writeFile: (p, t) => void (files[p] = t),
    removeFile: (p) => void delete files[p],
    alive: (pid) => pid in live,
    commandLine: (pid) => live[pid],
  };
}

test('parsePid reads like fscanf("%d")', () => {
  assert.equal(parsePid('123\n'), 123);
  assert.equal(parsePid('  77 junk'), 77);
  assert.equal(parsePid('x1'), undefined);
  assert.equal(parsePid('0\n'), undefined);
});

test('a live keepalived-ts process: running; the file stays', () => {
  const host = memoryHost({ '/run/k.pid': '500\n' }, { 500: ['/usr/bin/node', '/usr/bin/keepalived-ts', '-n'] });
  assert.deepEqual(checkPidFile('/run/k.pid', host), { kind: 'running', pid: 500 });
  assert.equal(host.files['/run/k.pid'], '500\n');
});

test('dead process, reused pid, our own pid: zombie pid file removed', () => {
  for (const [live, own] of [[{}, 1], [{ 500: ['/usr/sbin/sshd'] }, 1], [{ 500: ['node', 'keepalived-ts'] }, 500]] as const) {
    const host = memoryHost({ '/run/k.pid': '500\n' }, live as Record<number, string[]>, own);
    assert.deepEqual(checkPidFile('/run/k.pid', host), { kind: 'stale', message: 'Remove a zombie pid file /run/k.pid' });
    assert.equal(host.files['/run/k.pid'], undefined);
  }
  assert.deepEqual(checkPidFile('/run/none.pid', memoryHost({}, {})), { kind: 'absent' });
});

test('unreadable /proc: a live pid is trusted', () => {
  const host = memoryHost({ '/run/k.pid': '500' }, { 500: undefined });
  assert.equal(checkPidFile('/run/k.pid', host).kind, 'running');
});

test('isKeepalivedTs recognises the bin, the bundle and the tsx entry', () => {
  assert.ok(isKeepalivedTs(['node', '/opt/keepalived-ts/bin/keepalived-ts.js', '-n']));
  assert.ok(isKeepalivedTs(['node', '--import', 'tsx', '/opt/keepalived-ts/src/cli/main.ts']));
  assert.ok(isKeepalivedTs(['node', '/x/dist/bundle/main.js']));
  assert.ok(!isKeepalivedTs(['keepalived', '-n']));
  assert.ok(!isKeepalivedTs(['/usr/bin/python3', 'main.py']));
});

test('real files: write, refuse to remove a successor\'s file, remove our own, report permissions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-pid-'));
  try {
    const host = createPidFileHost(process.pid);
    const path = join(dir, 'k.pid');
    assert.equal(writePidFile(path, process.pid, host), undefined);
    assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
    // Our own pid in the file is not "another daemon".
    assert.equal(checkPidFile(path, host).kind, 'stale');
    writeFileSync(path, '999999\n');
    removePidFile(path, process.pid, host);
    assert.ok(existsSync(path), 'a file naming another pid is left alone');
    writeFileSync(path, `${process.pid}\n`);
    removePidFile(path, process.pid, host);
    assert.ok(!existsSync(path));
    assert.equal(writePidFile(join(dir, 'missing', 'k.pid'), 1, host), `pidfile_write : Cannot open ${join(dir, 'missing', 'k.pid')} pidfile`);
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o500);
      assert.match(writePidFile(join(dir, 'ro.pid'), 1, host) ?? '', /Cannot open/);
      chmodSync(dir, 0o700);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
