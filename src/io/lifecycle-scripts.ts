/**
 * startup_script and shutdown_script: run once by the parent daemon, before any child starts and
 * after the last one has stopped. Each may take its *_script_timeout (default 10 s, [1, 1000])
 * before its process group is killed, so keepalived never hangs on them. The outcome is logged
 * and returned; it never stops the daemon starting or stopping.
 */
import type { GlobalDefs } from '../config/model/global.js';
import type { Logger } from '../ports/logger.js';
import type { ScriptOutcome, ScriptRunner } from '../ports/scripts.js';
import { defaultScriptResolver, type ScriptResolver } from '../actors/notify/script-spec.js';

export const DEFAULT_LIFECYCLE_SCRIPT_TIMEOUT_MS = 10_000;

type Which = 'startup' | 'shutdown';

export interface LifecycleScriptOptions {
  readonly runner: ScriptRunner;
  readonly logger: Logger;
  readonly resolveScript?: ScriptResolver;
}

/** Runs startup_script, if any, and resolves once it has exited or been killed. */
export function runStartupScript(global: GlobalDefs, options: LifecycleScriptOptions): Promise<ScriptOutcome | undefined> {
  return runLifecycleScript('startup', global, options);
}

/** Runs shutdown_script, if any, and resolves once it has exited or been killed. */
export function runShutdownScript(global: GlobalDefs, options: LifecycleScriptOptions): Promise<ScriptOutcome | undefined> {
  return runLifecycleScript('shutdown', global, options);
}

/** `*_script_timeout` as the config kept it (seconds), in milliseconds. */
export function lifecycleTimeoutMs(global: GlobalDefs, which: Which): number {
  const seconds = Number(global.other.get(`${which}_script_timeout`)?.[0]);
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= 1000 ? seconds * 1000 : DEFAULT_LIFECYCLE_SCRIPT_TIMEOUT_MS;
}

async function runLifecycleScript(which: Which, global: GlobalDefs, options: LifecycleScriptOptions): Promise<ScriptOutcome | undefined> {
  const command = which === 'startup' ? global.startupScript : global.shutdownScript;
  if (command === undefined) return undefined;
  const timeoutMs = lifecycleTimeoutMs(global, which);
  const spec = (options.resolveScript ?? defaultScriptResolver(global))(command, [], timeoutMs);
  if (spec === undefined) return undefined;
  const outcome = await options.runner.run(spec).outcome;
  const { logger } = options;
  switch (outcome.kind) {
    case 'exited':
      if (outcome.exitCode === 0) logger.info(`${which} script ${spec.commandLine} completed`);
      else logger.warn(`${which} script ${spec.commandLine} exited with status ${outcome.exitCode}`);
      break;
    case 'timed-out':
      logger.warn(`${which} script ${spec.commandLine} timed out after ${timeoutMs / 1000}s and was killed`);
      break;
    case 'signalled':
      logger.warn(`${which} script ${spec.commandLine} was killed by ${outcome.signal}`);
      break;
    case 'failed-to-start':
      logger.warn(`Unable to run ${which} script ${spec.commandLine}: ${outcome.reason}`);
      break;
  }
  return outcome;
}
