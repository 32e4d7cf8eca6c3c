/**
 * Loads a keepalived.conf into the typed model: read (includes, conditionals, definitions),
 * walk the keyword tree, then the post-parse checks keepalived makes.
 */
import { Diagnostics, configTestExitCode, type ExitCode } from './diagnostics.js';
import { emptyConfig, type KeepalivedConfig } from './model/index.js';
import { readConfig } from './reader/read.js';
import { runTree, type TreeEnvironment } from './tree/run.js';
import { rootBlock } from './keywords/root.js';
import { validateGlobal } from './keywords/global.js';
import { validateVrrp } from './keywords/vrrp.js';
import { validateLvs } from './keywords/lvs.js';
import { validateBfd } from './keywords/bfd.js';
import type { ConfigHost } from '../ports/config-host.js';
import type { ParseOptions } from './options.js';

export interface LoadedConfig {
  readonly config: KeepalivedConfig;
  readonly diagnostics: Diagnostics;
  /** What `keepalived -t` would exit with for this config. */
  readonly configTestExitCode: ExitCode;
}

export function loadConfig(mainFile: string, options: ParseOptions, host: ConfigHost): LoadedConfig {
  const diagnostics = new Diagnostics();
  const config = emptyConfig();
  const env: TreeEnvironment = { diagnostics, host, options };
  const lines = readConfig(mainFile, options, host, diagnostics);
  if (diagnostics.abortExitCode === undefined && runTree(lines, rootBlock, config, env)) {
    validateGlobal(config, env);
    validateVrrp(config, env);
    validateLvs(config, env);
    validateBfd(config, env);
  }
  const exitCode = diagnostics.abortExitCode ?? configTestExitCode(diagnostics.status);
  return { config, diagnostics, configTestExitCode: exitCode };
}
