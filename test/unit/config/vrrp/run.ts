/** Runs a config text through the keyword tree and the post-parse checks (no reader needed). */
import { Diagnostics, configTestExitCode, formatDiagnostic } from '../../../../src/config/diagnostics.js';
import { emptyConfig, type KeepalivedConfig } from '../../../../src/config/model/index.js';
import { runTree } from '../../../../src/config/tree/run.js';
import { rootBlock } from '../../../../src/config/keywords/root.js';
import { validateGlobal } from '../../../../src/config/keywords/global.js';
import { validateVrrp } from '../../../../src/config/keywords/vrrp.js';
import type { ConfigHost } from '../../../../src/ports/config-host.js';
import { naiveLines } from '../../../support/naive-lines.js';
import { stubHost } from '../../../support/stub-host.js';

/** `configTest` false: as the daemon reads it (some messages are its own). */
export function run(text: string, host: ConfigHost = stubHost(), configTest = true): { config: KeepalivedConfig; lines: string[]; exit: number } {
  const diagnostics = new Diagnostics();
  const config = emptyConfig();
  const env = { diagnostics, host, options: { configId: 'vm', allConfig: false, configTest } };
  if (runTree(naiveLines(text, 'k.conf'), rootBlock, config, env)) {
    validateGlobal(config, env);
    validateVrrp(config, env);
  }
  const lines = diagnostics.items.map(formatDiagnostic);
  return { config, lines, exit: diagnostics.abortExitCode ?? configTestExitCode(diagnostics.status) };
}
