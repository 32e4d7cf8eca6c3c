/**
 * Whether a command line runs a config test, decided as the CLI decides it (src/cli/main.ts's
 * runCli): no sub-command, and the parsed options ask for `-t`. The bin asks before it loads the
 * ES-module CLI, so that `-t` starts the whole CLI from the code-cached config-test.cjs instead.
 */
import { parseCommandLine } from '../args/parse.js';
import { isCommandName } from '../commands/index.js';

export function selectsConfigTest(args: readonly string[]): boolean {
  if (isCommandName(args[0])) return false;
  const { action } = parseCommandLine(args);
  return action.kind === 'run' && action.options.configTest;
}

