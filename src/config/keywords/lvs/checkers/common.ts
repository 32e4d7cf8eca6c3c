/** Options most checkers share: where to connect from/to, and the timing inherited from the real server. */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { CheckerConnection, CheckerTiming, Checker } from '../../../model/lvs.js';
import { leaf, type KeywordSpec } from '../../../tree/spec.js';
import { parseAddress } from '../../../lvs-values/addresses.js';
import { readInteger, UINT32_MAX } from '../../../lvs-values/numbers.js';
import { boolKeyword, timingKeywords } from '../timing.js';
import type { CheckerState } from './state.js';

/** keepalived's interface names fit IFNAMSIZ (16 with the terminator). */
const MAX_INTERFACE_NAME = 15;
const MAX_PORT = 65535;

type Keywords<C extends Checker> = Record<string, KeywordSpec<CheckerState<C>>>;

export function timingOptions<C extends Checker & CheckerTiming>(): Keywords<C> {
  return {
    ...timingKeywords<CheckerState<C>>((s) => s.checker, {
      delayLoop: (w) => `delay_loop '${w}' is invalid - ignoring`,
      connectTimeout: (w) => `connect_timeout ${w} invalid - ignoring`,
      retry: (w) => `Invalid retry connection value '${w}'`,
      delayBeforeRetry: (w) => `Invalid delay_before_retry connection value '${w}'`,
      warmup: (w) => `Invalid warmup connection value '${w}'`,
      retryMin: 0,
    }),
    alpha: boolKeyword<CheckerState<C>>((s, v) => (s.checker.alpha = v), (w) => `Invalid alpha parameter ${w}`),
    log_all_failures: boolKeyword<CheckerState<C>>(
      (s, v) => (s.checker.logAllFailures = v),
      (w) => `Invalid log_all_failures parameter ${w}`,
    ),
  };
}

export function connectionOptions<C extends Checker & CheckerConnection>(): Keywords<C> {
  const address = (key: 'connectIp' | 'bindTo', label: string, other: 'connectIp' | 'bindTo', otherLabel: string) =>
    leaf<CheckerState<C>>((ctx, s) => {
      const word = ctx.requireWord(1);
      const parsed = parseAddress(word);
      if (!parsed) {
        ctx.report(ConfigErrorClass.GeneralError, `Invalid ${label} address ${word} - ignoring`);
        return;
      }
      const counterpart = s.checker[other];
      if (counterpart && counterpart.family !== parsed.family) {
        ctx.report(ConfigErrorClass.GeneralError, `${label} address ${word} does not match address family of ${otherLabel} - skipping`);
        return;
      }
      s.checker[key] = { family: parsed.family, address: parsed.address };
    });
  const port = (key: 'connectPort' | 'bindPort', label: string) =>
    leaf<CheckerState<C>>((ctx, s) => {
      const word = ctx.requireWord(1);
      const value = readInteger(word, 1, MAX_PORT, ctx.report);
      if (value === undefined) {
        ctx.report(ConfigErrorClass.GeneralError, `Invalid checker ${label} '${word}'`);
        return;
      }
      s.checker[key] = value;
    });
  return {
    connect_ip: address('connectIp', 'connect_ip', 'bindTo', 'bindto'),
    connect_port: port('connectPort', 'connect_port'),
    bindto: address('bindTo', 'bindto', 'connectIp', 'connect_ip'),
    bind_port: port('bindPort', 'bind_port'),
    bind_if: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      if (word.length > MAX_INTERFACE_NAME) {
        ctx.report(ConfigErrorClass.GeneralError, `Interface name ${word} is too long - ignoring`);
        return;
      }
      s.checker.bindInterface = word;
    }),
    fwmark: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const value = readInteger(word, 0, UINT32_MAX, ctx.report);
      if (value === undefined) {
        ctx.report(ConfigErrorClass.GeneralError, `Invalid fwmark connection value '${word}'`);
        return;
      }
      s.checker.fwmark = value;
    }),
  };
}

/** Connection and timing options together: the standard set of the network checkers. */
export function standardOptions<C extends Checker & CheckerConnection & CheckerTiming>(): Keywords<C> {
  return { ...connectionOptions<C>(), ...timingOptions<C>() };
}
