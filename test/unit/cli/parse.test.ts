import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, type ParsedCommandLine } from '../../../src/cli/args/parse.js';
import type { CliOptions } from '../../../src/cli/options.js';
import { FACILITY } from '../../../src/logging/facility.js';

function options(parsed: ParsedCommandLine): CliOptions {
  assert.equal(parsed.action.kind, 'run', JSON.stringify(parsed));
  return (parsed.action as { options: CliOptions }).options;
}
const run = (...args: string[]) => options(parseCommandLine(args));

test('defaults', () => {
  const o = run();
  assert.equal(o.configFile, '/etc/keepalived/keepalived.conf');
  assert.equal(o.logFacility, FACILITY.daemon);
  assert.equal(o.runVrrp && o.runCheckers && o.runBfd, true);
  assert.equal(o.configId, undefined);
});

test('every flag, short and long', () => {
  const flags: [string, string, keyof CliOptions, unknown][] = [
    ['-l', '--log-console', 'logConsole', true],
    ['-G', '--no-syslog', 'noSyslog', true],
    ['-X', '--release-vips', 'releaseVips', true],
    ['-V', '--dont-release-vrrp', 'dontReleaseVrrp', true],
    ['-I', '--dont-release-ipvs', 'dontReleaseIpvs', true],
    ['-R', '--dont-respawn', 'dontRespawn', true],
    ['-n', '--dont-fork', 'dontFork', true],
    ['-d', '--dump-conf', 'dumpConf', true],
    ['-a', '--address-monitoring', 'addressMonitoring', true],
    ['-e', '--all-config', 'allConfig', true],
    ['-x', '--snmp', 'snmp', true],
    ['-P', '--vrrp', 'runCheckers', false],
    ['-C', '--check', 'runVrrp', false],
    ['-B', '--no_bfd', 'runBfd', false],
    ['-D', '--log-detail', 'logDetail', 1],
  ];
  for (const [short, long, key, value] of flags) {
    assert.equal(run(short)[key], value, short);
    assert.equal(run(long)[key], value, long);
  }
  assert.equal(run('--flush-log-file').flushLogFile, true);
  assert.equal(run('--json').json, true);
  assert.equal(run('-P', '--all').runCheckers, true);
  assert.equal(run('--all').runAll, true);
  assert.equal(run('-DD').logDetail, 2);
});

test('options with values: separate, attached, --name=value, --name value', () => {
  const valued: [string, string, keyof CliOptions][] = [
    ['-f', '--use-file', 'configFile'],
    ['-p', '--pid', 'pidFile'],
    ['-r', '--vrrp_pid', 'vrrpPidFile'],
    ['-c', '--checkers_pid', 'checkersPidFile'],
    ['-b', '--bfd_pid', 'bfdPidFile'],
    ['-A', '--snmp-agent-socket', 'snmpAgentSocket'],
    ['-s', '--namespace', 'namespace'],
    ['-i', '--config-id', 'configId'],
  ];
  for (const [short, long, key] of valued) {
    assert.equal(run(short, 'v1')[key], 'v1');
    assert.equal(run(`${short}v2`)[key], 'v2');
    assert.equal(run(`${long}=v3`)[key], 'v3');
    assert.equal(run(long, 'v4')[key], 'v4');
  }
  // getopt gives the next word even when it looks like an option
  assert.equal(run('-f', '-t').configFile, '-t');
  assert.equal(run('-f', '-t').configTest, false);
});

test('grouped short flags, a value ending the group', () => {
  const o = run('-nlDfmy.conf');
  assert.deepEqual([o.dontFork, o.logConsole, o.logDetail, o.configFile], [true, true, 1, 'my.conf']);
});

test('optional values only when attached', () => {
  assert.equal(run('-t').configTestLogFile, undefined);
  assert.equal(run('-t/tmp/x').configTestLogFile, '/tmp/x');
  assert.equal(run('--config-test=/tmp/y').configTestLogFile, '/tmp/y');
  const sep = parseCommandLine(['-t', '/tmp/z']);
  assert.equal(options(sep).configTestLogFile, undefined);
  assert.deepEqual(sep.stdout, ['Unexpected argument(s): /tmp/z ']);
  // keepalived: -tf is -t with log file "f"
  assert.equal(run('-tf').configTestLogFile, 'f');
  const t = run('-t');
  assert.deepEqual([t.configTest, t.dontFork, t.dontRespawn, t.noSyslog], [true, true, true, true]);
  assert.equal(run('-g').logFile, '/tmp/keepalived.log');
  assert.equal(run('-g/var/log/k.log').logFile, '/var/log/k.log');
  assert.equal(run('--log-file=/var/log/k.log').logFile, '/var/log/k.log');
  assert.equal(run('--log-file').logFile, '/tmp/keepalived.log');
});

test('unique prefixes of long names; ambiguous ones are unknown', () => {
  assert.equal(run('--use=a.conf').configFile, 'a.conf');
  assert.equal(parseCommandLine(['--vers']).action.kind, 'version');
  const amb = parseCommandLine(['--log']);
  assert.deepEqual(amb.action, { kind: 'exit', code: 1 });
  assert.deepEqual(amb.stderr, ['Unknown option --log']);
  assert.deepEqual(parseCommandLine(['--log-f=/x']).stderr, ['Unknown option --log-f=/x']);
});

test('bad arguments: keepalived messages, all reported, exit 1', () => {
  const bad = parseCommandLine(['-Z', '-Y', '--bogus', 'extra']);
  assert.deepEqual(bad.action, { kind: 'exit', code: 1 });
  assert.deepEqual(bad.stderr, ['Unknown option -Z', 'Unknown option -Y', 'Unknown option --bogus']);
  assert.deepEqual(bad.stdout, ['Unexpected argument(s): extra ']);
  assert.deepEqual(parseCommandLine(['-f']).stderr, ['Missing parameter for option -f']);
  assert.deepEqual(parseCommandLine(['--use-file=']).stderr, ['Missing parameter for option --use-file']);
  assert.deepEqual(parseCommandLine(['--use-file']).stderr, ['Missing parameter for option --use-file']);
  assert.deepEqual(parseCommandLine(['--vrrp=x']).stderr, ['Unknown option --vrrp=x']);
  assert.deepEqual(parseCommandLine(['-nZl']).stderr, ['Unknown option -Z']);
  // a short option accepts an empty word; a long one does not
  assert.equal(run('-i', '').configId, '');
});

test('operands after -- are unexpected arguments, not options', () => {
  const p = parseCommandLine(['--', '-l']);
  assert.equal(options(p).logConsole, false);
  assert.deepEqual(p.stdout, ['Unexpected argument(s): -l ']);
});

test('-S facilities', () => {
  assert.equal(run('-S', '0').logFacility, FACILITY.local0);
  assert.equal(run('-S7').logFacility, FACILITY.local7);
  assert.equal(run('--log-facility=local3').logFacility, FACILITY.local3);
  assert.equal(run('-S', 'user').logFacility, FACILITY.user);
  assert.equal(run('-S', 'daemon').logFacility, FACILITY.daemon);
  for (const bad of ['8', '-1', 'local8', 'USER', 'kern', '3x']) {
    const p = parseCommandLine(['-S', bad]);
    assert.equal(options(p).logFacility, FACILITY.daemon);
    assert.deepEqual(p.stderr, [`Invalid log facility '${bad}'`]);
    assert.equal(p.configTestError, true);
  }
});

test('-u umask in C notation', () => {
  assert.equal(run('-u', '022').umask, 0o22);
  assert.equal(run('-u', '0x12').umask, 0x12);
  assert.equal(run('-u', '18').umask, 18);
  assert.equal(run('-u', '0777').umask, 0o777);
  for (const bad of ['abc', '0999', '01000', '-1']) {
    const p = parseCommandLine(['-u', bad]);
    assert.equal(options(p).umask, undefined);
    assert.deepEqual(p.stderr, [`Invalid --umask option ${bad}`]);
  }
});

test('options that cannot apply: one note each, parsing carries on', () => {
  const p = parseCommandLine(['-m', '-M', '-Mcore', '--core-dump-pattern=x', '--no-mem-check', '--perf=run', '--debug', '-x', '-A', '/s', '-n']);
  assert.equal(options(p).dontFork, true);
  assert.equal(p.notes.length, 7);
  assert.ok(p.notes.every((n) => /ignored$/.test(n)));
});

test('-v, -h and --signum act at once, in order', () => {
  assert.equal(parseCommandLine(['-v', '-Z']).action.kind, 'version');
  assert.equal(parseCommandLine(['-h']).action.kind, 'help');
  const p = parseCommandLine(['-Z', '--signum=STOP']);
  assert.deepEqual(p.action, { kind: 'exit', code: 0 });
  assert.deepEqual(p.stdout, ['15']);
  assert.deepEqual(p.stderr, ['Unknown option -Z']);
});

test('--signum table and unknown names', () => {
  const expected = { STOP: 15, RELOAD: 1, DATA: 10, STATS: 12, STATS_CLEAR: 23, JSON: 16 };
  for (const [name, number] of Object.entries(expected)) {
    const p = parseCommandLine([`--signum=${name}`]);
    assert.deepEqual([p.action, p.stdout], [{ kind: 'exit', code: 0 }, [String(number)]]);
    assert.deepEqual(parseCommandLine(['--signum', name]).stdout, [String(number)]);
  }
  for (const bad of ['stop', 'TDATA', 'FOO']) {
    const p = parseCommandLine([`--signum=${bad}`]);
    assert.deepEqual([p.action, p.stderr], [{ kind: 'exit', code: 1 }, [`Unknown sigfunc ${bad}`]]);
  }
  assert.deepEqual(parseCommandLine(['--signum=']).stderr, ['Missing parameter for option --signum']);
});

test('-T/--genhash takes the rest of the line; warns when not first', () => {
  assert.deepEqual(parseCommandLine(['-T', '-s', 'h', '-p', '80']).action, { kind: 'genhash', args: ['-s', 'h', '-p', '80'] });
  const late = parseCommandLine(['-n', '--genhash', '-h']);
  assert.deepEqual(late.action, { kind: 'genhash', args: ['-h'] });
  assert.deepEqual(late.stderr, ['Warning -- `genhash` not used as first option, previous options ignored']);
});
