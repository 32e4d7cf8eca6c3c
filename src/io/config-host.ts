/**
 * The real host behind the config parser: the file system (the reader builds keepalived's glob
 * on `listDirectory`), users and groups from /etc/passwd and /etc/group, interfaces from
 * /sys/class/net, and the host name.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConfigHost, FileStat, UserInfo } from '../ports/config-host.js';

interface Group {
  readonly name: string;
  readonly gid: number;
}

export interface RealConfigHostPaths {
  readonly passwd?: string;
  readonly group?: string;
  readonly sysClassNet?: string;
}

/**
 * Answers are cached for the object's lifetime (as users and groups always were): make one per
 * parse, so that a reload sees the host as it is then.
 */
export class RealConfigHost implements ConfigHost {
  private users: Map<string, UserInfo> | undefined;
  private groups: Map<string, Group> | undefined;
  // One parse asks about the same interfaces and scripts again and again (once per instance);
  // the host does not change within a parse, so each answer is looked up once per host object.
  private readonly interfaces = new Map<string, boolean>();
  private readonly stats = new Map<string, (FileStat & { readonly isDirectory: boolean }) | undefined>();

  constructor(private readonly paths: RealConfigHostPaths = {}) {}

  readFile(file: string): string | undefined {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }


  listDirectory(dir: string): string[] | undefined {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  }

  stat(file: string): (FileStat & { readonly isDirectory: boolean }) | undefined {
    if (this.stats.has(file)) return this.stats.get(file);
    const st = this.statUncached(file);
    this.stats.set(file, st);
    return st;
  }

  private statUncached(file: string): (FileStat & { readonly isDirectory: boolean }) | undefined {
    try {
      const st = fs.statSync(file);
      return { isFile: st.isFile(), isDirectory: st.isDirectory(), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
    } catch {
      return undefined;
    }
  }

  isExecutable(file: string): boolean {
    const st = this.stat(file);
    return st !== undefined && st.isFile && (st.mode & 0o111) !== 0;
  }

  interfaceExists(name: string): boolean {
    if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) return false;
    let exists = this.interfaces.get(name);
    if (exists === undefined) {
      exists = fs.existsSync(path.join(this.paths.sysClassNet ?? '/sys/class/net', name));
      this.interfaces.set(name, exists);
    }
    return exists;
  }

  userByName(name: string): UserInfo | undefined {
    this.users ??= readUsers(this.paths.passwd ?? '/etc/passwd');
    return this.users.get(name);
  }

  groupByName(name: string): Group | undefined {
    this.groups ??= readGroups(this.paths.group ?? '/etc/group');
    return this.groups.get(name);
  }

  hostname(): string {
    return os.hostname();
  }

  cwd(): string {
    return process.cwd();
  }

  env(name: string): string | undefined {
    return process.env[name];
  }

  random(): number {
    return Math.floor(Math.random() * 0x80000000);
  }
}

/** name:password:uid:gid:… lines; the first entry of a name wins, as getpwnam(3) finds it. */
export function parsePasswd(text: string): Map<string, UserInfo> {
  const users = new Map<string, UserInfo>();
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 4) continue;
    const [name, , uid, gid] = fields as [string, string, string, string];
    if (name === '' || users.has(name) || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) continue;
    users.set(name, { name, uid: Number(uid), gid: Number(gid) });
  }
  return users;
}

/** name:password:gid:members lines. */
export function parseGroup(text: string): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 3) continue;
    const [name, , gid] = fields as [string, string, string];
    if (name === '' || groups.has(name) || !/^\d+$/.test(gid)) continue;
    groups.set(name, { name, gid: Number(gid) });
  }
  return groups;
}

function readUsers(file: string): Map<string, UserInfo> {
  try {
    return parsePasswd(fs.readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
}

function readGroups(file: string): Map<string, Group> {
  try {
    return parseGroup(fs.readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
}
