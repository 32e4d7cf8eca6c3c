/**
 * Reads the main file and everything it includes into logical lines (comments, includes,
 * @conditionals, $definitions, ~SEQ/~LST handled here).
 */
import { configTestExitCode, ExitCode, type Diagnostics } from '../diagnostics.js';
import type { ConfigHost } from '../../ports/config-host.js';
import type { ParseOptions } from '../options.js';
import type { ConfigLine } from './types.js';
import { ConfigReader, type ReadOutcome } from './reader.js';

export type { ReadOutcome } from './reader.js';

/**
 * Reads without reporting: each line carries the reports keepalived prints just before the tree
 * sees it (`line.reports`), and `trailing` what it prints after the last line.
 */
export function readConfigDetailed(mainFile: string, options: ParseOptions, host: ConfigHost): ReadOutcome {
  return new ConfigReader(mainFile, options, host).read();
}

/**
 * Reads and reports everything into `diagnostics` at once, in keepalived's order among themselves.
 * When keepalived would stop before parsing (the main file is missing), `diagnostics.abortExitCode`
 * is set: in config-test mode to the test's exit code so far, otherwise to "no config".
 */
export function readConfig(mainFile: string, options: ParseOptions, host: ConfigHost, diagnostics: Diagnostics): ConfigLine[] {
  const outcome = readConfigDetailed(mainFile, options, host);
  for (const line of outcome.lines) {
    for (const d of line.reports ?? []) diagnostics.report(d.errorClass, d.message, d.position, d.hideFile);
  }
  for (const d of outcome.trailing) diagnostics.report(d.errorClass, d.message, d.position, d.hideFile);
  if (outcome.mainFileMissing) {
    diagnostics.abortExitCode = options.configTest ? configTestExitCode(diagnostics.status) : ExitCode.noConfig;
  }
  return outcome.lines.map((line) => (line.reports ? { position: line.position, words: line.words, text: line.text } : line));
}
