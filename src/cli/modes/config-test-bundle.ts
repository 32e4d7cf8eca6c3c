/**
 * The entry of dist/bundle/config-test.cjs (scripts/bundle.mjs), which the bin loads with V8's
 * code cache (../code-cache.ts) so that `-t` neither compiles its ~200 KB of parser afresh nor
 * loads the ES-module CLI module by module. It holds the whole CLI as main.ts has it (`start`),
 * to run when {@link selectsConfigTest} says the command line is a config test; the modes that
 * main.ts imports on demand are only compiled, and only when run.
 *
 * `runConfigTest` and `RealConfigHost` are what the ES-module CLI takes from this script when it
 * is handed one (main.ts's `configTestScript`).
 */
export { runConfigTest } from './config-test.js';
export { RealConfigHost } from '../../io/config-host.js';
export { runCli, start } from '../main.js';
export { selectsConfigTest } from './config-test-select.js';
