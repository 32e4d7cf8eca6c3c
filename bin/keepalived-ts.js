#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs) starts several times faster than dist/cli/main.js's
// hundred small modules; both export the same start(). Node >= 22.1 can also keep the compiled
// code between runs; older Nodes lack enableCompileCache and simply skip it.
import module from 'node:module';

module.enableCompileCache?.();
const { start } = await import('../dist/bundle/main.js');
start();
