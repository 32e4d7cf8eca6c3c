#!/usr/bin/env node
// A CommonJS script (bin/package.json says so): a config test (`-t`) then never sets up Node's
// ES-module loader, which costs several milliseconds of its start-up.
//
// The bundled CLI (scripts/bundle.mjs) starts several times faster than dist/cli/main.js's
// hundred small modules; both export the same start(). Node >= 22.1 can also keep the compiled
// code between runs; older Nodes lack enableCompileCache and simply skip it.
//
// A config test starts the whole CLI from config-test.cjs instead, with the V8 code cache the
// build wrote next to it (src/cli/code-cache.ts): one script whose functions are already compiled,
// where the ES-module CLI would load a dozen modules one by one before parsing a line. Other modes
// load only config-test-hint.cjs, which tells them apart without loading the parser.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
const { enableCompileCache } = require('node:module');
const { join } = require('node:path');

enableCompileCache?.();
const bundleDir = join(__dirname, '..', 'dist', 'bundle');
const configTestScript = join(bundleDir, 'config-test.cjs');
const args = process.argv.slice(2);
let configTest;
try {
  if (require(join(bundleDir, 'config-test-hint.cjs')).mightSelectConfigTest(args)) {
    configTest = require(join(bundleDir, 'code-cache.cjs')).loadCodeCached(configTestScript);
  }
} catch {
  // Without these scripts the ES-module CLI runs `-t` too.
}
if (configTest?.selectsConfigTest(args)) {
  configTest.start();
  // A config test writes synchronously and leaves nothing behind: once it is done, exit at once
  // rather than let Node free the heap and the isolate piece by piece (a millisecond or two).
  process.once('beforeExit', () => process.exit());
} else import('../dist/bundle/main.js').then(({ start }) => start(configTestScript));
