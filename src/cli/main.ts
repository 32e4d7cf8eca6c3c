/**
 * The composition root: reads the command line and runs one mode. Each mode is imported only
 * when chosen, so `-v`, `--signum` and `-t` start without loading pino, xstate or the daemon.
 */
import { realpathSync, openSync, writeSync, closeSync, constants as fsConstants } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSystemErrorMap } from 'node:util';
import { parseCommandLine } from './args/parse.js';
import { isCommandName, runCommand, type CommandContext } from './commands/index.js';
import { defaultConfigId } from './options.js';
import { writeAllSync } from './std-write.js';
import type { ConfigHost } from '../ports/config-host.js';
import type * as ConfigTestBundleModule from './modes/config-test-bundle.js';

export interface CliIo {
  /** How the program was invoked (for usage and the start-up command line). */
  readonly prog: string;
  readonly writeStdout: (text: string) => void;
  readonly writeStderr: (text: string) => void;
  /** Real wall clock (ms); tests pass a fixed one. */
  readonly clock: () => number;
  readonly pid: number;
  /** Overrides the real ConfigHost (tests). */
  readonly configHost?: ConfigHost;
  /**
   * dist/bundle/config-test.cjs when running bundled: `-t` loads its mode from there with the V8
   * code cache (./code-cache.ts), else (or when that fails) as an ES module.
   */
  readonly configTestScript?: string;
}

type ConfigTestBundle = typeof ConfigTestBundleModule;

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const ctx: CommandContext = { stdout: io.writeStdout, stderr: io.writeStderr, prog: io.prog };
  if (isCommandName(args[0])) return runCommand(args[0], args.slice(1), ctx);

  const parsed = parseCommandLine(args);
  for (const line of parsed.stderr) io.writeStderr(`${line}\n`);
  for (const line of parsed.stdout) io.writeStdout(`${line}\n`);
  const { action } = parsed;
  switch (action.kind) {
    case 'exit':
      return action.code;
    case 'version': {
      const { hostInfo, versionText } = await import('./host-info.js');
      io.writeStderr(versionText(hostInfo()));
      return 0;
    }
    case 'help': {
      const { usageText } = await import('./usage.js');
      io.writeStderr(usageText(io.prog));
      return 0;
    }
    case 'genhash':
      return runCommand('genhash', action.args, ctx);
    case 'run':
      break;
  }
  const options = action.options;
  for (const note of parsed.notes) io.writeStderr(`${io.prog}: ${note}\n`);
  const { hostInfo } = await import('./host-info.js');
  const info = hostInfo();
  const configId = options.configId ?? defaultConfigId(info.hostname);

  if (options.configTest) {
    let writeDiagnostics = io.writeStderr;
    let logFd: number | undefined;
    if (options.configTestLogFile !== undefined) {
      const opened = openAppend(options.configTestLogFile);
      if (typeof opened === 'string') {
        io.writeStderr(`${opened}\n`);
        return 1;
      }
      logFd = opened;
      writeDiagnostics = (text) => void writeSync(opened, text);
    }
    try {
      const bundle = io.configTestScript === undefined ? undefined : await loadConfigTestScript(io.configTestScript);
      const host = io.configHost ?? (bundle ? new bundle.RealConfigHost() : await (await import('./real-config-host.js')).loadRealConfigHost());
      const { runConfigTest } = bundle ?? (await import('./modes/config-test.js'));
      return runConfigTest(options, {
        host,
        configId,
        writeDiagnostics,
        writeStdout: io.writeStdout,
        commandLineError: parsed.configTestError,
      });
    } finally {
      if (logFd !== undefined) closeSync(logFd);
    }
  }

  const { runDaemon } = await import('./daemon.js');
  return runDaemon({
    options,
    info,
    configId,
    clock: io.clock,
    pid: io.pid,
    commandLine: [io.prog, ...args],
    writeStdout: io.writeStdout,
    writeStderr: io.writeStderr,
    configHost: io.configHost,
  });
}

async function loadConfigTestScript(file: string): Promise<ConfigTestBundle | undefined> {
  try {
    const { loadCodeCached } = await import('./code-cache.js');
    return loadCodeCached<ConfigTestBundle>(file);
  } catch {
    return undefined;
  }
}

/** keepalived opens the `-t` log file for appending and refuses to follow a symlink. */
function openAppend(path: string): number | string {
  try {
    return openSync(path, fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_NOFOLLOW, 0o644);
  } catch (err) {
    const errno = typeof (err as NodeJS.ErrnoException).errno === 'number' ? (err as NodeJS.ErrnoException).errno as number : 0;
    const text = getSystemErrorMap().get(errno)?.[1] ?? String(err);
    return `Unable to open config-test log file ${path} ${Math.abs(errno)} - ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  }
}

function programName(script: string | undefined): string {
  const name = basename(script ?? 'keepalived-ts').replace(/\.(c|m)?(j|t)s$/, '');
  return name === 'main' || name === '' ? 'keepalived-ts' : name;
}

/** Runs the CLI on the real process; `configTestScript` as in {@link CliIo}. */
export function start(configTestScript?: string): void {
  const io: CliIo = {
    configTestScript,
    prog: programName(process.argv[1]),
    writeStdout: (text) => writeAllSync(1, text),
    writeStderr: (text) => writeAllSync(2, text),
    clock: () => Date.now(), // port-ok: composition root: the real wall clock for logs
    pid: process.pid,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${io.prog}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

function isMainModule(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) start();
