/**
 * Debian's Chromium for browser tests (driven by playwright-core, which must not download a
 * browser of its own): where it is, the flags that keep it headless and off the network, and
 * whether it can run here.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless, as root, with no GPU, and none of Chromium's own connections (updates, sync,
 * first-run pings): this machine's closed network refuses them, many at a time.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Why Chromium cannot run here, or undefined when it can. As with the lab's guard
 * (test/support/lab.ts), CI gets a failure instead of a skip: .ci/run installs it.
 */
export function chromiumUnavailable(): string | undefined {
  const reason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not installed (apt-get install chromium)`;
  if (reason !== undefined && process.env.CI === 'true') throw new Error(`${reason} — CI must provide it (see .ci/run)`);
  return reason;
}
