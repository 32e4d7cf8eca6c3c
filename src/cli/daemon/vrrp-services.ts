/**
 * The VRRP child's services around the subsystem: the tracked objects (a TrackerPool over the
 * script runner, the preparer with keepalived's script security, the file and process watchers)
 * feeding the instances, and the notifier (notify scripts, FIFO lines, SMTP alerts) fed by the
 * subsystem's events. The result is a VrrpSubsystem, so runChild drives it unchanged:
 *
 * - start: FIFOs opened and the notifier attached first (keepalived opens its notify FIFOs before
 *   the instances start, so no transition is missed), then the trackers started and their first
 *   values read (files, the process scan), then the subsystem.
 * - reload: trackers diffed (unchanged definitions keep running, with their rise/fall counts),
 *   notifier reconfigured, the SMTP sender re-made when smtp_server or its settings changed,
 *   then the subsystem reloaded.
 * - stop (SIGTERM): the subsystem stops (STOP events: FIFO lines written at once, notify_stop
 *   scripts queued with keepalived's 1 s kill timer), then the notifier is given `stopWaitMs` to
 *   go idle, then mail, FIFOs and trackers are closed.
 *
 * Nothing here touches the OS: the ports come from vrrp-child.ts (real) or a test.
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { GlobalDefs } from '../../config/model/global.js';
import type { TrackedSource, VrrpSubsystem } from '../../actors/vrrp/subsystem.js';
import { createTrackerPool } from '../../actors/tracking/tracker-pool.js';
import type { ScriptPreparer } from '../../actors/tracking/trackers.js';
import { VrrpNotifier, attachNotifier } from '../../actors/notify/notifier.js';
import type { LocalIdentity } from '../../actors/notify/settings.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { AlertMail, FifoWriter, MailResult, MailSender } from '../../ports/notify.js';
import type { ScriptRunner } from '../../ports/scripts.js';
import type { FileWatcher, ProcessWatcher } from '../../ports/tracking.js';

/** How long SIGTERM waits for queued notifications (notify_stop scripts are killed after 1 s). */
export const DEFAULT_STOP_WAIT_MS = 3_000;

export type ClosableMailSender = MailSender & { close?(): void };

export interface VrrpServicesPorts {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly identity: LocalIdentity;
  readonly scripts: ScriptRunner;
  readonly files: FileWatcher;
  readonly processes: ProcessWatcher;
  /** The preparer for this global_defs (script_user, enable_script_security). */
  prepareScript(global: GlobalDefs): ScriptPreparer;
  /** notify_fifo and vrrp_notify_fifo, opened with their reader scripts. */
  openFifos(global: GlobalDefs): FifoWriter[];
  /** The SMTP sender for this global_defs, or undefined without smtp_server. */
  mailSender(global: GlobalDefs): ClosableMailSender | undefined;
  readonly stopWaitMs?: number;
}

/** What decides how scripts are prepared: a change restarts every tracked script. */
function preparationKey(global: GlobalDefs): string {
  return JSON.stringify([global.scriptUser ?? null, global.scriptUserFailed, global.enableScriptSecurity]);
}

function mailKey(global: GlobalDefs): string {
  return JSON.stringify([global.smtpServer ?? null, global.smtpHeloName ?? null, global.smtpConnectTimeoutMs]);
}

function fifoKey(global: GlobalDefs): string {
  const strip = (f: GlobalDefs['notifyFifo']) => [f.name ?? null, f.script?.command ?? null, f.script?.runAs ?? null];
  return JSON.stringify([strip(global.notifyFifo), strip(global.vrrpNotifyFifo)]);
}

export function withTrackingAndNotifications(
  createSubsystem: (trackers: TrackedSource) => VrrpSubsystem,
  ports: VrrpServicesPorts,
): VrrpSubsystem {
  const { clock, logger } = ports;
  let preparer: ScriptPreparer = () => ({ ok: false, reason: 'not configured yet' });
  const pool = createTrackerPool({
    clock,
    logger,
    scripts: ports.scripts,
    files: ports.files,
    processes: ports.processes,
    prepareScript: (script) => preparer(script),
  });
  const subsystem = createSubsystem(pool);

  // The notifier keeps its ports for life: a forwarding sender and FIFO list follow reloads.
  let sender: ClosableMailSender | undefined;
  let currentMailKey: string | undefined;
  const mail: MailSender = {
    send: (message: AlertMail): Promise<MailResult> =>
      sender ? sender.send(message) : Promise.resolve({ ok: false, reason: 'no smtp_server configured', retry: false }),
  };
  const fifos: FifoWriter[] = [];
  let currentFifoKey: string | undefined;
  let notifier: VrrpNotifier | undefined;
  let detach: (() => void) | undefined;

  const applyGlobal = (global: GlobalDefs): void => {
    preparer = ports.prepareScript(global);
    if (mailKey(global) !== currentMailKey) {
      sender?.close?.();
      sender = ports.mailSender(global);
      currentMailKey = mailKey(global);
    }
    if (fifoKey(global) !== currentFifoKey) {
      for (const fifo of fifos.splice(0)) fifo.close();
      fifos.push(...ports.openFifos(global));
      currentFifoKey = fifoKey(global);
    }
  };

  return {
    async start(config: KeepalivedConfig) {
      applyGlobal(config.global);
      notifier = new VrrpNotifier(config, { clock, logger, scripts: ports.scripts, fifos, mail }, { identity: ports.identity });
      detach = attachNotifier((listener) => subsystem.subscribe(listener), notifier);
      pool.initialiseFiles(config.vrrp);
      await pool.update(config.vrrp, preparationKey(config.global));
      await subsystem.start(config);
    },

    async reload(config: KeepalivedConfig) {
      applyGlobal(config.global);
      notifier?.reconfigure(config);
      await pool.update(config.vrrp, preparationKey(config.global));
      await subsystem.reload(config);
    },

    async stop(options) {
      try {
        await subsystem.stop(options);
      } finally {
        if (notifier !== undefined) {
          let timer: ReturnType<Clock['setTimer']> | undefined;
          const bound = new Promise<'late'>((resolve) => (timer = clock.setTimer(ports.stopWaitMs ?? DEFAULT_STOP_WAIT_MS, () => resolve('late'))));
          const outcome = await Promise.race([notifier.idle().then(() => 'idle' as const), bound]);
          if (timer !== undefined) clock.clearTimer(timer);
          if (outcome === 'late') logger.warn('Notifications still pending at shutdown - not waiting for them');
          notifier.stop();
        }
        detach?.();
        for (const fifo of fifos.splice(0)) fifo.close();
        sender?.close?.();
        sender = undefined;
        pool.stop();
      }
    },

    status() {
      return { ...subsystem.status(), tracked: pool.states() };
    },

    clearStats() {
      subsystem.clearStats();
    },

    subscribe(listener) {
      return subsystem.subscribe(listener);
    },
  };
}
