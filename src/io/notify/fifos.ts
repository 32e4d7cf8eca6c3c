/**
 * Opens the FIFOs the VRRP process writes to, as keepalived does at VRRP start: notify_fifo
 * first, then vrrp_notify_fifo, each with its reader script (FIFO name appended).
 */
import type { GlobalDefs, NotifyFifo } from '../../config/model/global.js';
import type { Logger } from '../../ports/logger.js';
import type { FifoWriter } from '../../ports/notify.js';
import type { ScriptRunner } from '../../ports/scripts.js';
import { defaultScriptResolver, type ScriptResolver } from '../../actors/notify/script-spec.js';
import { openNotifyFifo } from './fifo.js';

export function openVrrpNotifyFifos(
  global: GlobalDefs,
  runner: ScriptRunner,
  logger: Logger,
  resolveScript: ScriptResolver = defaultScriptResolver(global),
): FifoWriter[] {
  const open = (fifo: NotifyFifo, type: string): FifoWriter | undefined => {
    if (fifo.name === undefined) return undefined;
    const script = fifo.script ? resolveScript(fifo.script, [fifo.name], undefined) : undefined;
    return openNotifyFifo({ name: fifo.name, type, script, runner, logger });
  };
  return [open(global.notifyFifo, ''), open(global.vrrpNotifyFifo, 'vrrp ')].filter((f): f is FifoWriter => f !== undefined);
}
