/** Helpers shared by the global and VRRP keyword handlers. */
import type { LineContext } from '../../tree/spec.js';
import type { ScriptCommand } from '../../model/global.js';

/**
 * keepalived reads global_defs (and the root-level process settings) in an early pass before it
 * records the file name, so what is reported there prints as `(Line N)`.
 */
export { withHiddenFile } from '../../tree/run.js';

/** A script command: the rest of the line joined as keepalived rebuilds it. */
export function scriptCommand(ctx: LineContext, from = 1): ScriptCommand {
  return { command: ctx.words.slice(from).join(' '), position: ctx.line.position };
}
