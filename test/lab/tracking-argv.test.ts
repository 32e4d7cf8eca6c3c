/**
 * Lab: keepalived 2.2.7 and our runner run the same recording vrrp_script; the argv, umask,
 * standard descriptors and process group the script sees must be the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Netns, requireLab } from '../support/lab.js';
import { startKeepalived } from '../support/keepalived.js';
import { scriptArgvFromLine } from '../../src/config/values/script-line.js';
import { createRealScriptRunner } from '../../src/io/scripts/runner.js';
import { createRealClock } from '../../src/io/clock.js';

const RECORDER = `#!/bin/sh
out="$KT_DIR/out.$1"
{
  for a in "$@"; do printf '[%s]' "$a"; done; echo
  echo "umask=$(umask)"
  echo "fds=$(readlink /proc/$$/fd/0) $(readlink /proc/$$/fd/1) $(readlink /proc/$$/fd/2)"
  [ "$(ps -o pgid= -p $$ | tr -d ' ')" = "$$" ] && echo "own-group" || echo "shared-group"
} > "$out.tmp" 2>&1
mv "$out.tmp" "$out"
`;

test('script lines split and run as keepalived runs them', { timeout: 30_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const dir = mkdtempSync('/tmp/kt-argv-');
  chmodSync(dir, 0o755);
  const ns = new Netns('ktargv');
  try {
    const recorder = join(dir, 'rec.sh');
    writeFileSync(recorder, RECORDER.replaceAll('$KT_DIR', dir));
    chmodSync(recorder, 0o755);
    const lines = [
      `script "${recorder} s1 'a b' c\\"d e\\"f g\\\\ h"`,
      `script ${recorder} s2 extra words`,
      `script "${recorder} s3 x\\\\\\\\ y \\\\x41\\\\101 \\\\t"`,
      `script '${recorder} s4 "q r" \\'x\\''`,
      `script "${recorder} s5 a\\\\\\"b"`,
    ];
    ns.run('ip', ['link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1']);
    ns.run('ip', ['link', 'set', 'd0', 'up']);
    ns.run('ip', ['link', 'set', 'd1', 'up']);
    ns.run('ip', ['addr', 'add', '10.9.9.1/24', 'dev', 'd0']);
    const scripts = lines.map((line, i) => `vrrp_script s${i + 1} {\n  ${line}\n  interval 1\n}`).join('\n');
    const config = `global_defs {\n  router_id kt\n}\n${scripts}\nvrrp_instance VI_1 {\n  state BACKUP\n  interface d0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    10.9.9.100/24\n  }\n  track_script {\n${lines.map((_, i) => `    s${i + 1}`).join('\n')}\n  }\n}\n`;
    const daemon = startKeepalived(ns, dir, config);
    const outputs = lines.map((_, i) => join(dir, `out.s${i + 1}`));
    // s2's argument never reaches the script (keepalived keeps only the first word): it records as "out.".
    outputs[1] = join(dir, 'out.');
    const deadline = Date.now() + 10_000;
    while (!outputs.every((file) => existsSync(file)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await daemon.stop();
    const theirs = outputs.map((file) => readFileSync(file, 'utf8'));
    rmSync(join(dir, 'out.'), { force: true });
    for (const file of outputs) rmSync(file, { force: true });

    const runner = createRealScriptRunner({ clock: createRealClock() });
    for (const [i, line] of lines.entries()) {
      const split = scriptArgvFromLine(line);
      assert.ok(split !== undefined, line);
      const outcome = await runner.run({ argv: split.argv, commandLine: line, uid: 0, gid: 0 }).outcome;
      assert.equal(outcome.kind, 'exited', line);
      assert.equal(readFileSync(outputs[i] ?? '', 'utf8'), theirs[i], line);
    }
  } finally {
    ns.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
