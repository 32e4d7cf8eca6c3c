/**
 * keepalived's script checks (notify.c check_script_secure / check_security), done once per
 * script before its first run:
 *
 * - the script must exist and be executable by the user it runs as (else it is disabled);
 * - when it runs as root (uid or gid 0) or is setuid/setgid root, every component of its path
 *   and of the resolved path must be owned by root and not writable by a non-root group or
 *   others (directories with the sticky bit excepted); with enable_script_security such a
 *   script is refused, without it keepalived only warns.
 * `</path` redirection tests are not executables and are not checked.
 */
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isRedirectionTest } from '../../config/values/script-line.js';

export type SecurityVerdict =
  | { readonly ok: true; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: 'not-found' | 'not-executable' | 'insecure'; readonly message: string };

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;

function isExecutable(stats: Stats, uid: number, gid: number): boolean {
  const mode = stats.mode;
  if (uid === 0) return (mode & 0o111) !== 0;
  if (uid === stats.uid) return (mode & 0o100) !== 0;
  return gid === stats.gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
}

// strerror(3)'s words for what stat(2) and realpath(3) can fail with, as keepalived logs them.
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
};

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return ERRNO_TEXT[code] ?? (code || 'error');
}

/** The first path component that a non-root user could change, or undefined. */
export function unsafeComponent(path: string): string | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  const prefixes = ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
  for (const prefix of prefixes) {
    let stats: Stats;
    try {
      stats = lstatSync(prefix);
    } catch {
      return prefix;
    }
    const writableDirOrFile = (stats.isDirectory() && (stats.mode & S_ISVTX) === 0) || stats.isFile();
    const groupOrWorldWritable = (stats.gid !== 0 && (stats.mode & 0o020) !== 0) || (stats.mode & 0o002) !== 0;
    if (stats.uid !== 0 || (writableDirOrFile && groupOrWorldWritable)) return prefix;
  }
  return undefined;
}

export function checkScriptSecurity(argv0: string, uid: number, gid: number, scriptSecurity: boolean): SecurityVerdict {
  if (isRedirectionTest(argv0)) return { ok: true, warnings: [] };
  // A bare name is searched in PATH by the runner; the configuration check has warned of it.
  if (!argv0.includes('/')) return { ok: true, warnings: [] };
  let real: string;
  let stats: Stats;
  try {
    real = realpathSync(argv0);
    stats = statSync(real);
  } catch (error) {
    return { ok: false, reason: 'not-found', message: `Script ${argv0} cannot be accessed - ${errnoText(error)}` };
  }
  if (!isExecutable(stats, uid, gid)) {
    return { ok: false, reason: 'not-executable', message: `WARNING - script '${argv0}' is not executable for uid:gid ${uid}:${gid} - disabling.` };
  }
  const privileged = uid === 0 || gid === 0
    || (stats.uid === 0 && (stats.mode & 0o100) !== 0 && (stats.mode & S_ISUID) !== 0)
    || (stats.gid === 0 && (stats.mode & 0o010) !== 0 && (stats.mode & S_ISGID) !== 0);
  if (!privileged) return { ok: true, warnings: [] };
  const unsafe = [argv0, real].map(unsafeComponent).find((component) => component !== undefined);
  if (unsafe === undefined) return { ok: true, warnings: [] };
  const message = `Unsafe permissions found for script '${argv0}'${scriptSecurity ? ' - disabling' : ''}.`;
  return scriptSecurity ? { ok: false, reason: 'insecure', message } : { ok: true, warnings: [message] };
}
