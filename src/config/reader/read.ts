/**
 * Reads the main file and everything it includes into logical lines (comments, continuation,
 * includes, @conditionals, $definitions, ~SEQ/~LST handled here).
 */
import type { Diagnostics } from '../diagnostics.js';
import type { ConfigHost } from '../../ports/config-host.js';
import type { ParseOptions } from '../options.js';
import type { ConfigLine } from './types.js';

export function readConfig(_mainFile: string, _options: ParseOptions, _host: ConfigHost, _diagnostics: Diagnostics): ConfigLine[] {
  return [];
}
