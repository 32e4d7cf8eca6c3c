/** MISC_CHECK: an external program decides the real server's health. */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { MiscChecker } from '../../../model/lvs.js';
import { leaf } from '../../../tree/spec.js';
import { readInteger, UINT32_MAX } from '../../../lvs-values/numbers.js';
import { readScript } from '../script.js';
import { checkerKeyword } from './open.js';
import { timingOptions } from './common.js';

export const miscCheck = checkerKeyword<MiscChecker>(
  (position) => ({ type: 'MISC_CHECK', position, dynamic: false }),
  {
    ...timingOptions<MiscChecker>(),
    misc_path: leaf((ctx, s) => {
      s.checker.script = readScript(ctx);
    }),
    misc_timeout: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const seconds = readInteger(word, 0, Math.floor(UINT32_MAX / 1000), ctx.report);
      if (seconds === undefined) {
        ctx.report(ConfigErrorClass.GeneralError, `Invalid misc_timeout value '${word}'`);
        return;
      }
      s.checker.miscTimeoutMs = seconds * 1000;
    }),
    misc_dynamic: leaf((_ctx, s) => {
      s.checker.dynamic = true;
    }),
    user: leaf((ctx, s) => {
      s.checker.user = ctx.requireWord(1);
      s.checker.group = ctx.words[2];
    }),
  },
  (s, ctx) => {
    if (!s.checker.script) {
      ctx.report(ConfigErrorClass.GeneralError, 'No script path has been specified for MISC_CHECKER - skipping');
      s.keep = false;
    }
  },
);
