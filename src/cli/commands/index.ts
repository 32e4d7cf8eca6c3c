/**
 * Sub-commands keepalived lacks (`keepalived-ts sim …`). Each lives in its own file and is
 * imported only when asked for, so the daemon and `-t` never load them. Adding a command is
 * adding a file and a line here.
 */
export interface CommandContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Name the program was invoked as, for messages. */
  readonly prog: string;
}

export type CommandRunner = (args: readonly string[], ctx: CommandContext) => Promise<number>;

const COMMANDS = {
  sim: () => import('./sim.js'),
  chart: () => import('./chart.js'),
  status: () => import('./status.js'),
  genhash: () => import('./genhash.js'),
} satisfies Record<string, () => Promise<{ run: CommandRunner }>>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(word: string | undefined): word is CommandName {
  return word !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

export async function runCommand(name: CommandName, args: readonly string[], ctx: CommandContext): Promise<number> {
  const { run } = await COMMANDS[name]();
  return run(args, ctx);
}
