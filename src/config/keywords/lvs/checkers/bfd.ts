/** BFD_CHECK: the real server follows a bfd_instance defined earlier in the file. */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { BfdChecker } from '../../../model/lvs.js';
import { leaf } from '../../../tree/spec.js';
import { realServerName } from '../names.js';
import { checkerKeyword } from './open.js';

const MAX_BFD_NAME = 31;

export const bfdCheck = checkerKeyword<BfdChecker>(
  (position) => ({ type: 'BFD_CHECK', position }),
  {
    name: leaf((ctx, s) => {
      const who = `(${realServerName(s.vs, s.rs)})`;
      if (ctx.words.length !== 2) {
        ctx.report(ConfigErrorClass.GeneralError, `${who} BFD_CHECK - No or too many names specified - skipping checker`);
        s.keep = false;
        return;
      }
      const name = ctx.words[1] as string;
      if (name.length > MAX_BFD_NAME) {
        ctx.report(ConfigErrorClass.GeneralError, `${who} BFD_CHECK - BFD name ${name} too long`);
        s.keep = false;
        return;
      }
      if (!s.config.bfd.instances.some((i) => i.name === name)) {
        ctx.report(ConfigErrorClass.GeneralError, `${who} BFD_CHECK - BFD ${name} not configured`);
        s.keep = false;
        return;
      }
      if (s.checker.name !== undefined) {
        ctx.report(ConfigErrorClass.GeneralError, `${who} BFD_CHECK - BFD ${name} already specified as ${s.checker.name}`);
        return;
      }
      if (s.rs.checkers.some((c) => c.type === 'BFD_CHECK' && c.name === name)) {
        ctx.report(ConfigErrorClass.GeneralError, `${who} BFD_CHECK - RS already monitoring ${name}`);
        s.keep = false;
        return;
      }
      s.checker.name = name;
    }),
  },
  (s, ctx) => {
    if (s.keep && s.checker.name === undefined) {
      ctx.report(ConfigErrorClass.GeneralError, `(${realServerName(s.vs, s.rs)}) No name has been specified for BFD_CHECKER - skipping`);
      s.keep = false;
    }
  },
);
