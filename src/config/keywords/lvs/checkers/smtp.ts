/** SMTP_CHECK: helo_name, and the deprecated `host { }` blocks, each an extra SMTP checker. */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { SmtpChecker } from '../../../model/lvs.js';
import { appended } from '../../../model/lists.js';
import { blockSpec, leaf, sub } from '../../../tree/spec.js';
import { checkerKeyword } from './open.js';
import { connectionOptions, standardOptions } from './common.js';
import type { CheckerState } from './state.js';

const heloName = leaf<CheckerState<SmtpChecker>>((ctx, s) => {
  const word = ctx.words[1];
  if (word === undefined) {
    ctx.report(ConfigErrorClass.GeneralError, 'SMTP_CHECK helo name missing');
    return;
  }
  s.checker.heloName = word;
});

/** A host block copies its parent's settings so far and adds its own connection options. */
const hostBlock = blockSpec<CheckerState<SmtpChecker>>(connectionOptions<SmtpChecker>(), (s) => {
  s.rs.checkers = appended(s.rs.checkers, s.checker);
});

export const smtpCheck = checkerKeyword<SmtpChecker>((position) => ({ type: 'SMTP_CHECK', position }), {
  ...standardOptions<SmtpChecker>(),
  helo_name: heloName,
  // Deprecated, but keepalived 2.2.7's config test accepts it without a word.
  host: sub<CheckerState<SmtpChecker>, CheckerState<SmtpChecker>>((ctx, parent) => {
    return { ...parent, checker: { ...parent.checker, position: ctx.line.position }, keep: true };
  }, hostBlock),
});
