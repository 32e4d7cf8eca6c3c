/** Helpers shared by the global and VRRP keyword handlers. */
import type { LineContext } from '../../tree/spec.js';
import { ConfigErrorClass } from '../../diagnostics.js';
import type { ScriptCommand } from '../../model/global.js';
import type { NotifyScripts } from '../../model/vrrp/instance.js';
import { noteScriptRead } from '../script-user-note.js';

/**
 * keepalived reads global_defs (and the root-level process settings) in an early pass before it
 * records the file name, so what is reported there prints as `(Line N)`.
 */
export { withHiddenFile } from '../../tree/run.js';

/**
 * A script from its keyword line: keepalived keeps only the first word after the keyword (the
 * rest of an unquoted line is dropped), and for notify-style keywords reads the user and group
 * from the next two words.
 */
export function scriptCommand(ctx: LineContext, from = 1, withUser = false): ScriptCommand {
  noteScriptRead(ctx);
  const user = withUser ? ctx.words[from + 1] : undefined;
  const group = withUser ? ctx.words[from + 2] : undefined;
  return {
    command: ctx.words[from] ?? '',
    ...(user !== undefined && { user }),
    ...(group !== undefined && { group }),
    position: ctx.line.position,
  };
}

const NOTIFY_KEYWORDS: Readonly<Record<keyof NotifyScripts, string>> = {
  master: 'notify_master',
  backup: 'notify_backup',
  fault: 'notify_fault',
  stop: 'notify_stop',
  deleted: 'notify_deleted',
  masterRxLowerPri: 'notify_master_rx_lower_pri',
  any: 'notify',
};

/**
 * Sets a notify script once: keepalived keeps the first and reports later ones (naming the first
 * word of the ignored command). `owner` is how keepalived names the block: `(VI_1)` or `vrrp group G:`.
 */
export function setNotifyScript(ctx: LineContext, scripts: NotifyScripts, which: keyof NotifyScripts, owner: string): void {
  if (scripts[which] !== undefined) {
    ctx.report(ConfigErrorClass.GeneralError, `${owner} ${NOTIFY_KEYWORDS[which]} script already specified - ignoring ${ctx.words[1] ?? ''}`);
    return;
  }
  scripts[which] = scriptCommand(ctx, 1, true);
}
