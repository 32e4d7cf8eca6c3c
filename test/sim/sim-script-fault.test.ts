/**
 * The simulator's `script` fault: a node's vrrp_script fails or succeeds from its next run on,
 * through the daemon's own trackers (fall/rise) on virtual time. A weight -30 script failing on
 * the Master makes it yield to the backup, and recovering takes the Master back; same seed, same
 * trace; the fault round-trips through the scenario writer; --explore can schedule it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioFile, parseScenario } from '../../src/sim/scenario/load.js';
import { runAndJudge } from '../../src/sim/judge.js';
import { toJsonLines } from '../../src/sim/trace.js';
import type { TraceEvent } from '../../src/sim/trace.js';
import { scenarioToYaml } from '../../src/sim/scenario/write.js';
import { scheduleArbitrary, FAULT_KINDS } from '../../src/sim/explore/schedules.js';
import { explore } from '../../src/sim/explore/explore.js';
import fc from 'fast-check';

const FILE = 'examples/sim/failing-check-script.yaml';

function states(events: readonly TraceEvent[], node: string): { t: number; to: string }[] {
  return events.flatMap((e) => (e.type === 'state' && e.node === node ? [{ t: e.t, to: e.to }] : []));
}

test('a failing weight -30 script makes the Master yield after fall runs, and rise brings it back', async () => {
  const scenario = loadScenarioFile(FILE);
  const run = await runAndJudge(scenario, 3);
  assert.equal(run.exitCode, 0);
  assert.equal(run.analysis.safety.verdict, 'held');
  assert.equal(run.analysis.liveness.verdict, 'held');
  const priorities = run.events.flatMap((e) => (e.type === 'priority' && e.node === 'A' ? [{ t: e.t, priority: e.priority }] : []));
  const drop = priorities.find((p) => p.priority === 120);
  assert.ok(drop !== undefined, JSON.stringify(priorities));
  // fall 2, interval 1 s: the second failing run after 10 s, so within [11 s, 12 s].
  assert.ok(drop.t >= 11_000 && drop.t <= 12_000, `drop at ${drop.t}`);
  const back = priorities.find((p) => p.priority === 150 && p.t > 25_000);
  assert.ok(back !== undefined && back.t >= 26_000 && back.t <= 27_000, JSON.stringify(priorities));
  const a = states(run.events, 'A');
  const b = states(run.events, 'B');
  const yielded = a.find((s) => s.to === 'BACKUP' && s.t > 10_000);
  assert.ok(yielded !== undefined && yielded.t < 25_000, JSON.stringify(a));
  const bMaster = b.find((s) => s.to === 'MASTER' && s.t > 10_000);
  assert.ok(bMaster !== undefined && bMaster.t < 25_000, JSON.stringify(b));
  assert.equal(a.at(-1)?.to, 'MASTER', 'A preempts back once the script succeeds again');
  assert.equal(b.at(-1)?.to, 'BACKUP');
  const fault = run.events.find((e) => e.type === 'fault');
  assert.ok(fault?.type === 'fault' && fault.text === 'A vrrp_script chk_service fails');
  // The configuration keeps its script (the simulated node has the program), and the bound says so.
  const config = run.events.find((e) => e.type === 'config' && e.node === 'A');
  assert.ok(config?.type === 'config' && config.instances[0]?.scriptSettleMs === 5_000, JSON.stringify(config));
});

test('script fault: same seed, same trace', async () => {
  const scenario = loadScenarioFile(FILE);
  const first = toJsonLines((await runAndJudge(scenario, 11)).events);
  const second = toJsonLines((await runAndJudge(scenario, 11)).events);
  assert.equal(second, first);
});

test('a weight-0 script failing puts the instance in FAULT; the scenario writer round-trips the fault', async () => {
  const text = `
nodes:
  - name: A
    address: 192.168.1.1/24
    config: |
      vrrp_script chk {
        script "check"
        interval 1
      }
      vrrp_instance VI_1 {
        interface eth0
        virtual_router_id 7
        priority 100
        advert_int 1
        track_script {
          chk
        }
      }
duration: 12s
faults:
  - { at: 5s, script: { node: A, name: chk, result: down } }
`;
  const scenario = parseScenario(text, '/tmp');
  assert.deepEqual(scenario.faults[0], { atMs: 5000, kind: 'script', node: 'A', name: 'chk', result: 'down' });
  assert.deepEqual(parseScenario(scenarioToYaml(scenario), '/tmp').faults, scenario.faults);
  const run = await runAndJudge(scenario, 1);
  const a = states(run.events, 'A');
  assert.equal(a.at(-1)?.to, 'FAULT', JSON.stringify(a));
  assert.ok(a.at(-1)!.t >= 5_000 && a.at(-1)!.t <= 6_000);
});

test('--explore knows the script kind: it fails a node\'s script, then restores it, and the run holds', async () => {
  assert.ok((FAULT_KINDS as readonly string[]).includes('script'));
  const scenario = loadScenarioFile(FILE);
  const samples = fc.sample(scheduleArbitrary(scenario, ['script'], 20_000), { seed: 5, numRuns: 20 }).flat();
  assert.ok(samples.length > 0);
  for (const f of samples) assert.ok(f.kind === 'script' && f.node === 'A' && f.name === 'chk_service');
  const result = await explore(scenario, { seed: 2, runs: 4, kinds: ['script'] });
  assert.equal(result.failure, undefined);
});
