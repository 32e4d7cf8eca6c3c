/** Resolving `script_user USER [GROUP]` through the host, as keepalived's set_default_script_user does. */
import type { ConfigHost } from '../../../ports/config-host.js';
import type { GlobalDefs } from '../../model/global.js';

/** Returns false when the user or group does not exist (the default user is then left unset). */
export function setScriptUser(host: ConfigHost, gd: GlobalDefs, user: string, group: string | undefined): boolean {
  const pw = host.userByName(user);
  if (!pw) {
    gd.scriptUserFailed = true;
    return false;
  }
  let gid = pw.gid;
  if (group !== undefined) {
    const gr = host.groupByName(group);
    if (!gr) {
      gd.scriptUserFailed = true;
      return false;
    }
    gid = gr.gid;
  }
  gd.scriptUser = { user, group, uid: pw.uid, gid };
  return true;
}
