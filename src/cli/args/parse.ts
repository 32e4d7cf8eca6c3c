/**
 * Interprets the scanned command line the way keepalived's parse_cmdline does, without
 * touching the process: output lines and the action to take are returned to the caller.
 */
import { scanArguments } from './getopt.js';
import { OPTION_SPECS, type OptionKey } from './spec.js';
import { parseUmask } from './umask.js';
import { defaultOptions, DEFAULT_LOG_FILE, type CliOptions } from '../options.js';
import { SIGNAL_FUNCTIONS, signalFunction } from '../signals.js';
import { parseFacility } from '../../logging/facility.js';
import { parseHostPort } from '../../config/values/host-port.js';

export type CliAction =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'version' }
  | { readonly kind: 'help' }
  /** `-T/--genhash`: the arguments after the option belong to genhash. */
  | { readonly kind: 'genhash'; readonly args: readonly string[] }
  | { readonly kind: 'run'; readonly options: CliOptions };

export interface ParsedCommandLine {
  readonly action: CliAction;
  readonly stdout: string[];
  readonly stderr: string[];
  /**
   * Lines saying an option has no effect in keepalived-ts; printed by the modes that run.
   */
  readonly notes: string[];
  /** An invalid `-S` counts as a configuration error in `-t` mode, as keepalived's does. */
  readonly configTestError: boolean;
}

const NOT_APPLICABLE: Partial<Record<OptionKey, string>> = {
  coreDump: '-m/--core-dump: not applicable to keepalived-ts (a Node.js process); ignored',
  coreDumpPattern: '-M/--core-dump-pattern: not applicable to keepalived-ts (a Node.js process); ignored',
  noMemCheck: '--no-mem-check: keepalived-ts has no malloc checker; ignored',
  perf: '--perf: perf recording is not available in keepalived-ts; ignored',
  debug: '--debug: keepalived debug options are not available in keepalived-ts; ignored',
  snmp: '-x/--snmp: SNMP is not supported by keepalived-ts yet; ignored',
  snmpAgentSocket: '-A/--snmp-agent-socket: SNMP is not supported by keepalived-ts yet; ignored',
  namespace: '-s/--namespace: network namespaces are not supported by keepalived-ts yet; running in the current one (use ip netns exec)',
};

export function parseCommandLine(args: readonly string[]): ParsedCommandLine {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const notes: string[] = [];
  const options = defaultOptions(args);
  let badOption = false;
  let configTestError = false;
  const done = (action: CliAction): ParsedCommandLine => ({ action, stdout, stderr, notes, configTestError });

  const { events, operands } = scanArguments(args, OPTION_SPECS);
  for (const [index, event] of events.entries()) {
    if (event.kind === 'unknown') {
      stderr.push(`Unknown option ${event.text}`);
      badOption = true;
      continue;
    }
    if (event.kind === 'missing') {
      stderr.push(`Missing parameter for option ${event.text}`);
      badOption = true;
      continue;
    }
    const value = event.value ?? '';
    const note = NOT_APPLICABLE[event.spec.key];
    if (note !== undefined && !notes.includes(note)) notes.push(note);
    switch (event.spec.key) {
      case 'version':
        return done({ kind: 'version' });
      case 'help':
        return done({ kind: 'help' });
      case 'signum': {
        const fn = signalFunction(value);
        if (fn === undefined) {
          stderr.push(`Unknown sigfunc ${value}`);
          return done({ kind: 'exit', code: 1 });
        }
        stdout.push(String(SIGNAL_FUNCTIONS[fn].number));
        return done({ kind: 'exit', code: 0 });
      }
      case 'genhash':
        if (index > 0) {
          stderr.push(`Warning -- \`${event.usedLong ? 'genhash' : '-T'}\` not used as first option, previous options ignored`);
        }
        return done({ kind: 'genhash', args: args.slice(event.rest) });
      case 'useFile':
        options.configFile = value;
        break;
      case 'vrrp':
        options.runCheckers = false;
        break;
      case 'check':
        options.runVrrp = false;
        break;
      case 'noBfd':
        options.runBfd = false;
        break;
      case 'all':
        options.runAll = true;
        options.runVrrp = options.runCheckers = options.runBfd = true;
        break;
      case 'logConsole':
        options.logConsole = true;
        break;
      case 'logDetail':
        options.logDetail = Math.min(options.logDetail + 1, 2);
        break;
      case 'logFacility': {
        // An empty value is silently ignored by keepalived.
        if (value === '') break;
        const facility = parseFacility(value);
        if (facility === undefined) {
          stderr.push(`Invalid log facility '${value}'`);
          configTestError = true;
        } else {
          options.logFacility = facility;
        }
        break;
      }
      case 'logFile':
        options.logFile = event.value ?? DEFAULT_LOG_FILE;
        break;
      case 'flushLogFile':
        options.flushLogFile = true;
        break;
      case 'noSyslog':
        options.noSyslog = true;
        break;
      case 'umask': {
        if (value === '') break;
        const mask = parseUmask(value);
        // keepalived reports a bad umask and keeps the default.
        if (mask === undefined) stderr.push(`Invalid --umask option ${value}`);
        else options.umask = mask;
        break;
      }
      case 'releaseVips':
        options.releaseVips = true;
        break;
      case 'dontReleaseVrrp':
        options.dontReleaseVrrp = true;
        break;
      case 'dontReleaseIpvs':
        options.dontReleaseIpvs = true;
        break;
      case 'dontRespawn':
        options.dontRespawn = true;
        break;
      case 'dontFork':
        options.dontFork = true;
        break;
      case 'dumpConf':
        options.dumpConf = true;
        break;
      case 'pid':
        options.pidFile = value;
        break;
      case 'vrrpPid':
        options.vrrpPidFile = value;
        break;
      case 'checkersPid':
        options.checkersPidFile = value;
        break;
      case 'bfdPid':
        options.bfdPidFile = value;
        break;
      case 'addressMonitoring':
        options.addressMonitoring = true;
        break;
      case 'snmp':
        options.snmp = true;
        break;
      case 'snmpAgentSocket':
        options.snmpAgentSocket = value;
        break;
      case 'namespace':
        options.namespace = value;
        break;
      case 'allConfig':
        options.allConfig = true;
        break;
      case 'configId':
        options.configId = value;
        break;
      case 'configTest':
        // keepalived: a config test never forks, never respawns and never uses syslog.
        options.configTest = options.dontFork = options.dontRespawn = options.noSyslog = true;
        options.configTestLogFile = event.value;
        break;
      case 'json':
        options.json = true;
        break;
      case 'statusSocket':
        if (!value.startsWith('/')) {
          stderr.push(`--status-socket needs an absolute path, not '${value}'`);
          badOption = true;
        } else options.statusSocket = value;
        break;
      case 'statusHttp': {
        const http = parseHostPort(value);
        if (http === undefined) {
          stderr.push(`--status-http needs [ADDR:]PORT, not '${value}'`);
          badOption = true;
        } else options.statusHttp = http;
        break;
      }
      case 'coreDump':
      case 'coreDumpPattern':
      case 'noMemCheck':
      case 'perf':
      case 'debug':
      case 'configFd':
        break;
    }
  }
  if (operands.length > 0) stdout.push(`Unexpected argument(s): ${operands.map((o) => `${o} `).join('')}`);
  if (badOption) return done({ kind: 'exit', code: 1 });
  return done({ kind: 'run', options });
}
