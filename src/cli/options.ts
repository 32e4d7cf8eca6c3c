/** Everything the command line can set, after parsing (defaults as keepalived's). */
import { DEFAULT_FACILITY } from '../logging/facility.js';

export const DEFAULT_CONFIG_FILE = '/etc/keepalived/keepalived.conf';
/** Where `-g` without a file name logs (keepalived's KA_TMP_DIR). */
export const DEFAULT_LOG_FILE = '/tmp/keepalived.log';

export interface CliOptions {
  configFile: string;
  /** Subsystems to run (`-P` drops checkers, `-C` drops VRRP, `-B` drops BFD, `--all` restores all). */
  runVrrp: boolean;
  runCheckers: boolean;
  runBfd: boolean;
  /** `--all`: start subsystems even when the config has nothing for them. */
  runAll: boolean;
  logConsole: boolean;
  /** `-D` count: 1 detail, 2 extra detail. */
  logDetail: number;
  /** syslog facility code (see src/logging/facility.ts). */
  logFacility: number;
  logFile: string | undefined;
  flushLogFile: boolean;
  noSyslog: boolean;
  umask: number | undefined;
  releaseVips: boolean;
  dontReleaseVrrp: boolean;
  dontReleaseIpvs: boolean;
  dontRespawn: boolean;
  dontFork: boolean;
  dumpConf: boolean;
  pidFile: string | undefined;
  vrrpPidFile: string | undefined;
  checkersPidFile: string | undefined;
  bfdPidFile: string | undefined;
  addressMonitoring: boolean;
  snmp: boolean;
  snmpAgentSocket: string | undefined;
  namespace: string | undefined;
  allConfig: boolean;
  /** undefined until `-i`; the default (host name up to the first dot) is filled in by the caller. */
  configId: string | undefined;
  configTest: boolean;
  /** `-tFILE` / `--config-test=FILE`: diagnostics appended to FILE instead of stderr. */
  configTestLogFile: string | undefined;
  /** keepalived-ts: JSON output for `-t` diagnostics and `-l` console lines. */
  json: boolean;
  /** keepalived-ts: `--status-socket=PATH` (overrides global_defs status_socket / no_status_socket). */
  statusSocket: string | undefined;
  /** keepalived-ts: `--status-http=[ADDR:]PORT` (overrides global_defs status_http). */
  statusHttp: { readonly host: string; readonly port: number } | undefined;
  /** The command line as given, for the start-up log line. */
  argv: readonly string[];
}

export function defaultOptions(argv: readonly string[]): CliOptions {
  return {
    configFile: DEFAULT_CONFIG_FILE,
    runVrrp: true,
    runCheckers: true,
    runBfd: true,
    runAll: false,
    logConsole: false,
    logDetail: 0,
    logFacility: DEFAULT_FACILITY,
    logFile: undefined,
    flushLogFile: false,
    noSyslog: false,
    umask: undefined,
    releaseVips: false,
    dontReleaseVrrp: false,
    dontReleaseIpvs: false,
    dontRespawn: false,
    dontFork: false,
    dumpConf: false,
    pidFile: undefined,
    vrrpPidFile: undefined,
    checkersPidFile: undefined,
    bfdPidFile: undefined,
    addressMonitoring: false,
    snmp: false,
    snmpAgentSocket: undefined,
    namespace: undefined,
    allConfig: false,
    configId: undefined,
    configTest: false,
    configTestLogFile: undefined,
    json: false,
    statusSocket: undefined,
    statusHttp: undefined,
    argv,
  };
}

/** keepalived's default config id: the node name up to the first dot. */
export function defaultConfigId(hostname: string): string {
  const dot = hostname.indexOf('.');
  return dot < 0 ? hostname : hostname.slice(0, dot);
}
