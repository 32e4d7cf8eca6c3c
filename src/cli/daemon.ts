/**
 * The daemon mode (no -t, -v, -h, --signum). One program, three roles, told apart by internal
 * environment variables the daemon sets itself:
 *
 * - launcher (no `-n`): starts the daemon detached and returns once it is up (io/process/detach.ts);
 * - parent (`-n`, or the detached daemon): keepalived's watchdog (daemon/parent.ts);
 * - subsystem child (KEEPALIVED_TS_CHILD=vrrp, set by the parent): daemon/child.ts.
 */
import type { LoadedConfig } from '../config/load.js';
import { createHostLogging, type HostLogging } from '../io/logging/setup.js';
import type { WallClock } from '../logging/types.js';
import type { ConfigHost } from '../ports/config-host.js';
import type { HostInfo } from './host-info.js';
import { versionString } from './host-info.js';
import type { CliOptions } from './options.js';
import type { KeepalivedConfig } from '../config/model/index.js';
import type { StatusView } from '../actors/aggregator/aggregator.js';
import type { StatusInterfaces } from '../io/status/index.js';
import type { Logger } from '../ports/logger.js';
import type { StatusHook } from './daemon/status-feed.js';
import { startupLines } from './startup-lines.js';
import { withoutDaemonEnv } from '../io/process/heap-flags.js';

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

/** Internal markers (see above); documented here so nobody sets them by accident. */
const CHILD_ENV = 'KEEPALIVED_TS_CHILD';
const DETACHED_ENV = 'KEEPALIVED_TS_DETACHED';
/** Test-only: where the report files go instead of /tmp (keeps parallel test runs apart). */
const TMP_DIR_ENV = 'KEEPALIVED_TS_TMP_DIR';

export async function runDaemon(input: DaemonInput): Promise<number> {
  const role = process.env[CHILD_ENV];
  const detached = process.env[DETACHED_ENV] === '1';
  // Not inherited by the children's children (notify scripts).
  delete process.env[CHILD_ENV];
  delete process.env[DETACHED_ENV];
  withoutDaemonEnv(process.env);
  if (role === undefined && !input.options.dontFork && !detached) {
    const { launchDetached } = await import('../io/process/detach.js');
    return launchDetached();
  }
  if (role !== undefined && role !== 'vrrp') {
    input.writeStderr(`keepalived-ts: unknown subsystem child '${role}'\n`);
    return 1;
  }
  const logging = await openLogging(input);
  if (role === 'vrrp') {
    const code = await runVrrpChild(input, logging);
    logging.close();
    // The subsystem's sockets and timers are of no use now; the parent waits for this exit.
    process.exit(code);
  }
  const code = await runParentRole(input, logging, detached);
  logging.close();
  exitSoon(code);
  return code;
}

function openLogging(input: DaemonInput): Promise<HostLogging> {
  const { options } = input;
  return createHostLogging({
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
}

async function configLoader(input: DaemonInput): Promise<() => Promise<LoadedConfig>> {
  const { loadConfig } = await import('../config/load.js');
  const { loadRealConfigHost } = await import('./real-config-host.js');
  const parse = { configId: input.configId, allConfig: input.options.allConfig, configTest: false };
  // A new RealConfigHost per load: it caches interfaces and users, which a reload must see afresh.
  return async () => loadConfig(input.options.configFile, parse, input.configHost ?? (await loadRealConfigHost()));
}

async function runParentRole(input: DaemonInput, logging: HostLogging, detached: boolean): Promise<number> {
  const { options } = input;
  const log = logging.loggerFor('parent');
  for (const line of startupLines(input.info, input.commandLine, options.configFile)) log.info(line);

  const [{ runParent }, { pidFiles, REPORT_FILES }, pidHost, fork, signals, notifyMod, reportMod, clockMod, detachMod, memoryMod] = await Promise.all([
    import('./daemon/parent.js'),
    import('./daemon/paths.js'),
    import('../io/process/pid-file-host.js'),
    import('../io/process/fork-child.js'),
    import('../io/process/signals.js'),
    import('../io/process/systemd-notify.js'),
    import('../io/process/report-file.js'),
    import('../io/clock.js'),
    import('../io/process/detach.js'),
    import('../io/process/memory-release.js'),
  ]);
  const memory = memoryMod.createMemoryReleaser(log);
  const tmpDir = process.env[TMP_DIR_ENV];
  const reportPaths = tmpDir === undefined ? REPORT_FILES : rebase(REPORT_FILES, tmpDir);
  const notifier = notifyMod.createSystemdNotifier(process.env['NOTIFY_SOCKET'], (message) => log.warn(message));
  const loadConfig = await configLoader(input);
  if (options.dumpConf) {
    const { stableJson } = await import('./modes/dump.js');
    input.writeStdout(`${stableJson((await loadConfig()).config, 2)}\n`);
  }
  let code: number;
  try {
    code = await runParent({
      log,
      pid: input.pid,
      hostname: input.info.hostname,
      options,
      pidFiles: pidFiles(options),
      pidFileHost: pidHost.createPidFileHost(input.pid),
      reportPaths,
      loadConfig,
      launcher: fork.createForkLauncher(),
      clock: clockMod.createRealClock({ spinMarginMs: 0 }),
      installSignals: signals.installSignalHandlers,
      notify: (state) => notifier.notify(state),
      writeReport: reportMod.writeReportFile,
      stoppedMessage: `Stopped ${versionString(input.info)}`,
      ready: detached ? () => detachMod.reportToLauncher({ type: 'daemon-ready', pid: input.pid }) : undefined,
      runLifecycleScript: (which, config) => runLifecycleScript(which, config, log, options.umask),
      openStatus: (view) => statusHook(view, options, log, tmpDir),
      settled: () => memory.settled(),
    });
  } finally {
    memory.close();
    notifier.close();
  }
  if (detached) detachMod.reportToLauncher({ type: 'daemon-failed', exitCode: code });
  return code;
}

/** startup_script / shutdown_script through the real runner (loaded only when one is configured). */
async function runLifecycleScript(which: 'startup' | 'shutdown', config: KeepalivedConfig, log: Logger, umask: number | undefined): Promise<void> {
  if ((which === 'startup' ? config.global.startupScript : config.global.shutdownScript) === undefined) return;
  const [lifecycle, runnerMod, clockMod] = await Promise.all([import('../io/lifecycle-scripts.js'), import('../io/scripts/runner.js'), import('../io/clock.js')]);
  const runner = runnerMod.createRealScriptRunner({ clock: clockMod.createRealClock(), umask });
  const run = which === 'startup' ? lifecycle.runStartupScript : lifecycle.runShutdownScript;
  await run(config.global, { runner, logger: log });
}

async function runVrrpChild(input: DaemonInput, logging: HostLogging): Promise<number> {
  const log = logging.loggerFor('vrrp');
  const [{ runChild }, { pidFiles }, pidHost, vrrpChild, memoryMod] = await Promise.all([
    import('./daemon/child.js'),
    import('./daemon/paths.js'),
    import('../io/process/pid-file-host.js'),
    import('./daemon/vrrp-child.js'),
    import('../io/process/memory-release.js'),
  ]);
  const memory = memoryMod.createMemoryReleaser(log);
  const loadConfig = await configLoader(input);
  const ignored: NodeJS.Signals[] = ['SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGURG', 'SIGSTKFLT'];
  const code = await runChild({
    log,
    pid: input.pid,
    pidFile: pidFiles(input.options).vrrp,
    pidFileHost: pidHost.createPidFileHost(input.pid),
    releaseVips: !input.options.dontReleaseVrrp,
    loadConfig,
    createSubsystem: () => vrrpChild.createVrrpSubsystemForChild({ logger: log, env: process.env, umask: input.options.umask }),
    send: process.send ? (message) => void process.send?.(message) : undefined,
    onParentMessage: (listener) => void process.on('message', listener),
    onParentGone: (listener) => void process.on('disconnect', listener),
    installSignals(stop) {
      const noop = (): void => undefined;
      ignored.forEach((s) => process.on(s, noop));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      return () => {
        ignored.forEach((s) => process.removeListener(s, noop));
        process.removeListener('SIGTERM', stop);
        process.removeListener('SIGINT', stop);
        if (process.connected) process.disconnect();
      };
    },
    cpuUsage: () => process.cpuUsage(),
    detail: input.options.logDetail > 0,
    settled: () => memory.settled(),
  });
  memory.close();
  return code;
}

/**
 * The status interfaces, loaded on first use: with both the socket and HTTP off nothing of them
 * (node:http, prom-client) is ever imported. Under KEEPALIVED_TS_TMP_DIR the default socket moves
 * there too, so parallel test daemons never share one.
 */
function statusHook(view: StatusView, options: CliOptions, log: Logger, tmpDir: string | undefined): StatusHook {
  let interfaces: Promise<StatusInterfaces> | undefined;
  return {
    async configure(config) {
      const { resolveStatusSettings, DEFAULT_STATUS_SOCKET } = await import('./daemon/status-settings.js');
      const settings = resolveStatusSettings(config.global.status, options, tmpDir === undefined ? DEFAULT_STATUS_SOCKET : `${tmpDir}/status.sock`);
      const on = settings.socket !== undefined || settings.http !== undefined;
      if (!on && interfaces === undefined) return false;
      interfaces ??= import('../io/status/index.js').then((m) => m.openStatusInterfaces(view, log));
      await (await interfaces).configure(settings);
      return on;
    },
    async close() {
      await (await interfaces)?.close();
    },
  };
}

function rebase<T extends Record<string, string>>(paths: T, dir: string): T {
  return Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, `${dir}/${v.slice(v.lastIndexOf('/') + 1)}`])) as T;
}

/**
 * The daemon's work is done: handles that outlive it (a socket a port forgot to close) must not
 * keep the process alive, so exit shortly after unless the loop empties first.
 */
function exitSoon(code: number): void {
  setTimeout(() => process.exit(code), 2000).unref(); // port-ok: composition root: last-resort exit timer
}
