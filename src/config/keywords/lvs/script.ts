/** Script keywords (notify_up, quorum_up, misc_path…): `<STRING>|<QUOTED-STRING> [user [group]]`. */
import type { LvsScript } from '../../model/lvs.js';
import type { LineContext } from '../../tree/spec.js';

/** The command is one word (quoted when it has arguments); the words after it name the user and group. */
export function readScript(ctx: LineContext): LvsScript {
  const command = ctx.requireWord(1);
  return {
    words: command.split(/\s+/).filter((w) => w !== ''),
    user: ctx.words[2],
    group: ctx.words[3],
    position: ctx.line.position,
  };
}
