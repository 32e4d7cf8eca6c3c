#!/usr/bin/env node
// Bundles the CLI for start-up speed: loading ~100 small ES modules one by one costs more than
// parsing a whole `-t` run. esbuild writes src/cli/main.ts and what it imports into dist/bundle/,
// splitting at each dynamic import() so every mode still loads only what it needs. tsc keeps the
// type-checking and the per-file dist/ that tests and tools import. dist/bundle/ sits at the same
// depth as dist/cli/, so paths found from import.meta.url (package.json, build/) stay valid.
// npm dependencies stay external: they load from node_modules as before.
//
// `-t` also has its own CommonJS script, config-test.cjs, with a V8 code cache beside it
// (config-test.cjs.cache): compiling the parser is a good part of a config test's run, and Node 20
// caches no ES module code. It holds the whole CLI, so that `-t` loads one script instead of the
// ES-module CLI's dozen modules (the bin decides with config-test-hint.cjs). The cache is made
// here by running a config test on a sample config, so it holds the functions a config test
// uses, already compiled. See src/cli/code-cache.ts.
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  legalComments: 'none',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunk-[hash]',
});

/**
 * Keeps config-test.cjs to what a config test runs: the modules main.ts imports on demand for its
 * other modes (the daemon, sub-commands, usage…) are left out, as a script that big would take
 * longer to load than the ES modules it replaces. Those import() calls stay in the script but
 * are never reached, since the bin runs it only for `-t`; the build's own config test below
 * fails if a config test reaches one.
 */
const CONFIG_TEST_DYNAMIC_IMPORTS = ['/cli/host-info.js', '/cli/real-config-host.js', '/cli/modes/config-test.js', '/io/config-host.js'];
const configTestOnly = {
  name: 'config-test-only',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = join(args.resolveDir, args.path);
      return CONFIG_TEST_DYNAMIC_IMPORTS.some((end) => target.endsWith(end)) ? undefined : { path: args.path, external: true };
    });
  },
};

// The key ties the cache to this very build (V8 itself only checks the source's length).
const key = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
const script = `${outdir}/config-test.cjs`;
await build({
  ...common,
  entryPoints: ['src/cli/modes/config-test-bundle.ts'],
  outfile: script,
  format: 'cjs',
  // The same wrapper as Node's for CommonJS, written into the file so that the cache matches it.
  // import.meta.url (package.json's place, for the version) becomes this file's URL.
  banner: {
    js: `// code-cache key: ${key}\n(function (exports, require, module, __filename, __dirname) {\nconst import_meta_url = require('node:url').pathToFileURL(__filename).href;`,
  },
  footer: { js: '})' },
  define: { 'import.meta.url': 'import_meta_url' },
  plugins: [configTestOnly],
  // Without comments and indentation the script is a quarter smaller, and plain ASCII: V8 keeps a
  // source with any other character (one dash in a comment was enough) as two bytes a character,
  // which took a millisecond longer to read. Names stay, for readable stack traces.
  minifyWhitespace: true,
});
if (/[\u0080-\uffff]/.test(readFileSync(script, 'utf8'))) {
  console.error('bundle: config-test.cjs is not plain ASCII, so V8 would hold it as two-byte text');
  process.exit(1);
}
// What the bin loads to decide on config-test.cjs and to load it: small, and CommonJS, which Node
// loads without the ES-module loader's steps. The hint has no imports, so that other modes load
// nothing more than it.
for (const [entry, name] of [
  ['src/cli/modes/config-test-hint.ts', 'config-test-hint.cjs'],
  ['src/cli/code-cache.ts', 'code-cache.cjs'],
]) {
  await build({ ...common, entryPoints: [entry], outfile: `${outdir}/${name}`, format: 'cjs' });
}
await writeCodeCache();

async function writeCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'kt-code-cache-'));
  try {
    const conf = join(dir, 'keepalived.conf');
    writeFileSync(conf, sampleConfig());
    const compiled = new Script(readFileSync(script, 'utf8'), { filename: script });
    const mod = { exports: {} };
    compiled.runInThisContext()(mod.exports, createRequire(script), mod, script, dirname(script));
    // The way the bin runs `-t`, so that the command line's parsing is compiled in too.
    const { runCli, selectsConfigTest } = mod.exports;
    const args = ['-t', '-f', conf];
    if (!selectsConfigTest(args)) throw new Error('the sample command line is no config test');
    const quiet = () => {};
    const run = runCli(args, { prog: 'keepalived-ts', writeStdout: quiet, writeStderr: quiet, clock: () => 0, pid: 1 });
    // A config test that needs a module left out of the script is a broken build, not a slow one.
    await run.catch((err) => {
      console.error(`bundle: config-test.cjs cannot run a config test: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
    writeFileSync(`${script}.cache`, Buffer.concat([Buffer.from(`${key}\n`), compiled.createCachedData()]));
  } catch (err) {
    // Without the cache `-t` only compiles as before.
    console.warn(`bundle: no code cache for config-test.cjs: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Keywords a typical config uses, several times each so that their handlers get compiled. */
function sampleConfig() {
  // An interface that exists, so that the checks after parsing run too.
  let iface = 'lo';
  try {
    iface = readdirSync('/sys/class/net').find((name) => name !== 'lo') ?? iface;
  } catch {
    // no /sys: the parse still runs
  }
  const out = ['global_defs {', '  router_id sample', '  enable_script_security', '}'];
  for (let i = 0; i < 20; i++) {
    out.push(
      `vrrp_instance VI_${i} {`,
      '  state BACKUP',
      `  interface ${iface}`,
      `  virtual_router_id ${i + 1}`,
      `  priority ${100 + i}`,
      '  advert_int 1',
      '  authentication {',
      '    auth_type PASS',
      '    auth_pass secret1',
      '  }',
      '  virtual_ipaddress {',
      `    10.0.${i}.1/24 dev ${iface}`,
      '  }',
      '}',
      `virtual_server 10.200.0.${i} 80 {`,
      '  delay_loop 6',
      '  lb_algo rr',
      '  lb_kind NAT',
      '  protocol TCP',
      `  real_server 10.100.0.${i} 8080 {`,
      '    weight 1',
      '    TCP_CHECK {',
      '      connect_timeout 3',
      '    }',
      '  }',
      '}',
    );
  }
  return `${out.join('\n')}\n`;
}
