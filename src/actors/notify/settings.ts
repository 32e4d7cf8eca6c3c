/**
 * What the notifier needs from the configuration, resolved once per (re)load the way keepalived
 * resolves it: an instance's or group's smtp_alert falls back to the global smtp_alert_vrrp, then
 * smtp_alert, then off; priority changes go to the FIFO with notify_priority_changes or the
 * global vrrp_notify_priority_changes.
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { GlobalDefs } from '../../config/model/global.js';
import type { NotifyScripts } from '../../config/model/vrrp/instance.js';

export interface NotifyTarget {
  readonly scripts: NotifyScripts;
  readonly smtpAlert: boolean;
  readonly priorityChanges: boolean;
}

export interface MailSettings {
  readonly from: string;
  readonly to: readonly string[];
  readonly routerId: string;
  readonly noEmailFaults: boolean;
}

export interface NotifySettings {
  readonly instances: ReadonlyMap<string, NotifyTarget>;
  readonly groups: ReadonlyMap<string, NotifyTarget>;
  /** Undefined when keepalived would send no mail at all (no notification_email or no smtp_server). */
  readonly mail: MailSettings | undefined;
}

/** Who keepalived says it is when nothing is configured (measured on 2.2.7: `root@<host name>`). */
export interface LocalIdentity {
  /** The local host name: default router_id and smtp_helo_name. */
  readonly localName: string;
  /** The daemon's user name: the default sender is `<user>@<localName>`. */
  readonly userName: string;
}

export function notifySettings(config: KeepalivedConfig, identity: LocalIdentity): NotifySettings {
  const g = config.global;
  const alertDefault = g.smtpAlertVrrp ?? g.smtpAlert ?? false;
  const globalPriorityChanges = flag(g.other.get('vrrp_notify_priority_changes'));
  const instances = new Map<string, NotifyTarget>();
  for (const i of config.vrrp.instances) {
    instances.set(i.name, {
      scripts: i.notify,
      smtpAlert: i.smtpAlert ?? alertDefault,
      priorityChanges: flag(i.other.get('notify_priority_changes')) || globalPriorityChanges,
    });
  }
  const groups = new Map<string, NotifyTarget>();
  for (const s of config.vrrp.syncGroups) {
    groups.set(s.name, { scripts: s.notify, smtpAlert: s.smtpAlert ?? alertDefault, priorityChanges: false });
  }
  return { instances, groups, mail: mailSettings(g, identity) };
}

function mailSettings(g: GlobalDefs, { localName, userName }: LocalIdentity): MailSettings | undefined {
  if (g.notificationEmails.length === 0 || g.smtpServer === undefined) return undefined;
  return {
    // The man page says keepalived@<host>; 2.2.7 actually sends as the daemon's user.
    from: g.notificationEmailFrom ?? `${userName}@${localName}`,
    to: g.notificationEmails,
    routerId: g.routerId ?? localName,
    noEmailFaults: g.other.has('no_email_faults'),
  };
}

/** A boolean keyword kept in `other`: present with no word or `true`. */
function flag(words: readonly string[] | undefined): boolean {
  return words !== undefined && (words[0] === undefined || words[0] === 'true');
}
