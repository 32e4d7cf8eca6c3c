/**
 * track_file against keepalived 2.2.7 in the same run (test/support/console-daemon.ts): init_file
 * overwrites the file at start (and never again, even on reload), the value times the weight
 * moves the priority, and each reload says how the tracked weights move the configured priority.
 * Console lines word for word, and the file as each left it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { requireLab } from '../support/lab.js';
import { until } from '../support/interop.js';
import { sideBySide, withConsoleDaemon, type ConsoleImpl } from '../support/console-daemon.js';

const config = (file: string, priority: number): string => `track_file tf {
    file ${file}
    weight 5
    init_file 3 overwrite
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    track_file {
        tf
    }
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`;

async function run(impl: ConsoleImpl, dir: string): Promise<{ lines: string[]; file: string }> {
  const file = `${dir}/${impl}-track`;
  writeFileSync(file, '7\n');
  return withConsoleDaemon(impl, dir, { config: config(file, 100), addresses: ['192.0.2.10/24'] }, async ({ proc }) => {
    const count = (pattern: RegExp): number => proc.output.match(pattern)?.length ?? 0;
    const reload = async (text: string): Promise<void> => {
      const before = count(/Reload complete/g);
      writeFileSync(`${dir}/${impl}.conf`, text);
      process.kill(Number(readFileSync(`${dir}/${impl}.pid`, 'utf8').trim()), 'SIGHUP');
      await until(`${impl}: reload ${before + 1} done`, () => count(/Reload complete/g) === before + 1);
    };
    const priority = (to: number) => () => proc.output.includes(`to ${to}\n`);
    await until(`${impl}: in BACKUP at 115`, () => /Entering BACKUP STATE/.test(proc.output) && priority(115)());
    await reload(config(file, 100));
    writeFileSync(file, '-2\n');
    await until(`${impl}: priority 90`, priority(90));
    await reload(config(file, 120));
    await until(`${impl}: priority 110`, priority(110));
    await proc.stop('SIGTERM');
    // The priority lines and the first transition: when Master_Down_Interval ends during the
    // reloads, the line for MASTER falls among them at a moment of its own.
    const lines = proc.output.split('\n').flatMap((line) => /: (\(VI_1\) (?:Changing effective priority|Entering BACKUP STATE \(init\)).*)$/.exec(line)?.[1] ?? []);
    return { lines, file: readFileSync(file, 'utf8') };
  });
}

test("track_file: init_file at start only, its weight, and the priority line of each reload, as keepalived's", { timeout: 120_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const { ours, theirs } = await sideBySide(run);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours, {
    lines: [
      '(VI_1) Changing effective priority from 100 to 115',
      '(VI_1) Entering BACKUP STATE (init)',
      '(VI_1) Changing effective priority from 100 to 115',
      '(VI_1) Changing effective priority from 115 to 90',
      '(VI_1) Changing effective priority from 120 to 110',
    ],
    file: '-2\n',
  });
});
