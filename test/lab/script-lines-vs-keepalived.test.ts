/**
 * vrrp_script results on the console (`-l`), against keepalived 2.2.7 in the same run: scripts
 * that exit 1, die of SIGKILL, succeed, and hang past their timeout (the interval, by default),
 * each with a weight. Both daemons must word every status the same way, reach the same effective
 * priority, and keep running the hung script at every interval rather than every other one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireLab } from '../support/lab.js';
import { sleep, until } from '../support/interop.js';
import { sideBySide, withConsoleDaemon, type ConsoleImpl } from '../support/console-daemon.js';

const SCRIPTS = {
  exit1: 'exit 1',
  signal: 'kill -9 $$',
  ok: 'exit 0',
  // Each start is recorded, to see how often the hung one runs.
  hung: 'date +%s.%N >> "$0.starts"; sleep 5',
};

function config(dir: string): string {
  const weights = { exit1: -20, signal: -10, ok: 3, hung: -5 };
  const scripts = Object.entries(weights).map(([name, weight]) =>
    `vrrp_script c_${name} {\n    script "${join(dir, name)}"\n    interval 1\n    weight ${weight}\n}\n`).join('');
  return `global_defs {\n    enable_script_security\n    script_user root\n}\n${scripts}vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
    track_script {
${Object.keys(weights).map((name) => `        c_${name}`).join('\n')}
    }
}
`;
}

interface Seen {
  readonly statuses: string[];
  readonly lastPriority: string | undefined;
  readonly returning: string[];
  readonly skips: number;
  /** Seconds between starts of the hung script. */
  readonly hungGapsS: number[];
}

async function run(impl: ConsoleImpl, root: string): Promise<Seen> {
  const scriptDir = mkdtempSync(join(root, `${impl}-`));
  for (const [name, body] of Object.entries(SCRIPTS)) {
    writeFileSync(join(scriptDir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(scriptDir, name), 0o755);
  }
  return withConsoleDaemon(impl, root, { config: config(scriptDir), addresses: ['192.0.2.10/24'] }, async ({ proc }) => {
    await until(`${impl}: every script reported`, () => ['c_exit1', 'c_signal', 'c_ok', 'c_hung'].every((name) => proc.output.includes(`VRRP_Script(${name})`)));
    // A few more turns of the hung script.
    await sleep(4000);
    await proc.stop('SIGTERM');
    const lines = proc.output.split('\n');
    const starts = readFileSync(join(scriptDir, 'hung.starts'), 'utf8').trim().split('\n').map(Number);
    return {
      statuses: lines.flatMap((line) => /: (VRRP_Script\(.*)$/.exec(line)?.[1] ?? []).sort(),
      lastPriority: lines.flatMap((line) => /\) (Changing effective priority from \d+ to \d+)$/.exec(line)?.[1] ?? []).at(-1)?.replace(/from \d+ /, ''),
      returning: lines.flatMap((line) => /: (Script `.*` now returning \d+)$/.exec(line)?.[1] ?? []),
      skips: lines.filter((line) => line.includes('skipping run')).length,
      hungGapsS: starts.slice(1).map((at, i) => at - starts[i]!),
    };
  });
}

test("vrrp_script statuses, priority and turns of a hung script, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(run);
  const context = JSON.stringify({ ours, theirs }, null, 1);
  assert.deepEqual(ours.statuses, theirs.statuses, context);
  assert.deepEqual(ours.statuses, [
    'VRRP_Script(c_exit1) failed (exited with status 1)',
    'VRRP_Script(c_hung) timed_out',
    'VRRP_Script(c_ok) succeeded',
    'VRRP_Script(c_signal) failed (due to signal 9)',
  ]);
  assert.equal(ours.lastPriority, 'Changing effective priority to 68');
  assert.equal(ours.lastPriority, theirs.lastPriority, context);
  // A first 0 is no news to keepalived; a first 1 is.
  assert.deepEqual(ours.returning, ['Script `c_exit1` now returning 1']);
  assert.deepEqual(ours.returning, theirs.returning, context);
  // keepalived skips at most the first turn of the hung script (its kill and that turn race).
  assert.ok(ours.skips <= Math.max(1, theirs.skips), context);
  for (const seen of [ours, theirs]) {
    assert.ok(seen.hungGapsS.length >= 3 && seen.hungGapsS.every((gap) => gap < 1.5), context);
  }
});
