#!/usr/bin/env node
// Config-test benchmark: 1000 vrrp_instance + 1000 virtual_server/real_server blocks.
// Prints wall time of `keepalived-ts -t`, a bare `node -e 0`, a minimal JavaScript parse of the
// same file (bench/config-floor.cjs, the floor under any parser in Node) and `keepalived -t` (when
// installed), run alternately in the same loop so they share the machine's conditions.
//   npm run bench:config [-- --runs N]
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;
const instances = 1000;
const servers = 1000;

function buildConfig() {
  const out = ['global_defs {', '  router_id bench', '}'];
  for (let i = 0; i < instances; i++) {
    const vrid = (i % 255) + 1;
    const iface = `eth${Math.floor(i / 255)}`;
    out.push(
      `vrrp_instance VI_${i} {`,
      '  state BACKUP',
      `  interface ${iface}`,
      `  virtual_router_id ${vrid}`,
      `  priority ${100 + (i % 50)}`,
      '  advert_int 1',
      '  authentication {',
      '    auth_type PASS',
      '    auth_pass secret1',
      '  }',
      '  virtual_ipaddress {',
      `    10.${Math.floor(i / 250)}.${i % 250}.1/24 dev ${iface}`,
      '  }',
      '}',
    );
  }
  for (let i = 0; i < servers; i++) {
    out.push(
      `virtual_server 10.200.${Math.floor(i / 250)}.${i % 250} 80 {`,
      '  delay_loop 6',
      '  lb_algo rr',
      '  lb_kind NAT',
      '  protocol TCP',
      `  real_server 10.100.${Math.floor(i / 250)}.${i % 250} 8080 {`,
      '    weight 1',
      '    TCP_CHECK {',
      '      connect_timeout 3',
      '    }',
      '  }',
      '}',
    );
  }
  return out.join('\n') + '\n';
}

// `--write FILE` only writes the benchmark's config (for profiling), then exits.
const writeArg = process.argv.indexOf('--write');
if (writeArg > 0) {
  writeFileSync(process.argv[writeArg + 1], buildConfig());
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'kt-bench-'));
const file = join(dir, 'keepalived.conf');
writeFileSync(file, buildConfig());
const cli = resolve(new URL('../bin/keepalived-ts.js', import.meta.url).pathname);
const floor = resolve(new URL('./config-floor.cjs', import.meta.url).pathname);

const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;
// In a namespace with the benchmark's interfaces, both daemons judge the same machine.
const ns = isRoot && have('ip') ? `ktbench-${process.pid}` : undefined;
if (ns) {
  spawnSync('ip', ['netns', 'add', ns]);
  for (let i = 0; i < Math.ceil(instances / 255); i++) spawnSync('ip', ['netns', 'exec', ns, 'ip', 'link', 'add', `eth${i}`, 'type', 'veth', 'peer', 'name', `peer${i}`]);
}
const wrap = (cmd, args) => (ns ? ['ip', ['netns', 'exec', ns, cmd, ...args]] : [cmd, args]);

const cases = [
  ['bare node (node -e 0)', wrap(process.execPath, ['-e', '0'])],
  ['keepalived-ts -t', wrap(process.execPath, [cli, '-t', '-f', file])],
  // The floor: the least a JavaScript parse of this file can do (see the script).
  ['minimal JS parse', wrap(process.execPath, [floor, file])],
];
if (have('keepalived')) cases.push(['keepalived -t', wrap('keepalived', ['-t', '-f', file])]);

const times = new Map(cases.map(([name]) => [name, []]));
const codes = new Map();
try {
  for (let r = 0; r < runs; r++) {
    for (const [name, [cmd, args]] of cases) {
      const start = process.hrtime.bigint();
      const res = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r > 0) times.get(name).push(ms); // the first round warms the page cache
      codes.set(name, res.status);
    }
  }
} finally {
  if (ns) spawnSync('ip', ['netns', 'del', ns]);
  rmSync(dir, { recursive: true, force: true });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
console.log(`config: ${instances} vrrp_instance + ${servers} virtual_server/real_server, ${runs - 1} runs each${ns ? ', in a network namespace' : ''}`);
console.log('case                       min ms   median ms   max ms   exit');
const summary = {};
for (const [name] of cases) {
  const s = stats(times.get(name));
  summary[name] = s;
  console.log(`${name.padEnd(25)} ${s.min.toFixed(1).padStart(7)} ${s.median.toFixed(1).padStart(10)} ${s.max.toFixed(1).padStart(8)}   ${codes.get(name)}`);
}
const ours = summary['keepalived-ts -t'].median - summary['bare node (node -e 0)'].median;
console.log(`keepalived-ts parse + validate (median total − bare node median): ${ours.toFixed(1)} ms (goal < 30 ms)`);
const floorMs = summary['minimal JS parse'].median - summary['bare node (node -e 0)'].median;
console.log(`minimal JS parse, the floor on this machine (median total − bare node median): ${floorMs.toFixed(1)} ms`);
if (summary['keepalived -t']) console.log(`keepalived -t whole run (median): ${summary['keepalived -t'].median.toFixed(1)} ms`);
