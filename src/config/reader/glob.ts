/**
 * glob(3) as keepalived calls it (GLOB_MARK | GLOB_BRACE with its own directory callbacks), built on
 * the host's directory listing so that the real and the simulated host behave alike. Besides the
 * matches (directories marked with a trailing `/`), it counts what keepalived counts to word its
 * messages: files that were named but do not exist, directories that could not be opened, and
 * whether any wildcard was expanded.
 */
import { fnmatch, hasWildcard } from './fnmatch.js';

export interface GlobFileSystem {
  listDirectory(path: string): string[] | undefined;
  /** Whether the path exists, and whether it is a directory (after symbolic links). */
  stat(path: string): { readonly isDirectory: boolean } | undefined;
}

export interface GlobOutcome {
  /** Paths as written in the pattern, sorted per brace alternative like glob(3). */
  readonly matches: string[];
  readonly missingFiles: number;
  readonly missingDirectories: number;
  readonly haveWildcards: boolean;
}

/** Bounds brace expansion (`{a,b}{c,d}…` multiplies). */
const MAX_ALTERNATIVES = 4096;

export function globPattern(pattern: string, cwd: string, fs: GlobFileSystem): GlobOutcome {
  const state = { missingFiles: 0, missingDirectories: 0, haveWildcards: false };
  const matches: string[] = [];
  for (const alternative of expandBraces(pattern)) {
    const found = globOne(alternative, cwd, fs, state);
    found.sort(compareBytes);
    matches.push(...found);
  }
  return { matches, ...state };
}

export function hasBrace(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '{') return true;
  }
  return false;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function resolvePath(cwd: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** glob(3)'s GLOB_BRACE: `{a,b}` alternatives, nested, left to right. */
export function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  const work = [pattern];
  while (work.length > 0) {
    const p = work.shift() as string;
    const group = findBraceGroup(p);
    if (!group) {
      out.push(p);
      continue;
    }
    const prefix = p.slice(0, group.open);
    const suffix = p.slice(group.close + 1);
    const expanded = group.alternatives.map((alt) => prefix + alt + suffix);
    if (out.length + work.length + expanded.length > MAX_ALTERNATIVES) {
      out.push(...expanded.slice(0, Math.max(0, MAX_ALTERNATIVES - out.length - work.length)));
      continue;
    }
    work.unshift(...expanded);
  }
  return out;
}

function findBraceGroup(p: string): { open: number; close: number; alternatives: string[] } | undefined {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const alternatives: string[] = [];
    let altStart = i + 1;
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          alternatives.push(p.slice(altStart, j));
          return { open: i, close: j, alternatives };
        }
      } else if (c === ',' && depth === 1) {
        alternatives.push(p.slice(altStart, j));
        altStart = j + 1;
      }
    }
    // No closing brace: glob(3) gives up on brace expansion and matches the text as it is.
    return undefined;
  }
  return undefined;
}

interface Counters {
  missingFiles: number;
  missingDirectories: number;
  haveWildcards: boolean;
}

function globOne(pattern: string, cwd: string, fs: GlobFileSystem, counters: Counters): string[] {
  if (pattern === '') return [];
  if (!hasWildcard(pattern)) {
    const st = fs.stat(resolvePath(cwd, pattern));
    if (!st) {
      counters.missingFiles++;
      return [];
    }
    return [mark(pattern, st.isDirectory)];
  }
  const absolute = pattern.startsWith('/');
  const components = pattern.split('/');
  if (absolute) components.shift();
  // Each candidate is a path as written so far; `dir` tells whether it is known to be a directory.
  let candidates: { path: string; isDirectory: boolean }[] = [{ path: absolute ? '/' : '', isDirectory: true }];
  let literalPrefix = true;
  components.forEach((component, index) => {
    const last = index === components.length - 1;
    const next: { path: string; isDirectory: boolean }[] = [];
    if (component === '' && !last) {
      for (const c of candidates) next.push({ path: join(c.path, ''), isDirectory: c.isDirectory });
      candidates = next;
      return;
    }
    if (!hasWildcard(component)) {
      for (const c of candidates) {
        const path = join(c.path, unescape(component));
        if (literalPrefix && !last) {
          next.push({ path, isDirectory: true });
          continue;
        }
        const st = fs.stat(resolvePath(cwd, path || '.'));
        if (!st) counters.missingFiles++;
        else if (last || st.isDirectory) next.push({ path, isDirectory: st.isDirectory });
      }
      candidates = next;
      return;
    }
    literalPrefix = false;
    counters.haveWildcards = true;
    for (const c of candidates) {
      const names = fs.listDirectory(resolvePath(cwd, c.path === '' ? '.' : c.path));
      if (names === undefined) {
        counters.missingDirectories++;
        continue;
      }
      const all = component.startsWith('.') ? ['.', '..', ...names] : names;
      for (const name of all) {
        if (!fnmatch(component, name)) continue;
        const path = join(c.path, name);
        const st = fs.stat(resolvePath(cwd, path));
        if (!st) continue;
        if (last || st.isDirectory) next.push({ path, isDirectory: st.isDirectory });
      }
    }
    candidates = next;
  });
  return candidates.map((c) => mark(c.path, c.isDirectory));
}

function join(prefix: string, name: string): string {
  if (prefix === '') return name;
  if (prefix.endsWith('/')) return prefix + name;
  return `${prefix}/${name}`;
}

function mark(path: string, isDirectory: boolean): string {
  return isDirectory && !path.endsWith('/') ? `${path}/` : path;
}

function unescape(component: string): string {
  return component.includes('\\') ? component.replace(/\\(.)/g, '$1') : component;
}
