/**
 * `keepalived-ts sim`: determinism (in-process and across processes), the bundled examples'
 * verdicts, a broken configuration caught by the safety checker and reproduced from the printed
 * command, --explore finding and shrinking a planted violation, and the liveness bound.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/sim/scenario/load.js';
import { runAndJudge } from '../../src/sim/judge.js';
import { toJsonLines } from '../../src/sim/trace.js';
import type { TraceEvent } from '../../src/sim/trace.js';
import { explore } from '../../src/sim/explore/explore.js';
import { scenarioSchema } from '../../src/sim/scenario/schema.js';
import { scenarioToYaml } from '../../src/sim/scenario/write.js';
import { parseScenario } from '../../src/sim/scenario/load.js';
import { analyze } from '../../src/sim/check/analyze.js';
import { livenessBounds } from '../../src/sim/check/bounds.js';
import { instanceInfos, parseNodeConfig } from '../../src/sim/engine/config.js';

const EXAMPLES = 'examples/sim';
const CLI = ['--import', 'tsx', 'test/support/sim-cli.ts'];

function cli(args: readonly string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

test('same seed, same trace: twice in-process and once as a subprocess, byte for byte', async () => {
  const scenario = loadScenarioFile(`${EXAMPLES}/flapping-link.yaml`);
  const first = toJsonLines((await runAndJudge(scenario, 7)).events);
  const second = toJsonLines((await runAndJudge(scenario, 7)).events);
  assert.equal(second, first);
  const other = toJsonLines((await runAndJudge(scenario, 8)).events);
  assert.notEqual(other, first, 'the seed drives the lossy link');
  const dir = mkdtempSync(join(tmpdir(), 'sim-'));
  const out = cli([`${EXAMPLES}/flapping-link.yaml`, '--seed', '7', '--trace', join(dir, 'trace.jsonl')]);
  assert.equal(out.status, 0);
  assert.match(out.stdout, /^seed: 7\n/, 'the seed is printed first');
  assert.equal(readFileSync(join(dir, 'trace.jsonl'), 'utf8'), first);
});

test('every bundled example gives the verdict it expects', async () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();
  assert.deepEqual(files, ['failing-check-script.yaml', 'flapping-link.yaml', 'nopreempt-after-recovery.yaml', 'one-way-partition.yaml', 'reboot-during-takeover.yaml', 'split-brain.yaml']);
  for (const file of files) {
    const scenario = loadScenarioFile(join(EXAMPLES, file));
    const { analysis, exitCode } = await runAndJudge(scenario, 1);
    assert.equal(analysis.safety.verdict, scenario.expect.safety, file);
    assert.equal(analysis.liveness.verdict, scenario.expect.liveness, file);
    assert.equal(exitCode, 0, file);
  }
});

test('examples show what they are about', async () => {
  const states = (events: readonly TraceEvent[], node: string) =>
    events.flatMap((e) => (e.type === 'state' && e.node === node ? [`${e.t} ${e.to}`] : []));
  const split = await runAndJudge(loadScenarioFile(`${EXAMPLES}/split-brain.yaml`), 1);
  assert.deepEqual(split.analysis.dualMasters.map((d) => d.cause), ['partition', 'election (within the window)']);
  const nopreempt = await runAndJudge(loadScenarioFile(`${EXAMPLES}/nopreempt-after-recovery.yaml`), 1);
  assert.equal(states(nopreempt.events, 'A').at(-1), '20000 BACKUP', 'A stays Backup after recovery');
  assert.equal(states(nopreempt.events, 'B').at(-1), '13029.375 MASTER');
  const reboot = await runAndJudge(loadScenarioFile(`${EXAMPLES}/reboot-during-takeover.yaml`), 1);
  assert.deepEqual(states(reboot.events, 'A').slice(-2), ['13000 BACKUP', '16414.062 MASTER']);
  assert.ok(reboot.analysis.notifies > 0);
});

test('different passwords on one VRID: the safety checker catches it and the printed command reproduces it', async () => {
  const file = 'test/fixtures/sim/bad-auth.yaml';
  const judged = await runAndJudge(loadScenarioFile(file), 5);
  assert.equal(judged.exitCode, 1);
  assert.equal(judged.analysis.safety.violations[0]?.what, 'both Master of VRID 51');
  assert.equal(judged.analysis.safety.violations[0]?.fromMs, 3609.375);
  const first = cli([file, '--seed', '5']);
  assert.equal(first.status, 1);
  const command = /reproduce: keepalived-ts sim (.*)\n/.exec(first.stdout)?.[1];
  assert.equal(command, `${file} --seed 5`);
  const dir = mkdtempSync(join(tmpdir(), 'sim-'));
  const again = cli([...command!.split(' '), '--trace', join(dir, 't.jsonl')]);
  assert.equal(again.status, 1);
  assert.equal(readFileSync(join(dir, 't.jsonl'), 'utf8'), toJsonLines(judged.events));
  assert.equal(cli(['no/such/file.yaml', '--seed', '1']).status, 3);
});

test('--explore finds the planted violation and shrinks it to the one fault that matters', async () => {
  const scenario = loadScenarioFile('test/fixtures/sim/planted.yaml');
  const result = await explore(scenario, { seed: 1, runs: 40, kinds: ['partition', 'reload', 'kill'] });
  assert.ok(result.failure, 'a failing schedule was found');
  assert.equal(result.failure.exitCode, 1);
  const faults = result.failure.scenario.faults.map((f) => f.kind);
  assert.deepEqual(faults, ['reload', 'heal']);
  // The printed scenario file reads back to the same scenario and fails the same way.
  const reread = parseScenario(scenarioToYaml(result.failure.scenario, 'shrunk'), '.');
  assert.equal((await runAndJudge(reread, 1)).exitCode, 1);
  const out = cli(['test/fixtures/sim/planted.yaml', '--seed', '1', '--explore', '20']);
  assert.equal(out.stdout.split('\n')[0], 'seed: 1');
  assert.match(out.stdout, /reproduce: save the scenario above as counterexample.yaml, then keepalived-ts sim counterexample.yaml --seed 1/);
  assert.equal(out.status, 1);
});

test('liveness bound: startup delay + Master_Down_Interval + advert interval, from the configuration', () => {
  const conf = (extra: string, global = '') => `global_defs {\n${global}\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n advert_int 2\n ${extra}\n virtual_ipaddress {\n 10.0.0.9/24\n }\n}\n`;
  const infos = (text: string) => instanceInfos(parseNodeConfig('n', text, ['eth0']).config);
  // v2, advert 2 s, priority 100: 3 × 2000 + (256 − 100) / 256 s = 6609.375 ms.
  const low = infos(conf('priority 100'));
  assert.equal(low[0]!.masterDownMs, 6609.375);
  const high = infos(conf('priority 200', 'vrrp_startup_delay 5'));
  const bound = livenessBounds([...low, ...high]).get('9')!;
  assert.deepEqual(bound, { vrid: '9', startupDelayMs: 5000, masterDownMs: 6609.375, advertIntMs: 2000, boundMs: 13609.375 });
});

test('liveness checker: a single Master later than the bound after healing is a violation', () => {
  const info = { name: 'VI_1', vrid: '1', version: 2 as const, priority: 100, advertIntMs: 1000, masterDownMs: 3609.375, startupDelayMs: 0, vips: [] };
  const base: TraceEvent[] = [
    { t: 0, type: 'run', seed: 1, scenario: 'x', endMs: 30_000, nodes: ['A', 'B'], format: 1 },
    { t: 0, type: 'config', node: 'A', instances: [info], warnings: [] },
    { t: 0, type: 'config', node: 'B', instances: [info], warnings: [] },
    { t: 0, type: 'daemon', node: 'A', running: true, why: 'boot' },
    { t: 0, type: 'daemon', node: 'B', running: true, why: 'boot' },
  ];
  const master = (t: number): TraceEvent => ({ t, type: 'state', node: 'A', instance: 'VI_1', vrid: '1', from: 'BACKUP', to: 'MASTER', priority: 100, reason: 'test' });
  const end = (t: number): TraceEvent => ({ t, type: 'end' });
  assert.equal(analyze([...base, master(4609.375), end(30_000)]).liveness.verdict, 'held');
  assert.equal(analyze([...base, master(4609.376), end(30_000)]).liveness.verdict, 'violated');
  assert.equal(analyze([...base, end(30_000)]).liveness.verdict, 'violated');
});

test('the JSON schema in examples/sim is the one the loader validates with', () => {
  assert.deepEqual(JSON.parse(readFileSync(`${EXAMPLES}/scenario.schema.json`, 'utf8')), JSON.parse(JSON.stringify(scenarioSchema)));
  assert.throws(() => parseScenario('nodes: [{name: A}]', '.'), /does not match the schema/);
  assert.throws(() => parseScenario('nodes: [{name: A, address: 10.0.0.1/24, config: "x"}]\nfaults: [{at: 1s, crash: Z}]', '.'), /unknown node Z/);
});
