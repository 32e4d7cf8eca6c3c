#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs) starts several times faster than dist/cli/main.js's
// hundred small modules; both export the same start(). Node >= 22.1 can also keep the compiled
// code between runs; older Nodes lack enableCompileCache and simply skip it. `-t` loads its parser
// from config-test.cjs, with the V8 code cache the build wrote next to it (src/cli/code-cache.ts).
import module from 'node:module';
import { fileURLToPath } from 'node:url';

module.enableCompileCache?.();
const { start } = await import('../dist/bundle/main.js');
start(fileURLToPath(new URL('../dist/bundle/config-test.cjs', import.meta.url)));
