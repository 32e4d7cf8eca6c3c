/**
 * The user scripts run as when they name none (notify.c get_default_script_user): script_user
 * if configured, else `keepalived_script` if that user exists, else the daemon's own user. With
 * enable_script_security and no keepalived_script user keepalived silently runs no script at
 * all; we say so loudly, once, and run none either. (That the user does not exist, and the
 * security violation of running scripts as root, the configuration check has said already.)
 */
import type { Logger } from '../../ports/logger.js';
import type { GlobalDefs } from '../../config/model/global.js';
import { DEFAULT_SCRIPT_USER } from '../../config/keywords/script-user-note.js';
import { resolveUser, type ResolvedUser, type UserDatabase } from './users.js';

export { DEFAULT_SCRIPT_USER };

export type DefaultUser = { readonly ok: true; readonly user: ResolvedUser } | { readonly ok: false; readonly reason: string };

export function defaultScriptUser(
  global: Pick<GlobalDefs, 'scriptUser' | 'scriptUserFailed' | 'enableScriptSecurity'>,
  db: UserDatabase,
  self: { readonly uid: number; readonly gid: number },
  logger: Logger,
): DefaultUser {
  if (global.scriptUserFailed) return { ok: false, reason: 'script_user names a user or group that does not exist' };
  if (global.scriptUser !== undefined) {
    const { user, uid, gid } = global.scriptUser;
    return { ok: true, user: { user, uid, gid } };
  }
  const fallback = resolveUser(db, DEFAULT_SCRIPT_USER, undefined);
  if (fallback !== undefined) return { ok: true, user: fallback };
  if (global.enableScriptSecurity) {
    const reason = `enable_script_security is set but the default script user '${DEFAULT_SCRIPT_USER}' does not exist and no script_user is configured: scripts without their own user will NOT be run (keepalived 2.2.7 silently skips them too)`;
    logger.error(reason);
    return { ok: false, reason };
  }
  return { ok: true, user: { user: 'root', uid: self.uid, gid: self.gid } };
}
