#!/usr/bin/env node
// Runs the test suites on newer Node majors than the installed one: the project is built on
// Node 20 and must keep working on 22 and 24.
// Usage: node scripts/test-other-nodes.mjs [--node MAJOR]… [suite…]
//   defaults: --node 22 --node 24, suites unit golden property sim (see scripts/run-tests.mjs)
//
// Each Node comes from the npm registry's node-linux-<arch> package, the official build with its
// headers, so nothing beyond the registry is needed. The checkout is copied (without .git) for
// each Node: raw-socket and unix-dgram are NAN addons, built for one Node's ABI, and rebuilding
// them in place would break the installed Node's copy.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(new URL('..', import.meta.url).pathname);
const majors = [];
const suites = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--node') majors.push(process.argv[++i]);
  else suites.push(process.argv[i]);
}
if (majors.length === 0) majors.push('22', '24');
if (suites.length === 0) suites.push('unit', 'golden', 'property', 'sim');

const archByNode = { x64: 'x64', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x' };
const arch = archByNode[process.arch];
if (!arch) {
  console.error(`no Node package on the npm registry for ${process.arch}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function testOn(major) {
  const dir = mkdtempSync(join(tmpdir(), `kt-node${major}-`));
  try {
    // Tests run some children as nobody (an unprivileged raw-socket probe): they need to reach Node and the addon.
    chmodSync(dir, 0o755);
    console.log(`\n== Node ${major}: fetching node-linux-${arch}@${major} from the npm registry`);
    run('npm', ['pack', '--silent', `node-linux-${arch}@${major}`, '--pack-destination', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack left no tarball for Node ${major}`);
    run('tar', ['-xzf', join(dir, tarball), '-C', dir]);
    rmSync(join(dir, tarball));
    const nodeDir = join(dir, 'package');

    const copy = join(dir, 'checkout');
    run('sh', ['-c', 'mkdir "$2" && tar -C "$1" --exclude=./.git -cf - . | tar -C "$2" -xf -', 'sh', root, copy]);

    // node-gyp finds the other Node's headers through npm_config_nodedir instead of downloading them.
    const env = { ...process.env, PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH}`, npm_config_nodedir: nodeDir };
    run('node', ['--version'], { env });
    run('npm', ['rebuild', '--silent'], { cwd: copy, env });
    // The build writes the V8 code cache of the config-test script, which only the Node that made it accepts.
    run('npm', ['run', '--silent', 'build'], { cwd: copy, env });
    run('node', ['scripts/run-tests.mjs', ...suites], { cwd: copy, env });
    return true;
  } catch (error) {
    console.error(`Node ${major}: ${error.message}`);
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const failed = majors.filter((major) => !testOn(major));
if (failed.length > 0) {
  console.error(`\nfailed on Node ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\npassed on Node ${majors.join(', ')}`);
