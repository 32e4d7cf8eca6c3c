/**
 * A subsystem child (today: VRRP). It loads the config itself (as keepalived's children do),
 * writes its pid file, runs the subsystem and answers the parent over IPC: reload, stop, status
 * snapshots. Work is serialised: a stop waits for a reload in progress, never interleaves.
 * It stops on SIGTERM/SIGINT too (Ctrl-C reaches the whole foreground process group) and when
 * the parent disappears (the IPC channel closes), as keepalived's children die with their parent.
 */
import type { VrrpSubsystem } from '../../actors/vrrp/subsystem.js';
import { formatDiagnostic } from '../../config/diagnostics.js';
import type { LoadedConfig } from '../../config/load.js';
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { Logger } from '../../ports/logger.js';
import { CHILD_EXIT } from './child-exit.js';
import { parseParentMessage, type ChildMessage, type ParentMessage, type StatusPurpose } from './ipc.js';
import { removePidFile, writePidFile, type PidFileHost } from './pid-file.js';

export interface ChildDeps {
  readonly log: Logger;
  readonly pid: number;
  readonly pidFile: string;
  readonly pidFileHost: PidFileHost;
  readonly releaseVips: boolean;
  /** Loads the config with a fresh host. */
  loadConfig(): Promise<LoadedConfig>;
  createSubsystem(): Promise<VrrpSubsystem>;
  /** IPC to the parent; undefined when started without one (then it runs on its own). */
  readonly send: ((message: ChildMessage) => void) | undefined;
  onParentMessage(listener: (raw: unknown) => void): void;
  onParentGone(listener: () => void): void;
  /** Installs SIGTERM/SIGINT → stop; the other daemon signals are ignored. Returns the uninstaller. */
  installSignals(stop: () => void): () => void;
  cpuUsage(): { user: number; system: number };
  /** -D: the stop line also gives the CPU time used, as keepalived's does. */
  readonly detail?: boolean;
  /** A start or reload completed (the host hands back memory the burst left behind). */
  settled?(): void;
}

/** Runs until stopped; resolves with the exit code. */
export async function runChild(deps: ChildDeps): Promise<number> {
  const { log } = deps;
  let subsystem: VrrpSubsystem | undefined;
  let unsubscribe: (() => void) | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let stopping = false;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const send = (message: ChildMessage): void => deps.send?.(message);
  const serial = (work: () => Promise<void>): void => {
    chain = chain.then(work).catch((err: unknown) => log.error(`internal error: ${describe(err)}`));
  };

  const fatal = (message: string, exitCode: number): void => {
    log.error(message);
    send({ type: 'fatal', message, exitCode });
    removePidFile(deps.pidFile, deps.pid, deps.pidFileHost);
    finish(exitCode);
  };

  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    serial(async () => {
      try {
        await subsystem?.stop({ releaseVips: deps.releaseVips });
      } catch (err) {
        log.error(`stop failed: ${describe(err)}`);
      }
      unsubscribe?.();
      const cpu = deps.cpuUsage();
      log.info(deps.detail === true ? `Stopped - used ${(cpu.user / 1e6).toFixed(6)} user time, ${(cpu.system / 1e6).toFixed(6)} system time` : 'Stopped');
      removePidFile(deps.pidFile, deps.pid, deps.pidFileHost);
      finish(0);
    });
  };

  const loadChecked = async (): Promise<KeepalivedConfig | undefined> => {
    const loaded = await deps.loadConfig();
    for (const d of loaded.diagnostics.items) log.info(formatDiagnostic(d));
    if (loaded.diagnostics.abortExitCode !== undefined || loaded.config.vrrp.missingInterface) return undefined;
    return loaded.config;
  };

  const reload = (): void =>
    serial(async () => {
      if (stopping || !subsystem) return;
      log.info('Reloading');
      const config = await loadChecked();
      if (!config) {
        log.error('Configuration has errors: keeping the running configuration');
        send({ type: 'reloaded', ok: false });
        return;
      }
      await subsystem.reload(config);
      log.info('Reload complete');
      send({ type: 'reloaded', ok: true });
      deps.settled?.();
    });

  const status = (id: number, purpose: StatusPurpose): void =>
    serial(async () => {
      if (!subsystem) return;
      const text = { data: 'Printing VRRP data', stats: 'Printing VRRP stats', 'stats-clear': 'Printing and clearing VRRP stats', json: 'Printing VRRP as json', poll: undefined }[purpose];
      if (text !== undefined) log.info(`${text} for process(${deps.pid}) on signal`);
      send({ type: 'status', id, status: subsystem.status() });
      if (purpose === 'stats-clear') subsystem.clearStats();
    });

  const onMessage = (message: ParentMessage): void => {
    switch (message.type) {
      case 'reload':
        return reload();
      case 'stop':
        return stop();
      case 'status-request':
        return status(message.id, message.purpose);
    }
  };

  deps.onParentMessage((raw) => {
    const message = parseParentMessage(raw);
    if (message) onMessage(message);
  });
  deps.onParentGone(stop);
  const uninstall = deps.installSignals(stop);

  serial(async () => {
    const failure = writePidFile(deps.pidFile, deps.pid, deps.pidFileHost);
    if (failure !== undefined) {
      log.error(failure);
      return fatal('VRRP child process: cannot write pidfile', CHILD_EXIT.fatal);
    }
    const config = await loadChecked();
    if (!config) return fatal('Stopping: the configuration cannot be run', CHILD_EXIT.config);
    try {
      subsystem = await deps.createSubsystem();
    } catch (err) {
      return fatal(describe(err), CHILD_EXIT.fatal);
    }
    unsubscribe = subsystem.subscribe((event) => send({ type: 'event', event }));
    if (stopping) return;
    try {
      await subsystem.start(config);
    } catch (err) {
      if (err instanceof Error && err.stack !== undefined) log.debug(err.stack);
      return fatal(`VRRP start failed: ${describe(err)}`, CHILD_EXIT.fatal);
    }
    log.info('Startup complete');
    send({ type: 'ready', pid: deps.pid });
    deps.settled?.();
  });

  const code = await finished;
  uninstall();
  return code;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
