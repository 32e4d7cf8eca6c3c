#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs) starts several times faster than dist/cli/main.js's
// hundred small modules; both export the same start(). Node >= 22.1 can also keep the compiled
// code between runs; older Nodes lack enableCompileCache and simply skip it.
//
// A config test (`-t`) starts the whole CLI from config-test.cjs instead, with the V8 code cache
// the build wrote next to it (src/cli/code-cache.ts): one script whose functions are already
// compiled, where the ES-module CLI would load a dozen modules one by one before parsing a line.
// Other modes load only config-test-hint.cjs, which tells them apart without loading the parser.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

module.enableCompileCache?.();
const configTestScript = fileURLToPath(new URL('../dist/bundle/config-test.cjs', import.meta.url));
const args = process.argv.slice(2);
let configTest;
try {
  const require = module.createRequire(import.meta.url);
  if (require('../dist/bundle/config-test-hint.cjs').mightSelectConfigTest(args)) {
    configTest = require('../dist/bundle/code-cache.cjs').loadCodeCached(configTestScript);
  }
} catch {
  // Without these scripts the ES-module CLI runs `-t` too.
}
if (configTest?.selectsConfigTest(args)) configTest.start();
else {
  const { start } = await import('../dist/bundle/main.js');
  start(configTestScript);
}
