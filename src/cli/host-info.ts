/** Facts about the running system for `-v` and the start-up log lines. */
import { readFileSync } from 'node:fs';
import { hostname, release, type, version } from 'node:os';

export const KEEPALIVED_VERSION = '2.2.7';

export interface HostInfo {
  readonly packageVersion: string;
  readonly sysname: string;
  readonly release: string;
  readonly kernelVersion: string;
  readonly nodeVersion: string;
  readonly distro: string | undefined;
  readonly hostname: string;
}

function readPackageVersion(): string {
  try {
    // src/cli and dist/cli are both two levels below package.json.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function readDistro(): string | undefined {
  try {
    const line = readFileSync('/etc/os-release', 'utf8').split('\n').find((l) => l.startsWith('PRETTY_NAME='));
    return line?.slice('PRETTY_NAME='.length).replace(/^"|"$/g, '');
  } catch {
    return undefined;
  }
}

export function hostInfo(): HostInfo {
  return {
    packageVersion: readPackageVersion(),
    sysname: type(),
    release: release(),
    kernelVersion: version(),
    nodeVersion: process.version,
    distro: readDistro(),
    hostname: hostname(),
  };
}

/** The first line of `-v`, also logged at start-up. */
export function versionString(info: Pick<HostInfo, 'packageVersion'>): string {
  return `Keepalived v${KEEPALIVED_VERSION} (keepalived-ts ${info.packageVersion})`;
}

/** `-v/--version`, printed to stderr as keepalived does. */
export function versionText(info: HostInfo): string {
  const lines = [
    versionString(info),
    '',
    'keepalived-ts: a keepalived-compatible daemon in TypeScript (MIT licence)',
    '',
    `Running on ${info.sysname} ${info.release} ${info.kernelVersion}`,
    `Node.js ${info.nodeVersion}`,
  ];
  if (info.distro !== undefined) lines.push(`Distro: ${info.distro}`);
  return `${lines.join('\n')}\n`;
}
