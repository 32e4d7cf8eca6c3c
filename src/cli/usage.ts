/** `-h/--help`: keepalived's layout (two-column, to stderr), keepalived-ts's own wording. */
import { DEFAULT_CONFIG_FILE, DEFAULT_LOG_FILE } from './options.js';
import { SIGNAL_FUNCTIONS } from './signals.js';
import { COMMAND_NAMES } from './commands/index.js';

const rows: readonly (readonly [string, string])[] = [
  ['-f, --use-file=FILE', `Read the configuration from FILE\n default '${DEFAULT_CONFIG_FILE}'`],
  ['-P, --vrrp', 'Run the VRRP subsystem only'],
  ['-C, --check', 'Run the health-checker subsystem only'],
  ['-B, --no_bfd', 'Do not run the BFD subsystem'],
  ['    --all', 'Run every subsystem, even one with nothing configured'],
  ['-l, --log-console', 'Log to the console (with -n)'],
  ['-D, --log-detail', 'Log in detail (twice: extra detail)'],
  ['-S, --log-facility=([0-7]|local[0-7]|user|daemon)', ''],
  ['', 'syslog facility: LOG_LOCAL[0-7], user or daemon (default)'],
  ['-g, --log-file[=FILE]', `Also log to FILE, one file per subsystem\n (default ${DEFAULT_LOG_FILE})`],
  ['    --flush-log-file', 'Write log file lines at once'],
  ['-G, --no-syslog', 'Do not log to syslog'],
  ['-u, --umask=MASK', 'File creation mask (numeric)'],
  ['-X, --release-vips', 'Drop VIPs on a transition caused by a signal'],
  ['-V, --dont-release-vrrp', 'Leave VRRP VIPs and routes in place on stop'],
  ['-I, --dont-release-ipvs', 'Leave the IPVS table in place on stop'],
  ['-R, --dont-respawn', 'Do not restart a failed subsystem'],
  ['-n, --dont-fork', 'Stay in the foreground'],
  ['-d, --dump-conf', 'Print the parsed configuration (JSON)'],
  ['-p, --pid=FILE', 'pid file of the main process'],
  ['-r, --vrrp_pid=FILE', 'pid file of the VRRP subsystem'],
  ['-T, --genhash', 'genhash utility mode (must be the first option)'],
  ['-c, --checkers_pid=FILE', 'pid file of the checker subsystem'],
  ['-a, --address-monitoring', 'Log every address change netlink reports'],
  ['-b, --bfd_pid=FILE', 'pid file of the BFD subsystem'],
  ['-x, --snmp', 'Enable SNMP (not supported yet)'],
  ['-A, --snmp-agent-socket=FILE', 'SNMP master agent socket (not supported yet)'],
  ['-s, --namespace=NAME', 'Run in network namespace NAME (not supported yet)'],
  ['-m, --core-dump', 'Accepted for compatibility; no effect'],
  ['-M, --core-dump-pattern[=PATN]', 'Accepted for compatibility; no effect'],
  ['-e, --all-config', 'Fail if any configuration file is missing'],
  ['-i, --config-id id', "Keep '@id' lines that match id and '@^id' lines that do not\n default: the host name up to the first dot"],
  ['    --signum=SIGFUNC', `Print the signal number for ${Object.keys(SIGNAL_FUNCTIONS).join(', ')}`],
  ['-t, --config-test[=LOG_FILE]', 'Check the configuration and exit; diagnostics to stderr\n or appended to LOG_FILE'],
  ['    --json', 'JSON lines for -t diagnostics and -l console logging'],
  ['    --status-socket=PATH', 'Status socket path (default /run/keepalived-ts/status.sock)'],
  ['    --status-http=[ADDR:]PORT', 'Serve /healthz /readyz /status /metrics\n (ADDR default 127.0.0.1)'],
  ['-v, --version', 'Print the version'],
  ['-h, --help', 'Print this help'],
];

const WIDTH = 29;

export function usageText(prog: string): string {
  const lines = [`Usage: ${prog} [OPTION...]`];
  for (const [left, right] of rows) {
    const [first = '', ...more] = right.split('\n');
    const head = `  ${left}`;
    lines.push(head.length > WIDTH + 1 && first !== '' ? `${head}\n${' '.repeat(WIDTH + 2)}${first}` : `${head.padEnd(WIDTH + 2)}${first}`.trimEnd());
    for (const line of more) lines.push(`${' '.repeat(WIDTH + 2)}${line}`);
  }
  lines.push('', `       ${prog} COMMAND [ARG...]   keepalived-ts tools: ${COMMAND_NAMES.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
