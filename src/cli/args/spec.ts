/**
 * keepalived 2.2.7's command-line options (short letter, long name, argument kind) plus the
 * few keepalived-ts adds. The table drives both the getopt-style scanner and `--help`.
 */
export type ArgumentKind = 'none' | 'required' | 'optional';

export interface OptionSpec {
  /** Stable identifier used by the interpreter. */
  readonly key: OptionKey;
  readonly short?: string;
  readonly long: string;
  readonly argument: ArgumentKind;
}

export type OptionKey =
  | 'useFile' | 'vrrp' | 'check' | 'noBfd' | 'all' | 'logConsole' | 'logDetail' | 'logFacility'
  | 'logFile' | 'flushLogFile' | 'noSyslog' | 'umask' | 'releaseVips' | 'dontReleaseVrrp'
  | 'dontReleaseIpvs' | 'dontRespawn' | 'dontFork' | 'dumpConf' | 'pid' | 'vrrpPid' | 'genhash'
  | 'checkersPid' | 'addressMonitoring' | 'bfdPid' | 'snmp' | 'snmpAgentSocket' | 'coreDump'
  | 'coreDumpPattern' | 'noMemCheck' | 'namespace' | 'allConfig' | 'configId' | 'signum'
  | 'configTest' | 'configFd' | 'perf' | 'debug' | 'json' | 'statusSocket' | 'statusHttp' | 'version' | 'help';

export const OPTION_SPECS: readonly OptionSpec[] = [
  { key: 'useFile', short: 'f', long: 'use-file', argument: 'required' },
  { key: 'vrrp', short: 'P', long: 'vrrp', argument: 'none' },
  { key: 'check', short: 'C', long: 'check', argument: 'none' },
  { key: 'noBfd', short: 'B', long: 'no_bfd', argument: 'none' },
  { key: 'all', long: 'all', argument: 'none' },
  { key: 'logConsole', short: 'l', long: 'log-console', argument: 'none' },
  { key: 'logDetail', short: 'D', long: 'log-detail', argument: 'none' },
  { key: 'logFacility', short: 'S', long: 'log-facility', argument: 'required' },
  { key: 'logFile', short: 'g', long: 'log-file', argument: 'optional' },
  { key: 'allConfig', short: 'e', long: 'all-config', argument: 'none' },
  { key: 'flushLogFile', long: 'flush-log-file', argument: 'none' },
  { key: 'noSyslog', short: 'G', long: 'no-syslog', argument: 'none' },
  { key: 'umask', short: 'u', long: 'umask', argument: 'required' },
  { key: 'releaseVips', short: 'X', long: 'release-vips', argument: 'none' },
  { key: 'dontReleaseVrrp', short: 'V', long: 'dont-release-vrrp', argument: 'none' },
  { key: 'dontReleaseIpvs', short: 'I', long: 'dont-release-ipvs', argument: 'none' },
  { key: 'dontRespawn', short: 'R', long: 'dont-respawn', argument: 'none' },
  { key: 'dontFork', short: 'n', long: 'dont-fork', argument: 'none' },
  { key: 'dumpConf', short: 'd', long: 'dump-conf', argument: 'none' },
  { key: 'pid', short: 'p', long: 'pid', argument: 'required' },
  { key: 'vrrpPid', short: 'r', long: 'vrrp_pid', argument: 'required' },
  { key: 'genhash', short: 'T', long: 'genhash', argument: 'none' },
  { key: 'checkersPid', short: 'c', long: 'checkers_pid', argument: 'required' },
  { key: 'addressMonitoring', short: 'a', long: 'address-monitoring', argument: 'none' },
  { key: 'bfdPid', short: 'b', long: 'bfd_pid', argument: 'required' },
  { key: 'snmp', short: 'x', long: 'snmp', argument: 'none' },
  { key: 'snmpAgentSocket', short: 'A', long: 'snmp-agent-socket', argument: 'required' },
  { key: 'coreDump', short: 'm', long: 'core-dump', argument: 'none' },
  { key: 'coreDumpPattern', short: 'M', long: 'core-dump-pattern', argument: 'optional' },
  { key: 'noMemCheck', long: 'no-mem-check', argument: 'none' },
  { key: 'namespace', short: 's', long: 'namespace', argument: 'required' },
  { key: 'configId', short: 'i', long: 'config-id', argument: 'required' },
  { key: 'signum', long: 'signum', argument: 'required' },
  { key: 'configTest', short: 't', long: 'config-test', argument: 'optional' },
  // keepalived's internal hand-over of a consolidated config between its processes.
  { key: 'configFd', long: 'config-fd', argument: 'required' },
  { key: 'perf', long: 'perf', argument: 'optional' },
  { key: 'debug', long: 'debug', argument: 'optional' },
  // keepalived-ts: machine-readable output (`-t --json`, `-l --json`).
  { key: 'json', long: 'json', argument: 'none' },
  // keepalived-ts: the status socket and HTTP endpoints (README "Status and metrics").
  { key: 'statusSocket', long: 'status-socket', argument: 'required' },
  { key: 'statusHttp', long: 'status-http', argument: 'required' },
  { key: 'version', short: 'v', long: 'version', argument: 'none' },
  { key: 'help', short: 'h', long: 'help', argument: 'none' },
];
