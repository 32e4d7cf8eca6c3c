/** FILE_CHECK: weight follows the value of a tracked file (track_file blocks). */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { FileChecker } from '../../../model/lvs.js';
import { leaf } from '../../../tree/spec.js';
import { readInteger, INT32_MAX } from '../../../lvs-values/numbers.js';
import { checkerKeyword } from './open.js';

export const fileCheck = checkerKeyword<FileChecker>(
  (position) => ({ type: 'FILE_CHECK', position, dynamic: false, reverse: false }),
  {
    track_file: leaf((ctx, s) => {
      s.checker.trackFile = ctx.requireWord(1);
    }),
    file: leaf((ctx, s) => {
      s.checker.trackFile = ctx.requireWord(1);
    }),
    dynamic: leaf((_ctx, s) => {
      s.checker.dynamic = true;
    }),
    weight: leaf((ctx, s) => {
      const word = ctx.words[1];
      if (word === undefined) {
        ctx.report(ConfigErrorClass.GeneralError, 'track file weight missing');
        return;
      }
      const value = readInteger(word, -INT32_MAX, INT32_MAX, () => undefined);
      if (value === undefined) {
        ctx.report(ConfigErrorClass.GeneralError, `weight for track file must be in [${-INT32_MAX}..${INT32_MAX}] inclusive. Ignoring...`);
        return;
      }
      const option = ctx.words[2];
      if (option !== undefined && option !== 'reverse' && option !== 'noreverse') {
        ctx.report(ConfigErrorClass.GeneralError, `unknown track file weight option ${option} - ignoring`);
        return;
      }
      s.checker.weight = value;
      s.checker.reverse = option === 'reverse';
    }),
  },
  (s, ctx) => {
    if (s.checker.trackFile === undefined) {
      ctx.report(ConfigErrorClass.GeneralError, 'FILE_CHECK has no track_file specified - ignoring');
      s.keep = false;
    }
  },
);
