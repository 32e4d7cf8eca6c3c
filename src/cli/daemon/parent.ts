/**
 * The parent process (keepalived's watchdog): refuses to start over a running daemon, writes its
 * pid file, reads the config to decide which children to run, runs them under a Watchdog each,
 * and turns signals into work — reload, stop, the report files — one at a time (SignalQueue).
 */
import type { VrrpStatus } from '../../actors/vrrp/subsystem.js';
import { formatDiagnostic } from '../../config/diagnostics.js';
import type { LoadedConfig } from '../../config/load.js';
import type { StatusView } from '../../actors/aggregator/aggregator.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { RespawnBackoff } from '../../supervisor/respawn.js';
import type { SignalFunction } from '../signals.js';
import type { StatusPurpose } from './ipc.js';
import type { PidFiles } from './paths.js';
import { checkPidFile, removePidFile, writePidFile, type PidFileHost } from './pid-file.js';
import { formatJson } from './report-json.js';
import { formatParentData, formatVrrpData } from './report-data.js';
import { formatStats } from './report-stats.js';
import { SignalQueue } from './signal-queue.js';
import { StatusFeed, type StatusHook } from './status-feed.js';
import { planSubsystems } from './subsystems.js';
import { Watchdog, type ChildLauncher } from './watchdog.js';

export interface ReportPaths {
  readonly parentData: string;
  readonly data: string;
  readonly stats: string;
  readonly json: string;
}

export interface ParentDeps {
  readonly log: Logger;
  readonly pid: number;
  readonly hostname: string;
  readonly options: {
    /** As named on the command line: keepalived logs it again at each reload. */
    readonly configFile: string;
    readonly runVrrp: boolean;
    readonly runCheckers: boolean;
    readonly runBfd: boolean;
    readonly runAll: boolean;
    readonly dontRespawn: boolean;
  };
  readonly pidFiles: PidFiles;
  readonly pidFileHost: PidFileHost;
  readonly reportPaths: ReportPaths;
  /** Loads the config with a fresh host (the real one caches lookups). */
  loadConfig(): Promise<LoadedConfig>;
  readonly launcher: ChildLauncher;
  readonly clock: Clock;
  installSignals(handle: (fn: SignalFunction) => void): () => void;
  /** sd_notify; a no-op outside systemd. */
  notify(state: string): void;
  /** Returns a log line on failure. */
  writeReport(path: string, text: string): string | undefined;
  /** keepalived's last line (`Stopped Keepalived v…`); not logged when another daemon runs. */
  readonly stoppedMessage: string;
  /** The daemon is up (detached launcher, tests). */
  ready?(): void;
  /** A start, respawn or reload completed (the host hands back memory the burst left behind). */
  settled?(): void;
  /** How long children get to stop before SIGKILL. */
  readonly stopGraceMs?: number;
  /** startup_script / shutdown_script: keepalived's parent runs them before the children start and after they stopped. */
  runLifecycleScript?(which: 'startup' | 'shutdown', config: KeepalivedConfig): Promise<void>;
  /** The status socket and HTTP endpoints over the aggregator (absent: none). */
  openStatus?(view: StatusView): StatusHook;
}

export async function runParent(deps: ParentDeps): Promise<number> {
  const { log } = deps;
  // Installed first: a signal during start-up waits in the queue instead of killing the process
  // by its default action (SIGHUP, SIGUSR1…); the queue opens once the children are launched.
  const queue = new SignalQueue(
    (fn) => handle(fn),
    (fn, err) => log.error(`${fn} failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  const uninstall = deps.installSignals((fn) => queue.post(fn));

  // keepalived_running(): the parent's file, then the VRRP child's.
  for (const path of [deps.pidFiles.parent, ...(deps.options.runVrrp ? [deps.pidFiles.vrrp] : [])]) {
    const state = checkPidFile(path, deps.pidFileHost);
    if (state.kind === 'running') {
      log.info('daemon is already running');
      uninstall();
      return 0;
    }
    if (state.kind === 'stale') log.info(state.message);
  }
  const pidFailure = writePidFile(deps.pidFiles.parent, deps.pid, deps.pidFileHost);
  if (pidFailure !== undefined) {
    log.error(pidFailure);
    log.info(deps.stoppedMessage);
    uninstall();
    return 3;
  }
  const cleanupPidFile = (): void => removePidFile(deps.pidFiles.parent, deps.pid, deps.pidFileHost);

  const loaded = await deps.loadConfig();
  if (loaded.diagnostics.abortExitCode !== undefined) {
    for (const d of loaded.diagnostics.items) log.info(formatDiagnostic(d));
    cleanupPidFile();
    log.info(deps.stoppedMessage);
    uninstall();
    return loaded.diagnostics.abortExitCode;
  }
  let config: KeepalivedConfig = loaded.config;
  const plan = planSubsystems(deps.options, config);
  // The VRRP child logs the diagnostics of its own parse; without one, the parent does.
  if (!plan.vrrp) for (const d of loaded.diagnostics.items) log.info(formatDiagnostic(d));
  plan.unavailable.forEach((line) => log.warn(line));

  let exitCode = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let vrrp: Watchdog | undefined;
  let readyAnnounced = false;
  const announceReady = (): void => {
    if (readyAnnounced) return;
    readyAnnounced = true;
    deps.notify('READY=1');
    deps.ready?.();
  };


  const status = new StatusFeed(deps.clock, deps.pid, deps.openStatus);
  const newVrrpWatchdog = (): Watchdog =>
    new Watchdog({
      subsystem: 'vrrp',
      launcher: deps.launcher,
      clock: deps.clock,
      backoff: new RespawnBackoff(deps.clock, { respawn: !deps.options.dontRespawn }),
      logger: log,
      events: status.vrrpEvents({
        ready: () => {
          announceReady();
          deps.settled?.();
        },
        event: (event) => log.debug(`VRRP event ${JSON.stringify(event)}`),
        died: (pid) => removePidFile(deps.pidFiles.vrrp, pid, deps.pidFileHost),
        terminate: (code) => {
          exitCode = code;
          queue.post('STOP');
        },
      }),
    });

  const report = (path: string, text: string): void => {
    const failure = deps.writeReport(path, text);
    if (failure !== undefined) log.error(failure);
  };
  const vrrpStatus = async (purpose: StatusPurpose): Promise<VrrpStatus | undefined> => (vrrp ? vrrp.status(purpose) : undefined);

  async function handle(fn: SignalFunction): Promise<void> {
    switch (fn) {
      case 'STOP':
        return stop();
      case 'RELOAD':
        return reload();
      case 'DATA': {
        log.info(`Printing parent data for process(${deps.pid}) on signal`);
        report(deps.reportPaths.parentData, formatParentData(config, deps.hostname));
        const status = await vrrpStatus('data');
        if (status) report(deps.reportPaths.data, formatVrrpData(config, status, deps.hostname));
        return;
      }
      case 'STATS':
      case 'STATS_CLEAR': {
        const status = await vrrpStatus(fn === 'STATS' ? 'stats' : 'stats-clear');
        if (status) report(deps.reportPaths.stats, formatStats(status));
        return;
      }
      case 'JSON': {
        const status = await vrrpStatus('json');
        // keepalived writes nothing when there is no instance.
        if (status && status.instances.length > 0) report(deps.reportPaths.json, formatJson(config, status));
        return;
      }
    }
  }

  async function reload(): Promise<void> {
    deps.notify('RELOADING=1');
    log.info('Reloading ...');
    log.info(`Configuration file ${deps.options.configFile}`);
    const next = await deps.loadConfig();
    if (next.diagnostics.abortExitCode !== undefined) {
      for (const d of next.diagnostics.items) log.info(formatDiagnostic(d));
      log.error('Reload aborted: the new configuration cannot be read; keeping the running one');
      deps.notify('READY=1');
      return;
    }
    config = next.config;
    const nextPlan = planSubsystems(deps.options, config);
    nextPlan.unavailable.forEach((line) => log.warn(line));
    if (nextPlan.vrrp && !vrrp) {
      vrrp = newVrrpWatchdog();
      status.setVrrp(vrrp);
      vrrp.start();
    } else if (!nextPlan.vrrp && vrrp) {
      await vrrp.stop(deps.stopGraceMs ?? 10_000);
      vrrp = undefined;
      status.setVrrp(undefined);
    } else if (vrrp) {
      await vrrp.reload();
    }
    await status.configure(config);
    deps.notify('READY=1');
    deps.settled?.();
  }

  async function stop(): Promise<void> {
    deps.notify('STOPPING=1');
    log.info('Stopping');
    status.stopping();
    await vrrp?.stop(deps.stopGraceMs ?? 10_000);
    await status.close();
    finish();
  }

  await status.configure(config);
  await deps.runLifecycleScript?.('startup', config);
  if (plan.vrrp) {
    vrrp = newVrrpWatchdog();
    status.setVrrp(vrrp);
    vrrp.start();
  } else {
    announceReady();
    deps.settled?.();
  }
  queue.open();
  await finished;
  await deps.runLifecycleScript?.('shutdown', config);
  uninstall();
  cleanupPidFile();
  log.info(deps.stoppedMessage);
  return exitCode;
}
