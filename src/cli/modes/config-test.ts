/**
 * `-t/--config-test[=LOGFILE]`: load the config, print every diagnostic as keepalived does
 * (to stderr, or appended to LOGFILE), exit with keepalived's config-test code. With `--json`
 * each diagnostic is a JSON line on stdout instead: {file, line, class, message}.
 */
import { loadConfig, type LoadedConfig } from '../../config/load.js';
import { ConfigErrorClass, configTestExitCode, formatDiagnostic, type Diagnostic } from '../../config/diagnostics.js';
import type { ConfigHost } from '../../ports/config-host.js';
import type { ParseOptions } from '../../config/options.js';
import type { CliOptions } from '../options.js';
import { stableJson } from './dump.js';

export interface ConfigTestDeps {
  readonly host: ConfigHost;
  readonly configId: string;
  /** Where diagnostic lines go: stderr, or the `-t` log file. */
  readonly writeDiagnostics: (text: string) => void;
  readonly writeStdout: (text: string) => void;
  /** An invalid `-S` was given: keepalived counts it as a config error. */
  readonly commandLineError?: boolean;
  readonly load?: (mainFile: string, options: ParseOptions, host: ConfigHost) => LoadedConfig;
}

export function diagnosticJson(d: Diagnostic): string {
  return JSON.stringify({
    file: d.position?.file ?? null,
    line: d.position?.line ?? null,
    class: d.errorClass === undefined ? null : ConfigErrorClass[d.errorClass],
    message: d.message,
  });
}

export function runConfigTest(options: CliOptions, deps: ConfigTestDeps): number {
  const load = deps.load ?? loadConfig;
  const parseOptions: ParseOptions = { configId: deps.configId, allConfig: options.allConfig, configTest: true };
  const loaded = load(options.configFile, parseOptions, deps.host);
  for (const d of loaded.diagnostics.items) {
    if (options.json) deps.writeStdout(`${diagnosticJson(d)}\n`);
    else deps.writeDiagnostics(`${formatDiagnostic(d)}\n`);
  }
  if (options.dumpConf) deps.writeStdout(`${stableJson(loaded.config, options.json ? undefined : 2)}\n`);
  if (deps.commandLineError && loaded.diagnostics.abortExitCode === undefined) {
    const status = Math.max(loaded.diagnostics.status, ConfigErrorClass.InvalidNumber) as ConfigErrorClass;
    return configTestExitCode(status);
  }
  return loaded.configTestExitCode;
}
