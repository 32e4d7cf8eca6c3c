/** UDP_CHECK: optional payload, optional reply pattern and reply length bounds. */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { UdpChecker } from '../../../model/lvs.js';
import { leaf } from '../../../tree/spec.js';
import { readInteger } from '../../../lvs-values/numbers.js';
import { parseHexString } from '../hex.js';
import { checkerKeyword } from './open.js';
import { standardOptions } from './common.js';
import type { CheckerState } from './state.js';

/** Default upper bound of an accepted reply; a reply can be as long as a UDP datagram. */
const DEFAULT_MAX_REPLY_LENGTH = 255;
const MAX_REPLY_LENGTH = 65535;

function length(which: 'min' | 'max') {
  return leaf<CheckerState<UdpChecker>>((ctx, s) => {
    const word = ctx.requireWord(1);
    const value = readInteger(word, 0, MAX_REPLY_LENGTH, () => undefined);
    if (value === undefined) {
      ctx.report(ConfigErrorClass.GeneralError, `UDP_CHECK ${which} length ${word} not valid - must be between 0 & ${MAX_REPLY_LENGTH}`);
      return;
    }
    if (which === 'min') s.checker.minReplyLength = value;
    else s.checker.maxReplyLength = value;
  });
}

export const udpCheck = checkerKeyword<UdpChecker>(
  (position) => ({ type: 'UDP_CHECK', position, requireReply: false, minReplyLength: 0, maxReplyLength: DEFAULT_MAX_REPLY_LENGTH }),
  {
    ...standardOptions<UdpChecker>(),
    payload: leaf((ctx, s) => {
      if (ctx.words.length < 2) {
        ctx.report(ConfigErrorClass.GeneralError, 'UDP_CHECK payload requires a payload');
        return;
      }
      const parsed = parseHexString(ctx.words.slice(1), false);
      if (!parsed) {
        ctx.report(ConfigErrorClass.GeneralError, 'Invalid hex string for UDP_CHECK payload');
        return;
      }
      s.checker.payload = parsed.bytes;
    }),
    require_reply: leaf((ctx, s) => {
      s.checker.requireReply = true;
      if (ctx.words.length < 2) return;
      const parsed = parseHexString(ctx.words.slice(1), true);
      if (!parsed) {
        ctx.report(ConfigErrorClass.GeneralError, 'Invalid hex string for UDP_CHECK reply');
        return;
      }
      s.checker.reply = parsed.bytes;
      s.checker.replyMask = parsed.mask;
    }),
    min_reply_length: length('min'),
    max_reply_length: length('max'),
  },
  (s, ctx) => {
    const { minReplyLength, maxReplyLength } = s.checker;
    if (minReplyLength > maxReplyLength) {
      ctx.report(
        ConfigErrorClass.GeneralError,
        `UDP_CHECK min_reply length ${minReplyLength} > max_reply_length ${maxReplyLength} - will always fail`,
      );
    }
  },
);
