/**
 * keepalived looks its default script user up when it reads the first script of a configuration
 * that has set no script_user yet, and says so, in the daemon only (not in a config test), when
 * that user does not exist: "Script user 'keepalived_script' does not exist". Once per parse.
 */
import { ConfigErrorClass, type Diagnostics } from '../diagnostics.js';
import type { LineContext } from '../tree/spec.js';

export const DEFAULT_SCRIPT_USER = 'keepalived_script';

interface ScriptUserState {
  configured: boolean;
  lookedUp: boolean;
}

const states = new WeakMap<Diagnostics, ScriptUserState>();

function stateOf(diagnostics: Diagnostics): ScriptUserState {
  let state = states.get(diagnostics);
  if (state === undefined) {
    state = { configured: false, lookedUp: false };
    states.set(diagnostics, state);
  }
  return state;
}

/** script_user was read: no default user is looked up after it. */
export function noteScriptUserConfigured(ctx: LineContext): void {
  stateOf(ctx.diagnostics).configured = true;
}

/** A script was read: the first one looks the default user up. */
export function noteScriptRead(ctx: LineContext): void {
  if (ctx.options.configTest) return;
  const state = stateOf(ctx.diagnostics);
  if (state.configured || state.lookedUp) return;
  state.lookedUp = true;
  if (ctx.host.userByName(DEFAULT_SCRIPT_USER) === undefined) ctx.diagnostics.report(ConfigErrorClass.Warning, `Script user '${DEFAULT_SCRIPT_USER}' does not exist`);
}
