/**
 * The daemon mode (no -t, -v, -h, --signum). For now: set up logging, log keepalived's
 * start-up lines, load the config and report that the subsystems are not in this build.
 * The daemon issue replaces the end of runDaemon with the real supervisor.
 */
import { loadConfig } from '../config/load.js';
import { formatDiagnostic } from '../config/diagnostics.js';
import { createHostLogging } from '../io/logging/setup.js';
import type { WallClock } from '../logging/types.js';
import type { ConfigHost } from '../ports/config-host.js';
import type { HostInfo } from './host-info.js';
import { versionString } from './host-info.js';
import { stableJson } from './modes/dump.js';
import type { CliOptions } from './options.js';
import { loadRealConfigHost } from './real-config-host.js';
import { startupLines } from './startup-lines.js';

export interface DaemonInput {
  readonly options: CliOptions;
  readonly info: HostInfo;
  readonly configId: string;
  readonly clock: WallClock;
  readonly pid: number;
  /** argv as keepalived logs it: the program name first. */
  readonly commandLine: readonly string[];
  readonly writeStdout: (text: string) => void;
  readonly writeStderr: (text: string) => void;
  /** Overrides the real ConfigHost (tests). */
  readonly configHost?: ConfigHost;
}

export async function runDaemon(input: DaemonInput): Promise<number> {
  const { options } = input;
  const logging = await createHostLogging({
    clock: input.clock,
    pid: input.pid,
    hostname: input.info.hostname,
    logConsole: options.logConsole,
    dontFork: options.dontFork,
    json: options.json,
    logDetail: options.logDetail,
    logFile: options.logFile,
    flushLogFile: options.flushLogFile,
    noSyslog: options.noSyslog,
    facility: options.logFacility,
    configTest: false,
    writeStderr: input.writeStderr,
  });
  const log = logging.loggerFor('parent');
  const stop = (code: number): number => {
    log.info(`Stopped ${versionString(input.info)}`);
    logging.close();
    return code;
  };
  for (const line of startupLines(input.info, input.commandLine, options.configFile)) log.info(line);

  const host = input.configHost ?? (await loadRealConfigHost());
  const loaded = loadConfig(options.configFile, { configId: input.configId, allConfig: options.allConfig, configTest: false }, host);
  for (const d of loaded.diagnostics.items) log.info(formatDiagnostic(d));
  if (options.dumpConf) input.writeStdout(`${stableJson(loaded.config, 2)}\n`);
  if (loaded.diagnostics.abortExitCode !== undefined) return stop(loaded.diagnostics.abortExitCode);

  const message = 'keepalived-ts: the VRRP, checker and BFD subsystems are not in this build yet; stopping';
  log.error(message);
  if (!logging.destinations.includes('console')) input.writeStderr(`${message}\n`);
  return stop(1);
}
