/**
 * Notify-style scripts may name who runs them (`notify_master /x.sh nobody nogroup`). keepalived
 * drops such a script, without a word in a config test, when the user or group does not exist;
 * otherwise it runs as them. Resolved here so the daemon gets uid/gid and `-t` judges as keepalived.
 */
import type { ScriptCommand } from '../../model/global.js';
import { NOTIFY_SCRIPT_KEYS, type NotifyScripts } from '../../model/vrrp/instance.js';
import type { ConfigHost } from '../../../ports/config-host.js';

/** Returns the script with `runAs` filled in, the script itself when it names nobody, or undefined to drop it. */
export function resolveScriptUser(host: ConfigHost, script: ScriptCommand): ScriptCommand | undefined {
  if (script.user === undefined) return script;
  const user = host.userByName(script.user);
  if (!user) return undefined;
  let gid = user.gid;
  if (script.group !== undefined) {
    const group = host.groupByName(script.group);
    if (!group) return undefined;
    gid = group.gid;
  }
  script.runAs = { uid: user.uid, gid };
  return script;
}

export function resolveNotifyUsers(host: ConfigHost, scripts: NotifyScripts): void {
  // An index loop: this runs once per instance, cold, where for-of allocates at every step.
  for (let k = 0; k < NOTIFY_SCRIPT_KEYS.length; k++) {
    const key = NOTIFY_SCRIPT_KEYS[k] as keyof NotifyScripts;
    const script = scripts[key];
    if (script) scripts[key] = resolveScriptUser(host, script);
  }
}
