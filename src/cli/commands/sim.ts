/**
 * `keepalived-ts sim SCENARIO [--seed N] [--trace FILE] [--html FILE] [--explore K [--shrunk FILE]]`
 *
 * Runs a scenario (examples/sim/README.md) on virtual time with the daemon's own VRRP code and
 * judges it. `--html` writes the replay page: the live view's instance charts stepped through the
 * run, with the timeline, verdict and events (src/charts/live/replay.ts). The seed is printed
 * first; a failing run prints the command that reproduces it.
 * Exit: 0 every invariant held, 1 safety violated, 2 liveness violated, 3 simulator error
 * (including a bad scenario or bad arguments).
 */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { CommandRunner } from './index.js';
import { loadScenarioFile } from '../../sim/scenario/load.js';
import { runAndJudge } from '../../sim/judge.js';
import { EXIT } from '../../sim/check/analyze.js';
import { toJsonLines } from '../../sim/trace.js';
import { summary, timeline } from '../../sim/report/text.js';
import { explore } from '../../sim/explore/explore.js';
import { scenarioToYaml } from '../../sim/scenario/write.js';

const USAGE = 'usage: sim SCENARIO [--seed N] [--trace FILE] [--html FILE] [--quiet] [--explore K [--shrunk FILE]]';

interface Args {
  scenario: string;
  seed: number | undefined;
  trace: string | undefined;
  html: string | undefined;
  explore: number | undefined;
  shrunk: string | undefined;
  quiet: boolean;
}

function parseArgs(args: readonly string[]): Args | string {
  const out: Args = { scenario: '', seed: undefined, trace: undefined, html: undefined, explore: undefined, shrunk: undefined, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const integer = (): number => {
      const v = value();
      if (!/^[0-9]+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new Error(`${flag} wants a non-negative integer, not ${v}`);
      return Number(v);
    };
    try {
      switch (flag) {
        case '--seed': out.seed = integer(); break;
        case '--trace': out.trace = value(); break;
        case '--html': out.html = value(); break;
        case '--explore': out.explore = integer(); break;
        case '--shrunk': out.shrunk = value(); break;
        case '--quiet': out.quiet = true; break;
        default:
          if (flag.startsWith('-') || out.scenario !== '') return `unexpected argument ${arg}`;
          out.scenario = arg;
      }
    } catch (error) {
      return (error as Error).message;
    }
  }
  return out.scenario === '' ? 'no scenario file given' : out;
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export const run: CommandRunner = async (argv, ctx) => {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    ctx.stderr(`${ctx.prog} sim: ${args}\n${USAGE}\n`);
    return EXIT.error;
  }
  const seed = args.seed ?? randomInt(0, 2 ** 31);
  ctx.stdout(`seed: ${seed}\n`);
  const repro = (file: string): string => `${ctx.prog} sim ${shellQuote(file)} --seed ${seed}`;
  try {
    const scenario = loadScenarioFile(args.scenario);
    if (args.explore !== undefined) {
      const result = await explore(scenario, { seed, runs: args.explore });
      ctx.stdout(`explored ${result.runs} schedule(s) with fault kinds: ${result.kinds.join(', ')}${result.interrupted ? ' (time limit reached)' : ''}\n`);
      if (result.failure === undefined) {
        ctx.stdout('every invariant held (exit 0)\n');
        return EXIT.ok;
      }
      const file = args.shrunk ?? 'counterexample.yaml';
      const yaml = scenarioToYaml(result.failure.scenario, `Shrunk counterexample (${result.failure.shrinks} shrink steps) from ${args.scenario}\nReproduce: ${repro(file)}`);
      if (args.shrunk !== undefined) writeFileSync(args.shrunk, yaml);
      ctx.stdout(`an invariant broke (exit ${result.failure.exitCode}); minimal schedule:\n---\n${yaml}---\n`);
      ctx.stdout(`reproduce: ${args.shrunk !== undefined ? '' : `save the scenario above as ${file}, then `}${repro(file)}\n`);
      return result.failure.exitCode;
    }
    const judged = await runAndJudge(scenario, seed);
    if (args.trace !== undefined) writeFileSync(args.trace, toJsonLines(judged.events));
    if (args.html !== undefined) {
      // The replay page draws the instance charts (Graphviz): loaded only when asked for.
      const { renderSimReplay } = await import('../../charts/live/replay.js');
      writeFileSync(args.html, await renderSimReplay(`${scenario.name} — seed ${seed}`, judged.events, judged.analysis));
    }
    const lines = [`scenario: ${scenario.name}${scenario.description !== '' ? ` — ${scenario.description}` : ''}`, ...(args.quiet ? [] : timeline(judged.events)), ...summary(judged.analysis)];
    for (const [key, verdict] of Object.entries(scenario.expect)) {
      const got = key === 'safety' ? judged.analysis.safety.verdict : judged.analysis.liveness.verdict;
      lines.push(`expected ${key} ${verdict}: ${got === verdict ? 'as expected' : `got ${got}`}`);
    }
    if (judged.exitCode !== EXIT.ok) lines.push(`reproduce: ${repro(args.scenario)}`);
    ctx.stdout(`${lines.join('\n')}\n`);
    return judged.exitCode;
  } catch (error) {
    ctx.stderr(`${ctx.prog} sim: ${(error as Error).message}\n`);
    ctx.stderr(`reproduce: ${repro(args.scenario)}\n`);
    return EXIT.error;
  }
};
