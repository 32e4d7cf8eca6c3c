/**
 * The signals keepalived-ts answers to, by keepalived's function names (`--signum=NAME`).
 *
 * STOP, RELOAD, DATA and STATS are keepalived's own numbers, so existing scripts and unit
 * files (`kill -HUP`, `kill -USR1`, …) keep working.
 *
 * keepalived 2.2.7 sends STATS_CLEAR as SIGRTMAX-1 (63) and JSON as SIGRTMIN+2 (36). Node
 * cannot listen for real-time signals, so keepalived-ts uses two classic signals instead,
 * chosen because nothing sends them to a daemon in normal operation:
 *
 * - SIGURG (23): the kernel raises it only for out-of-band data on a socket whose owner was
 *   set with F_SETOWN, which keepalived-ts never does; its default action is to ignore, so
 *   sending it to a process that has not installed the handler yet is harmless.
 * - SIGSTKFLT (16): unused by the Linux kernel on every current architecture.
 *
 * SIGWINCH was rejected: a terminal resize would deliver it to `keepalived-ts -n -l` running
 * in the foreground and trigger JSON dumps. SIGPWR was rejected because init systems and
 * container runtimes use it for power events.
 *
 * The daemon installs handlers for exactly the names in this table.
 */
export const SIGNAL_FUNCTIONS = {
  STOP: { signal: 'SIGTERM', number: 15 },
  RELOAD: { signal: 'SIGHUP', number: 1 },
  DATA: { signal: 'SIGUSR1', number: 10 },
  STATS: { signal: 'SIGUSR2', number: 12 },
  STATS_CLEAR: { signal: 'SIGURG', number: 23 },
  JSON: { signal: 'SIGSTKFLT', number: 16 },
} as const satisfies Record<string, { signal: NodeJS.Signals; number: number }>;

export type SignalFunction = keyof typeof SIGNAL_FUNCTIONS;

/** keepalived matches the name exactly (upper case only). */
export function signalFunction(name: string): SignalFunction | undefined {
  return Object.prototype.hasOwnProperty.call(SIGNAL_FUNCTIONS, name) ? (name as SignalFunction) : undefined;
}
