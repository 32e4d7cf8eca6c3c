/**
 * The entry of dist/bundle/config-test.cjs (scripts/bundle.mjs): the config-test mode and the real
 * host in one script, which the bundled CLI loads with V8's code cache (../code-cache.ts) so that
 * `-t` does not compile its ~200 KB of parser afresh on every run.
 */
export { runConfigTest } from './config-test.js';
export { RealConfigHost } from '../../io/config-host.js';
