#!/usr/bin/env node
// Runs `keepalived -t` and `keepalived-ts -t` on each given config inside one fresh network
// namespace and reports where their exit codes differ.
//   node scripts/compare-config-test.mjs [--iface NAME[=ADDR/PREFIX]]... [--show] FILE...
// Interfaces named with --iface are created as dummies in the namespace (e.g. eth0=192.168.1.1/24).
import { spawnSync, execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const ifaces = [];
const files = [];
let show = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--iface') ifaces.push(args[++i]);
  else if (args[i] === '--show') show = true;
  else files.push(resolve(args[i]));
}
const ns = `ktcmp-${process.pid}`;
const cli = resolve(new URL('../bin/keepalived-ts.js', import.meta.url).pathname);
const inNs = (cmd, cmdArgs) => spawnSync('ip', ['netns', 'exec', ns, cmd, ...cmdArgs], { encoding: 'utf8', timeout: 30_000 });

execFileSync('ip', ['netns', 'add', ns]);
let differ = 0;
try {
  inNs('ip', ['link', 'set', 'lo', 'up']);
  for (const spec of ifaces) {
    const [name, addr] = spec.split('=');
    inNs('ip', ['link', 'add', name, 'type', 'veth', 'peer', 'name', `${name}-peer`]);
    inNs('ip', ['link', 'set', name, 'up']);
    if (addr) inNs('ip', ['addr', 'add', addr, 'dev', name]);
  }
  for (const file of files) {
    const theirs = inNs('keepalived', ['-t', '-f', file]);
    const ours = inNs(process.execPath, [cli, '-t', '-f', file]);
    const same = theirs.status === ours.status;
    if (!same) differ++;
    console.log(`${same ? 'same' : 'DIFF'} keepalived=${theirs.status} ours=${ours.status} ${file}`);
    if (show || !same) {
      const uniq = (s) => [...new Set((s ?? '').split('\n').filter(Boolean))];
      console.log('  keepalived:\n' + uniq(theirs.stderr).map((l) => '    ' + l).join('\n'));
      console.log('  ours:\n' + uniq(ours.stderr).map((l) => '    ' + l).join('\n'));
    }
  }
} finally {
  spawnSync('ip', ['netns', 'del', ns]);
}
console.log(`${files.length - differ} same, ${differ} different`);
process.exit(differ ? 1 : 0);
