/**
 * Timing keywords shared by virtual servers, real servers and checkers. Each level words its
 * complaint differently (keepalived's own texts), so the messages are passed in.
 */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { InheritedTiming } from '../../model/lvs.js';
import { leaf, type LeafKeyword } from '../../tree/spec.js';
import { readBool, readInteger, readTimerMs, UINT32_MAX } from '../../lvs-values/numbers.js';

/** Complaint texts per keyword; `undefined` when keepalived adds none after the number error. */
export interface TimingMessages {
  readonly delayLoop: (w: string) => string | undefined;
  readonly connectTimeout: (w: string) => string | undefined;
  readonly retry: (w: string) => string | undefined;
  readonly delayBeforeRetry: (w: string) => string | undefined;
  readonly warmup: (w: string) => string | undefined;
  /** Smallest retry accepted. */
  readonly retryMin: number;
}

type TimingKey = 'delayLoopMs' | 'connectTimeoutMs' | 'delayBeforeRetryMs' | 'warmupMs';

/** The delay loop and connect timeout must be positive; warmup and retry delay may be 0. */
const POSITIVE_US = 1;

export function timingKeywords<S>(
  target: (state: S) => InheritedTiming,
  messages: TimingMessages,
): Record<string, LeafKeyword<S>> {
  const timer = (key: TimingKey, message: (w: string) => string | undefined, minUs = 0) =>
    leaf<S>((ctx, state) => {
      const word = ctx.requireWord(1);
      const value = readTimerMs(word, ctx.report, minUs);
      if (value === undefined) {
        const text = message(word);
        if (text !== undefined) ctx.report(ConfigErrorClass.GeneralError, text);
        return;
      }
      target(state)[key] = value;
    });
  return {
    delay_loop: timer('delayLoopMs', messages.delayLoop, POSITIVE_US),
    connect_timeout: timer('connectTimeoutMs', messages.connectTimeout, POSITIVE_US),
    delay_before_retry: timer('delayBeforeRetryMs', messages.delayBeforeRetry),
    warmup: timer('warmupMs', messages.warmup),
    retry: leaf<S>((ctx, state) => {
      const word = ctx.requireWord(1);
      const value = readInteger(word, messages.retryMin, UINT32_MAX, ctx.report);
      if (value === undefined) {
        const text = messages.retry(word);
        if (text !== undefined) ctx.report(ConfigErrorClass.GeneralError, text);
        return;
      }
      target(state).retry = value;
    }),
  };
}

/** `keyword [<BOOL>]`: true without a value. */
export function boolKeyword<S>(store: (state: S, value: boolean) => void, invalid: (w: string) => string): LeafKeyword<S> {
  return leaf<S>((ctx, state) => {
    const word = ctx.words[1];
    if (word === undefined) {
      store(state, true);
      return;
    }
    const value = readBool(word);
    if (value === undefined) {
      ctx.report(ConfigErrorClass.GeneralError, invalid(word));
      return;
    }
    store(state, value);
  });
}
