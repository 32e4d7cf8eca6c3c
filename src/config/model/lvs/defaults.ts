/**
 * keepalived's defaults for LVS settings, and the inheritance virtual server → real server →
 * checker that decides the value a checker finally uses.
 */
import type { Checker, CheckerType } from './checkers.js';
import type { InheritedTiming, RealServer, VirtualServer } from '../lvs.js';

export const LVS_DEFAULTS = {
  delayLoopMs: 60_000,
  connectTimeoutMs: 5_000,
  scheduler: 'wlc',
  method: 'NAT',
  /** keepalived defaults a virtual server without `protocol` to UDP (and says so). */
  protocol: 'UDP',
  /** `persistence_timeout` with no value, or implied by persistence_granularity. */
  persistenceTimeoutS: 360,
  quorum: 1,
  hysteresis: 0,
  realServerWeight: 1,
  udpMaxReplyLength: 255,
} as const;

/** Retry count when nobody sets one: MISC_CHECK 0, DNS_CHECK 3, the others 1. */
export function defaultRetry(type: CheckerType): number {
  if (type === 'MISC_CHECK') return 0;
  if (type === 'DNS_CHECK') return 3;
  return 1;
}

/** delay_before_retry when nobody sets one: DNS uses the delay loop, HTTP/SSL 3 s, others 1 s. */
export function defaultDelayBeforeRetryMs(type: CheckerType, delayLoopMs: number): number {
  if (type === 'DNS_CHECK') return delayLoopMs;
  if (type === 'HTTP_GET' || type === 'SSL_GET') return 3_000;
  return 1_000;
}

export interface EffectiveTiming {
  readonly delayLoopMs: number;
  readonly connectTimeoutMs: number;
  readonly retry: number;
  readonly delayBeforeRetryMs: number;
  /** Maximum random start delay; defaults to the delay loop. */
  readonly warmupMs: number;
  readonly alpha: boolean;
}

/** The timing a checker runs with: its own setting, else its real server's, else its virtual server's. */
export function effectiveTiming(vs: VirtualServer, rs: RealServer, checker: Checker): EffectiveTiming {
  const own: InheritedTiming & { delayLoopMs?: number | undefined } =
    checker.type === 'FILE_CHECK' || checker.type === 'BFD_CHECK' ? {} : checker;
  const pick = <K extends keyof InheritedTiming>(key: K): InheritedTiming[K] => own[key] ?? rs[key] ?? vs[key];
  const delayLoopMs = pick('delayLoopMs') ?? LVS_DEFAULTS.delayLoopMs;
  return {
    delayLoopMs,
    connectTimeoutMs: pick('connectTimeoutMs') ?? LVS_DEFAULTS.connectTimeoutMs,
    retry: pick('retry') ?? defaultRetry(checker.type),
    delayBeforeRetryMs: pick('delayBeforeRetryMs') ?? defaultDelayBeforeRetryMs(checker.type, delayLoopMs),
    warmupMs: pick('warmupMs') ?? delayLoopMs,
    alpha: pick('alpha') ?? false,
  };
}
