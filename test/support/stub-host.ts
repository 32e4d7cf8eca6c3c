/**
 * A tiny in-memory ConfigHost for keyword-handler tests: a set of interfaces, users, groups,
 * executable paths and other (non-executable) files. The full in-memory host lives in src/sim.
 */
import type { ConfigHost, UserInfo } from '../../src/ports/config-host.js';

export interface StubHostOptions {
  interfaces?: string[];
  users?: UserInfo[];
  groups?: { name: string; gid: number }[];
  executables?: string[];
  files?: string[];
}

export function stubHost(o: StubHostOptions = {}): ConfigHost {
  const interfaces = new Set(o.interfaces ?? ['lo', 'eth0', 'eth1']);
  const users = o.users ?? [{ name: 'root', uid: 0, gid: 0 }];
  const groups = o.groups ?? [{ name: 'root', gid: 0 }];
  const executables = new Set(o.executables ?? ['/bin/true']);
  const files = new Set(o.files ?? []);
  return {
    readFile: () => undefined,
    listDirectory: () => undefined,
    stat: (p) =>
      executables.has(p) || files.has(p)
        ? { isFile: true, isDirectory: false, mode: executables.has(p) ? 0o755 : 0o644, uid: 0, gid: 0 }
        : undefined,
    isExecutable: (p) => executables.has(p),
    interfaceExists: (n) => interfaces.has(n),
    userByName: (n) => users.find((u) => u.name === n),
    groupByName: (n) => groups.find((g) => g.name === n),
    hostname: () => 'vm',
    cwd: () => '/etc/keepalived',
    env: () => undefined,
    random: () => 4,
  };
}
