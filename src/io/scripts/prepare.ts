/**
 * The real ScriptPreparer for createTrackers: split the script line, pick the user (the
 * script's own `user`, else the default script user), and run keepalived's security checks
 * once. Each refusal is logged once by the caller and the script never runs.
 */
import type { GlobalDefs } from '../../config/model/global.js';
import type { VrrpScript } from '../../config/model/vrrp/tracking.js';
import type { Logger } from '../../ports/logger.js';
import type { ScriptSpec } from '../../ports/scripts.js';
import type { ScriptPreparer } from '../../actors/tracking/trackers.js';
import { scriptArgvFromCommand } from '../../config/values/script-line.js';
import { defaultScriptUser } from './default-user.js';
import { checkScriptSecurity } from './security.js';
import { resolveUser, systemUserDatabase, type UserDatabase } from './users.js';

export interface PrepareOptions {
  readonly global: Pick<GlobalDefs, 'scriptUser' | 'scriptUserFailed' | 'enableScriptSecurity'>;
  readonly logger: Logger;
  readonly users?: UserDatabase;
  /** The daemon's own uid/gid (keepalived's our_uid/our_gid). */
  readonly self?: { readonly uid: number; readonly gid: number };
}

export function createScriptPreparer(options: PrepareOptions): ScriptPreparer {
  const users = options.users ?? systemUserDatabase();
  const self = options.self ?? { uid: process.geteuid?.() ?? 0, gid: process.getegid?.() ?? 0 };
  let fallback: ReturnType<typeof defaultScriptUser> | undefined;
  const defaultUser = () => (fallback ??= defaultScriptUser(options.global, users, self, options.logger));

  return (script: VrrpScript) => {
    if (script.script === undefined) return { ok: false, reason: 'no script specified' };
    const split = scriptArgvFromCommand(script.script.command);
    if (split === undefined) return { ok: false, reason: `Unable to parse script '${script.script.command}'` };
    let user;
    if (script.user !== undefined) {
      user = resolveUser(users, script.user, script.group);
      if (user === undefined) return { ok: false, reason: `Invalid user/group for vrrp_script ${script.name} (${script.user}${script.group ? ` ${script.group}` : ''})` };
    } else {
      const found = defaultUser();
      if (!found.ok) return { ok: false, reason: found.reason };
      user = found.user;
    }
    const argv0 = split.argv[0] ?? '';
    const verdict = checkScriptSecurity(argv0, user.uid, user.gid, options.global.enableScriptSecurity);
    if (!verdict.ok) {
      // keepalived's line says it all ("... is not executable for uid:gid 0:0 - disabling.").
      options.logger.warn(verdict.message);
      return { ok: false, reason: verdict.message, logged: true };
    }
    for (const warning of verdict.warnings) options.logger.warn(warning);
    const spec: ScriptSpec = {
      argv: split.argv,
      commandLine: script.script.command,
      uid: user.uid,
      gid: user.gid,
      // keepalived times a check out after `timeout`, or after `interval` when none is set.
      timeoutMs: script.timeoutMs ?? script.intervalMs,
    };
    return { ok: true, spec };
  };
}
