import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../../src/cli/main.js';
import { runConfigTest, diagnosticJson } from '../../../src/cli/modes/config-test.js';
import { stableJson } from '../../../src/cli/modes/dump.js';
import { defaultConfigId, defaultOptions } from '../../../src/cli/options.js';
import { COMMAND_NAMES } from '../../../src/cli/commands/index.js';
import { ConfigErrorClass, Diagnostics, ExitCode, configTestExitCode } from '../../../src/config/diagnostics.js';
import { emptyConfig } from '../../../src/config/model/index.js';
import type { LoadedConfig } from '../../../src/config/load.js';
import { stubHost } from '../../support/stub-host.js';

function fakeIo(extra: Partial<CliIo> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { prog: 'keepalived-ts', writeStdout: (t) => void out.push(t), writeStderr: (t) => void err.push(t), clock: () => 0, pid: 1, out, err, ...extra };
}

test('reserved sub-commands: one line on stderr, exit 1', async () => {
  // `status` (test/unit/status/socket.test.ts), `chart` (test/unit/charts/) and `sim` are implemented.
  for (const name of ['genhash']) {
    const io = fakeIo();
    assert.equal(await runCli([name, 'x'], io), 1);
    assert.deepEqual(io.err, [`keepalived-ts: '${name}' is not available yet in this version\n`]);
  }
  assert.deepEqual(COMMAND_NAMES, ['sim', 'chart', 'status', 'genhash']);
  const io = fakeIo();
  assert.equal(await runCli(['-T', '-h'], io), 1);
  assert.match(io.err.join(''), /'genhash' is not available yet/);
});

test('-v and -h go to stderr and exit 0; --signum prints to stdout', async () => {
  const v = fakeIo();
  assert.equal(await runCli(['-v'], v), 0);
  assert.match(v.err.join(''), /^Keepalived v2\.2\.7 \(keepalived-ts /);
  const h = fakeIo();
  assert.equal(await runCli(['--help'], h), 0);
  assert.match(h.err.join(''), /^Usage: keepalived-ts \[OPTION\.\.\.\]\n/);
  assert.match(h.err.join(''), /--signum=SIGFUNC/);
  const s = fakeIo();
  assert.equal(await runCli(['--signum=RELOAD'], s), 0);
  assert.deepEqual(s.out, ['1\n']);
});

test('bad options exit 1 before any mode runs', async () => {
  const io = fakeIo();
  assert.equal(await runCli(['-t', '-Z'], io), 1);
  assert.deepEqual(io.err, ['Unknown option -Z\n']);
});

test('config id defaults to the host name up to the first dot', () => {
  assert.equal(defaultConfigId('lb1.example.com'), 'lb1');
  assert.equal(defaultConfigId('lb1'), 'lb1');
});

function loaded(reports: [ConfigErrorClass | undefined, string, number?][], abort?: ExitCode): LoadedConfig {
  const diagnostics = new Diagnostics();
  for (const [cls, message, line] of reports) diagnostics.report(cls, message, line === undefined ? undefined : { file: 'k.conf', line });
  diagnostics.abortExitCode = abort;
  return { config: emptyConfig(), diagnostics, configTestExitCode: abort ?? configTestExitCode(diagnostics.status) };
}

function configTest(args: { json?: boolean; dump?: boolean; cmdError?: boolean }, result: LoadedConfig) {
  const out: string[] = [];
  const diag: string[] = [];
  const options = { ...defaultOptions([]), configTest: true, json: args.json ?? false, dumpConf: args.dump ?? false, configFile: 'k.conf' };
  let seen: unknown;
  const code = runConfigTest(options, {
    host: stubHost(),
    configId: 'lb1',
    writeDiagnostics: (t) => void diag.push(t),
    writeStdout: (t) => void out.push(t),
    commandLineError: args.cmdError ?? false,
    load: (file, parseOptions) => {
      seen = { file, parseOptions };
      return result;
    },
  });
  return { code, out, diag, seen };
}

test('config test: keepalived exit codes 0/4/5/6 and the abort code', () => {
  assert.equal(configTest({}, loaded([])).code, 0);
  assert.equal(configTest({}, loaded([[ConfigErrorClass.FileNotFound, "Config files missing 'k.conf'."]])).code, 4);
  assert.equal(configTest({}, loaded([[ConfigErrorClass.UnknownKeyword, "Unknown keyword 'x'", 2]])).code, 5);
  assert.equal(configTest({}, loaded([[ConfigErrorClass.SecurityError, 'unsafe', 3]])).code, 6);
  assert.equal(configTest({}, loaded([[ConfigErrorClass.MissingParameter, 'missing', 3]], ExitCode.config)).code, 4);
  assert.equal(configTest({}, loaded([[undefined, 'info only']])).code, 0);
  // an invalid -S counts as a config error, as in keepalived
  assert.equal(configTest({ cmdError: true }, loaded([])).code, 5);
  assert.deepEqual(configTest({}, loaded([])).seen, { file: 'k.conf', parseOptions: { configId: 'lb1', allConfig: false, configTest: true } });
});

test('config test prints diagnostics as keepalived, or JSON lines with --json', () => {
  const result = loaded([[ConfigErrorClass.UnknownKeyword, "Unknown keyword 'x'", 2], [undefined, 'no position']]);
  const text = configTest({}, result);
  assert.deepEqual(text.diag, ["(k.conf: Line 2) Unknown keyword 'x'\n", 'no position\n']);
  assert.deepEqual(text.out, []);
  const json = configTest({ json: true }, result);
  assert.deepEqual(json.diag, []);
  assert.deepEqual(json.out.map((l) => JSON.parse(l) as unknown), [
    { file: 'k.conf', line: 2, class: 'UnknownKeyword', message: "Unknown keyword 'x'" },
    { file: null, line: null, class: null, message: 'no position' },
  ]);
  assert.equal(diagnosticJson({ errorClass: undefined, message: 'm' }), '{"file":null,"line":null,"class":null,"message":"m"}');
});

test('-d dumps the model as JSON with sorted keys', () => {
  const { out } = configTest({ dump: true }, loaded([]));
  const dumped = JSON.parse(out.join('')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(dumped), ['bfd', 'global', 'lvs', 'vrrp']);
  assert.equal(stableJson({ b: 1, a: new Map<string, unknown>([['z', 1], ['y', new Set([2])]]), u: undefined }), '{"a":{"y":[2],"z":1},"b":1,"u":null}');
});

test('-t with the real CLI path: diagnostics to the log file, exit code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-cli-'));
  try {
    const io = fakeIo({ configHost: stubHost() });
    const code = await runCli(['-t', '-f', join(dir, 'none.conf')], io);
    assert.equal(typeof code, 'number');
    const bad = fakeIo({ configHost: stubHost() });
    assert.equal(await runCli([`-t${join(dir, 'no-such-dir', 'log')}`], bad), 1);
    assert.match(bad.err.join(''), /^Unable to open config-test log file .*no-such-dir\/log 2 - No such file or directory\n$/);
    const logged = fakeIo({ configHost: stubHost() });
    await runCli([`--config-test=${join(dir, 'log')}`, '-f', join(dir, 'none.conf')], logged);
    assert.equal(typeof readFileSync(join(dir, 'log'), 'utf8'), 'string');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
