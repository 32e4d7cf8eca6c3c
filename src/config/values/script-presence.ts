/**
 * What keepalived 2.2.7's config checks make of a script's program (its first word), as its -t
 * exit codes and daemon logs show:
 *
 * - `</path` (a shell redirection test such as `</dev/tcp/127.0.0.1/80`) is never looked up: it
 *   is kept, and it does not count as a script that needs enable_script_security;
 * - a path with a '/' is kept when it names an existing file, executable or not (one that is not
 *   executable is refused later, when the daemon prepares it, with its own warning);
 * - a bare name is searched in the default PATH and must be executable there.
 */
import type { ConfigHost } from '../../ports/config-host.js';
import { isRedirectionTest } from './script-line.js';

export type ScriptPresence = 'redirection-test' | 'present' | 'missing';

const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The program word of a quoted command line (which may carry arguments). */
export function programOf(command: string): string {
  return command.trim().split(/\s+/)[0] ?? '';
}

export function scriptPresence(host: ConfigHost, program: string): ScriptPresence {
  if (program === '') return 'missing';
  if (isRedirectionTest(program)) return 'redirection-test';
  if (program.includes('/')) return host.stat(program)?.isFile === true ? 'present' : 'missing';
  return searchPath(host, program) !== undefined ? 'present' : 'missing';
}

/** Where the default PATH finds a bare program name (undefined for a path, or when nowhere). */
export function searchPath(host: ConfigHost, program: string): string | undefined {
  if (program === '' || program.includes('/')) return undefined;
  for (const dir of SEARCH_PATH) if (host.isExecutable(`${dir}/${program}`)) return `${dir}/${program}`;
  return undefined;
}

/** keepalived's warning for a script given by a bare name that PATH resolves. */
export function pathSearchWarning(program: string, found: string): string {
  return `WARNING - script \`${program}\` resolved by path search to \`${found}\`. Please specify full path.`;
}
