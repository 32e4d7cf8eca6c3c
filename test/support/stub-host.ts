/**
 * A tiny in-memory ConfigHost for keyword-handler tests: a set of interfaces, users, groups and
 * executable paths. The full in-memory host lives in src/sim.
 */
import type { ConfigHost, UserInfo } from '../../src/ports/config-host.js';

export interface StubHostOptions {
  interfaces?: string[];
  users?: UserInfo[];
  groups?: { name: string; gid: number }[];
  executables?: string[];
}

export function stubHost(o: StubHostOptions = {}): ConfigHost {
  const interfaces = new Set(o.interfaces ?? ['lo', 'eth0', 'eth1']);
  const users = o.users ?? [{ name: 'root', uid: 0, gid: 0 }];
  const groups = o.groups ?? [{ name: 'root', gid: 0 }];
  const executables = new Set(o.executables ?? ['/bin/true']);
  return {
    readFile: () => undefined,
    listDirectory: () => undefined,
    stat: () => undefined,
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
