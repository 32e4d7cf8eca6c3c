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
 * The default: the script's own `user`/`group` (resolved by config validation into `runAs`),
 * else script_user's uid/gid, else root. The daemon may pass its own resolver (script security
 * checks).
 */
export function defaultScriptResolver(global: Pick<GlobalDefs, 'scriptUser'>): ScriptResolver {
  const defaultUid = global.scriptUser?.uid ?? 0;
  const defaultGid = global.scriptUser?.gid ?? 0;
  return (command, extraArgs, timeoutMs) => {
    const words = splitScriptLine(command.command);
    if (words.length === 0) return undefined;
    const argv = [...words, ...extraArgs];
    const commandLine = extraArgs.length === 0 ? command.command : `${command.command} ${extraArgs.join(' ')}`;
    const uid = command.runAs?.uid ?? defaultUid;
    const gid = command.runAs?.gid ?? defaultGid;
    return { argv, commandLine, uid, gid, timeoutMs };
  };
}
