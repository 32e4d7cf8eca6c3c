/**
 * Loads a keepalived.conf into the typed model: read (includes, conditionals, definitions),
 * walk the keyword tree, then the post-parse checks keepalived makes.
 */
import { Diagnostics, ExitCode, configTestExitCode, type Diagnostic } from './diagnostics.js';
import { emptyConfig, type KeepalivedConfig } from './model/index.js';
import { ConfigReader } from './reader/reader.js';
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
  // The tree pulls lines from the reader as it goes, so each line can be dropped once handled.
  const reader = new ConfigReader(mainFile, options, host);
  const report = (d: Diagnostic): void => diagnostics.report(d.errorClass, d.message, d.position, d.hideFile);

  if (!reader.open()) {
    // keepalived stops before parsing: a config test exits by the status so far, a daemon with "no config".
    reader.outcome().trailing.forEach(report);
    const exitCode = options.configTest ? configTestExitCode(diagnostics.status) : ExitCode.noConfig;
    return { config, diagnostics, configTestExitCode: exitCode };
  }

  const completed = runTree(reader, rootBlock, config, env);
  // An aborted parse leaves lines unread: they still count (includes that fail), their reports do not print.
  reader.drain();
  const read = reader.outcome();
  read.trailing.forEach(report);
  if (completed && !read.configFileError) {
    validateGlobal(config, env);
    validateVrrp(config, env);
    validateLvs(config, env);
    validateBfd(config, env);
  }
  // An include that had to exist but did not (-e, includer…): keepalived parses on, then gives up.
  const exitCode = diagnostics.abortExitCode ?? (read.configFileError ? ExitCode.noConfig : configTestExitCode(diagnostics.status));
  return { config, diagnostics, configTestExitCode: exitCode };
}
