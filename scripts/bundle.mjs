#!/usr/bin/env node
// Bundles the CLI for start-up speed: loading ~100 small ES modules one by one costs more than
// parsing a whole `-t` run. esbuild writes src/cli/main.ts and what it imports into dist/bundle/,
// splitting at each dynamic import() so every mode still loads only what it needs. tsc keeps the
// type-checking and the per-file dist/ that tests and tools import. dist/bundle/ sits at the same
// depth as dist/cli/, so paths found from import.meta.url (package.json, build/) stay valid.
// npm dependencies stay external: they load from node_modules as before.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
