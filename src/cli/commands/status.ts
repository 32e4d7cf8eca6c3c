/**
 * `keepalived-ts status [health|ready|live|json] [INSTANCE] [--socket PATH] [--timeout MS]`:
 * the status socket's client, shaped for Kubernetes exec probes — it prints the daemon's answer
 * and exits 0 when the probe passes, 1 when it fails or the daemon cannot be reached.
 *
 *   health  MASTER/BACKUP pass, FAULT fails   (HEALTH [INSTANCE])
 *   ready   passes when Master                (READY [INSTANCE])
 *   live    passes when the daemon and its subsystems are up (LIVE)
 *   json    prints the status document        (STATUS)
 */
import { connect } from 'node:net';
import { DEFAULT_STATUS_SOCKET } from '../daemon/status-settings.js';
import type { CommandRunner } from './index.js';

const MODES = { health: 'HEALTH', ready: 'READY', live: 'LIVE', json: 'STATUS' } as const;
type Mode = keyof typeof MODES;

const USAGE = 'usage: status [health|ready|live|json] [INSTANCE] [--socket PATH] [--timeout MS]\n';

interface Parsed {
  readonly mode: Mode;
  readonly instance: string | undefined;
  readonly socket: string;
  readonly timeoutMs: number;
}

function parse(args: readonly string[]): Parsed | string {
  let socket = DEFAULT_STATUS_SOCKET;
  let timeoutMs = 2000;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--socket' || flag === '--timeout') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      if (flag === '--socket') socket = value;
      else if (!/^\d+$/.test(value) || Number(value) < 1) return `--timeout needs milliseconds, not '${value}'`;
      else timeoutMs = Number(value);
    } else if (flag === '-h' || flag === '--help') {
      return '';
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else {
      words.push(arg);
    }
  }
  const [modeWord = 'health', instance, extra] = words;
  if (!(modeWord in MODES)) return `unknown status check '${modeWord}'`;
  const mode = modeWord as Mode;
  if (extra !== undefined || (instance !== undefined && (mode === 'live' || mode === 'json'))) return 'too many arguments';
  return { mode, instance, socket, timeoutMs };
}

/** Sends one request line; resolves with the answer line. */
export function ask(socketPath: string, request: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let data = '';
    const timer = setTimeout(() => { // port-ok: client command: its own request timeout
      socket.destroy();
      reject(new Error(`no answer from ${socketPath} within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (err?: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      if (err) return reject(err);
      const newline = data.indexOf('\n');
      if (newline < 0) return reject(new Error(`incomplete answer from ${socketPath}`));
      resolve(data.slice(0, newline));
    };
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.end(`${request}\n`));
    socket.on('data', (chunk: string) => {
      data += chunk;
      if (data.includes('\n')) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (err) => finish(new Error(`cannot reach ${socketPath}: ${err.message}`)));
  });
}

function passes(mode: Mode, answer: string): boolean {
  switch (mode) {
    case 'health':
      return answer === 'MASTER' || answer === 'BACKUP';
    case 'ready':
      return answer === 'READY';
    case 'live':
      return answer === 'LIVE';
    case 'json':
      return answer.startsWith('{');
  }
}

export const run: CommandRunner = async (args, ctx) => {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    if (parsed !== '') ctx.stderr(`${ctx.prog} status: ${parsed}\n`);
    ctx.stderr(`${ctx.prog} ${USAGE}`);
    return parsed === '' ? 0 : 2;
  }
  const request = parsed.instance === undefined ? MODES[parsed.mode] : `${MODES[parsed.mode]} ${parsed.instance}`;
  let answer: string;
  try {
    answer = await ask(parsed.socket, request, parsed.timeoutMs);
  } catch (err) {
    ctx.stderr(`${ctx.prog} status: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (answer.startsWith('ERROR')) {
    ctx.stderr(`${ctx.prog} status: ${answer}\n`);
    return 1;
  }
  ctx.stdout(`${answer}\n`);
  return passes(parsed.mode, answer) ? 0 : 1;
};
