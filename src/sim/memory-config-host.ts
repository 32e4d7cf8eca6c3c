/**
 * An in-memory ConfigHost for tests and the simulator: files and directories in a map, interfaces,
 * users and groups in sets, a fixed host name and working directory, and a seeded random source.
 * Its glob has keepalived's semantics (the reader's own glob over this file system).
 */
import type { ConfigHost, FileStat, UserInfo } from '../ports/config-host.js';
import { resolvePath } from '../config/reader/glob.js';

export interface MemoryConfigHostInit {
  /** Path → content; relative paths are taken from `cwd`. Parent directories are created. */
  readonly files?: Readonly<Record<string, string>>;
  readonly directories?: readonly string[];
  readonly interfaces?: readonly string[];
  readonly users?: readonly UserInfo[];
  readonly groups?: readonly { readonly name: string; readonly gid: number }[];
  readonly hostname?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Seed of the random source (same seed, same `${_RANDOM}` values). */
  readonly seed?: number;
}

interface Node {
  readonly kind: 'file' | 'directory';
  content: string;
  mode: number;
  readable: boolean;
}

export class MemoryConfigHost implements ConfigHost {
  private readonly nodes = new Map<string, Node>([['/', { kind: 'directory', content: '', mode: 0o755, readable: true }]]);
  private readonly interfaces: Set<string>;
  private readonly users: Map<string, UserInfo>;
  private readonly groups: Map<string, { readonly name: string; readonly gid: number }>;
  private readonly hostName: string;
  private readonly workingDirectory: string;
  private readonly environment: Readonly<Record<string, string>>;
  private randomState: number;

  constructor(init: MemoryConfigHostInit = {}) {
    this.workingDirectory = resolvePath('/', init.cwd ?? '/etc/keepalived');
    this.addDirectory(this.workingDirectory);
    for (const dir of init.directories ?? []) this.addDirectory(dir);
    for (const [path, content] of Object.entries(init.files ?? {})) this.addFile(path, content);
    this.interfaces = new Set(init.interfaces ?? ['lo']);
    this.users = new Map((init.users ?? [{ name: 'root', uid: 0, gid: 0 }]).map((u) => [u.name, u]));
    this.groups = new Map((init.groups ?? [{ name: 'root', gid: 0 }]).map((g) => [g.name, g]));
    this.hostName = init.hostname ?? 'localhost';
    this.environment = init.env ?? {};
    this.randomState = (init.seed ?? 1) >>> 0 || 1;
  }

  addFile(path: string, content: string, mode = 0o644): this {
    const abs = resolvePath(this.workingDirectory, path);
    this.addDirectory(parentOf(abs));
    this.nodes.set(abs, { kind: 'file', content, mode, readable: true });
    return this;
  }

  addDirectory(path: string): this {
    let abs = resolvePath(this.workingDirectory, path);
    const missing: string[] = [];
    while (!this.nodes.has(abs)) {
      missing.push(abs);
      abs = parentOf(abs);
    }
    for (const dir of missing) this.nodes.set(dir, { kind: 'directory', content: '', mode: 0o755, readable: true });
    return this;
  }

  /** Makes a file unreadable (as without read permission). */
  setUnreadable(path: string): this {
    const node = this.nodes.get(resolvePath(this.workingDirectory, path));
    if (node) node.readable = false;
    return this;
  }

  addInterface(name: string): this {
    this.interfaces.add(name);
    return this;
  }

  readFile(path: string): string | undefined {
    const node = this.nodes.get(resolvePath(this.workingDirectory, path));
    return node?.kind === 'file' && node.readable ? node.content : undefined;
  }


  listDirectory(path: string): string[] | undefined {
    const abs = resolvePath(this.workingDirectory, path);
    if (this.nodes.get(abs)?.kind !== 'directory') return undefined;
    const prefix = abs === '/' ? '/' : `${abs}/`;
    const names: string[] = [];
    for (const key of this.nodes.keys()) {
      if (key.length > prefix.length && key.startsWith(prefix) && !key.includes('/', prefix.length)) names.push(key.slice(prefix.length));
    }
    return names;
  }

  stat(path: string): (FileStat & { readonly isDirectory: boolean }) | undefined {
    const node = this.nodes.get(resolvePath(this.workingDirectory, path));
    if (!node) return undefined;
    return { isFile: node.kind === 'file', isDirectory: node.kind === 'directory', mode: node.mode, uid: 0, gid: 0 };
  }

  isExecutable(path: string): boolean {
    const st = this.stat(path);
    return st !== undefined && st.isFile && (st.mode & 0o111) !== 0;
  }

  interfaceExists(name: string): boolean {
    return this.interfaces.has(name);
  }

  userByName(name: string): UserInfo | undefined {
    return this.users.get(name);
  }

  groupByName(name: string): { readonly name: string; readonly gid: number } | undefined {
    return this.groups.get(name);
  }

  hostname(): string {
    return this.hostName;
  }

  cwd(): string {
    return this.workingDirectory;
  }

  env(name: string): string | undefined {
    return this.environment[name];
  }

  /** xorshift32, reduced to random(3)'s range. */
  random(): number {
    let x = this.randomState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.randomState = x >>> 0 || 1;
    return this.randomState & 0x7fffffff;
  }
}

function parentOf(abs: string): string {
  const slash = abs.lastIndexOf('/');
  return slash <= 0 ? '/' : abs.slice(0, slash);
}
