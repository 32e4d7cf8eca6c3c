import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRealClock } from '../../../src/io/clock.js';
import { createRealScriptRunner } from '../../../src/io/scripts/runner.js';
import { checkScriptSecurity, unsafeComponent } from '../../../src/io/scripts/security.js';
import type { ScriptSpec } from '../../../src/ports/scripts.js';

const isRoot = process.getuid?.() === 0;
let dir = '';
const runner = createRealScriptRunner({ clock: createRealClock() });

before(() => {
  dir = mkdtempSync('/tmp/kt-scripts-');
  chmodSync(dir, 0o755);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function outFile(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, '');
  chmodSync(path, 0o666);
  return path;
}

function spec(argv: string[], extra: Partial<ScriptSpec> = {}): ScriptSpec {
  return { argv, commandLine: argv.join(' '), uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, ...extra };
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('exit codes and signals are outcomes', async () => {
  assert.deepEqual({ ...(await runner.run(spec([script('e3', 'exit 3')])).outcome), durationMs: 0 }, { kind: 'exited', exitCode: 3, durationMs: 0 });
  const signalled = await runner.run(spec([script('sig', 'kill -SEGV $$')])).outcome;
  assert.equal(signalled.kind, 'signalled');
  assert.equal(signalled.kind === 'signalled' && signalled.signal, 'SIGSEGV');
  const missing = await runner.run(spec([join(dir, 'nope')])).outcome;
  assert.equal(missing.kind, 'failed-to-start');
});

test('a file without #! is not run (keepalived: execve ENOEXEC)', async () => {
  const path = join(dir, 'noshebang');
  writeFileSync(path, `touch ${dir}/ran\n`);
  chmodSync(path, 0o755);
  assert.deepEqual(await runner.run(spec([path])).outcome, { kind: 'failed-to-start', reason: 'ENOEXEC' });
  await sleepMs(50);
  assert.throws(() => readFileSync(join(dir, 'ran')));
});

test('argv reaches the script unchanged, no shell involved', async () => {
  const out = outFile('argv.out');
  await runner.run(spec([script('argv', 'for a in "$@"; do printf "[%s]" "$a"; done > "$1"'), out, 'a b', '$HOME', "'q'", '*'])).outcome;
  assert.equal(readFileSync(out, 'utf8'), `[${out}][a b][$HOME]['q'][*]`);
});

test('</path lines run through /bin/sh', async () => {
  assert.equal((await runner.run(spec(['</etc/passwd'])).outcome).kind, 'exited');
  const failed = await runner.run(spec([`<${dir}/missing`])).outcome;
  assert.ok(failed.kind === 'exited' && failed.exitCode !== 0);
});

test('own process group, stdio on /dev/null, umask 0177, environment inherited', async () => {
  const out = outFile('env.out');
  const running = runner.run(spec([script('env', [
    'exec 3>"$1"',
    'echo "pgid=$(ps -o pgid= -p $$ | tr -d " ") pid=$$" >&3',
    'echo "fds=$(readlink /proc/$$/fd/0) $(readlink /proc/$$/fd/1) $(readlink /proc/$$/fd/2)" >&3',
    'echo "umask=$(umask)" >&3',
    'echo "foo=$KT_FOO path=${PATH:+set}" >&3',
  ].join('\n')), out], { env: { KT_FOO: 'bar' } }));
  const outcome = await running.outcome;
  assert.equal(outcome.kind, 'exited');
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], `pgid=${running.pid} pid=${running.pid}`);
  assert.equal(lines[1], 'fds=/dev/null /dev/null /dev/null');
  assert.equal(lines[2], 'umask=0177');
  assert.equal(lines[3], 'foo=bar path=set');
  assert.equal(process.umask(), process.umask(), 'the daemon keeps its own umask');
});

test('uid and gid are switched (run as nobody, no supplementary groups)', { skip: isRoot ? false : 'needs root' }, async () => {
  const out = outFile('id.out');
  const outcome = await runner.run(spec([script('id', 'echo "$(id -u) $(id -g) $(id -G)" > "$1"'), out], { uid: 65534, gid: 65534 })).outcome;
  assert.equal(outcome.kind, 'exited');
  assert.equal(readFileSync(out, 'utf8').trim(), '65534 65534 65534');
});

test('a timeout kills the whole process group, children included', async () => {
  const out = outFile('pids.out');
  const running = runner.run(spec([script('hang', 'sleep 100 & echo $! > "$1"\nsleep 100'), out], { timeoutMs: 300 }));
  const outcome = await running.outcome;
  assert.equal(outcome.kind, 'timed-out');
  const child = Number(readFileSync(out, 'utf8').trim());
  assert.ok(child > 0);
  await sleepMs(200);
  assert.equal(alive(child), false, 'the backgrounded child died too');
  assert.equal(alive(running.pid ?? 0), false);
});

test('a script ignoring SIGTERM is SIGKILLed after the grace period', { timeout: 10_000 }, async () => {
  const outcome = await runner.run(spec([script('stubborn', "trap '' TERM\nwhile :; do sleep 0.1; done")], { timeoutMs: 100 })).outcome;
  assert.equal(outcome.kind, 'timed-out');
  assert.ok(outcome.kind === 'timed-out' && outcome.durationMs >= 2000);
});

test('kill() ends the group and settles as signalled', async () => {
  const running = runner.run(spec([script('killme', 'sleep 100')]));
  running.kill();
  const outcome = await running.outcome;
  assert.equal(outcome.kind, 'signalled');
});

test('flooding output does not block the event loop', async () => {
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 5);
  const outcome = await runner.run(spec([script('flood', 'head -c 200000000 /dev/zero; yes | head -n 2000000')])).outcome;
  clearInterval(ticker);
  assert.deepEqual(outcome.kind, 'exited');
  assert.ok(ticks > 2, `event loop kept turning (${ticks} ticks)`);
});

test('script security: a path writable by non-root is refused when enabled, warned otherwise', () => {
  const open = mkdtempSync('/tmp/kt-open-');
  try {
    chmodSync(open, 0o777);
    const path = join(open, 'chk');
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    assert.equal(unsafeComponent(path), open);
    const refused = checkScriptSecurity(path, 0, 0, true);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.message === `Unsafe permissions found for script '${path}' - disabling.`);
    const warned = checkScriptSecurity(path, 0, 0, false);
    assert.ok(warned.ok && warned.warnings.length === 1);
    chmodSync(open, 0o755);
    if (isRoot) assert.deepEqual(checkScriptSecurity(path, 0, 0, true), { ok: true, warnings: [] });
    assert.equal(checkScriptSecurity(join(open, 'missing'), 0, 0, true).ok, false);
  } finally {
    rmSync(open, { recursive: true, force: true });
  }
});

test("script checks in keepalived's words: missing, not executable; a bare name and a `</path` test pass", () => {
  const dir = mkdtempSync('/tmp/kt-scripts-');
  try {
    const missing = join(dir, 'missing.sh');
    assert.deepEqual(checkScriptSecurity(missing, 0, 0, true), {
      ok: false,
      reason: 'not-found',
      message: `Script ${missing} cannot be accessed - No such file or directory`,
    });
    const plain = join(dir, 'plain.sh');
    writeFileSync(plain, '#!/bin/sh\n');
    chmodSync(plain, 0o644);
    assert.deepEqual(checkScriptSecurity(plain, 0, 0, false), {
      ok: false,
      reason: 'not-executable',
      message: `WARNING - script '${plain}' is not executable for uid:gid 0:0 - disabling.`,
    });
    // A bare name: the configuration check has warned of its path search already.
    assert.deepEqual(checkScriptSecurity('sh', 0, 0, false), { ok: true, warnings: [] });
    assert.deepEqual(checkScriptSecurity('</dev/tcp/127.0.0.1/80', 0, 0, true), { ok: true, warnings: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
