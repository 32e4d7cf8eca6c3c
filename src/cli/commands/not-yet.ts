/** The placeholder every reserved sub-command uses until its issue lands. */
import type { CommandRunner } from './index.js';

export function notAvailableYet(name: string): CommandRunner {
  return async (_args, ctx) => {
    ctx.stderr(`${ctx.prog}: '${name}' is not available yet in this version\n`);
    return 1;
  };
}
