/**
 * Script users as keepalived resolves them (notify.c set_uid_gid / get_default_script_user):
 * a user's uid and primary gid, a group name overriding the gid. Read from /etc/passwd and
 * /etc/group (what getpwnam/getgrnam answer on a host without NSS modules).
 */
import { readFileSync } from 'node:fs';

export interface ResolvedUser {
  readonly user: string;
  readonly uid: number;
  readonly gid: number;
}

export interface UserDatabase {
  user(name: string): { readonly uid: number; readonly gid: number } | undefined;
  group(name: string): number | undefined;
}

function readTable(path: string): string[][] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split(':'));
  } catch {
    return [];
  }
}

export function systemUserDatabase(passwdPath = '/etc/passwd', groupPath = '/etc/group'): UserDatabase {
  return {
    user(name) {
      const row = readTable(passwdPath).find((fields) => fields[0] === name);
      return row === undefined ? undefined : { uid: Number(row[2]), gid: Number(row[3]) };
    },
    group(name) {
      const row = readTable(groupPath).find((fields) => fields[0] === name);
      return row === undefined ? undefined : Number(row[2]);
    },
  };
}

/** `user NAME [GROUP]`; undefined when either does not exist (keepalived then ignores the script). */
export function resolveUser(db: UserDatabase, user: string, group: string | undefined): ResolvedUser | undefined {
  const entry = db.user(user);
  if (entry === undefined) return undefined;
  // A leading ':' asks for supplementary groups; the group name follows it.
  const groupName = group?.startsWith(':') ? (group.length > 1 ? group.slice(1) : undefined) : group;
  if (groupName === undefined) return { user, ...entry };
  const gid = db.group(groupName);
  return gid === undefined ? undefined : { user, uid: entry.uid, gid };
}
