/**
 * Turns a configured script line into what the ScriptRunner runs. keepalived splits the line
 * itself and execs the program (no shell), with the arguments it appends as separate words.
 */
import type { GlobalDefs, ScriptCommand } from '../../config/model/global.js';
import type { ScriptSpec } from '../../ports/scripts.js';
import { splitScriptLine } from './split.js';

/** Builds a ScriptSpec, or undefined for an empty line (e.g. a bare `notify_deleted`). */
export type ScriptResolver = (command: ScriptCommand, extraArgs: readonly string[], timeoutMs: number | undefined) => ScriptSpec | undefined;

/**
 * The default: script_user's uid/gid, else root. The daemon may pass its own resolver (script
 * security checks, per-script users once the config model keeps them apart from the command).
 */
export function defaultScriptResolver(global: Pick<GlobalDefs, 'scriptUser'>): ScriptResolver {
  const uid = global.scriptUser?.uid ?? 0;
  const gid = global.scriptUser?.gid ?? 0;
  return (command, extraArgs, timeoutMs) => {
    const words = splitScriptLine(command.command);
    if (words.length === 0) return undefined;
    const argv = [...words, ...extraArgs];
    const commandLine = extraArgs.length === 0 ? command.command : `${command.command} ${extraArgs.join(' ')}`;
    return { argv, commandLine, uid, gid, timeoutMs };
  };
}
