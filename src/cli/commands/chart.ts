/**
 * `keepalived-ts chart [--machine vrrp|sync-group|script-check|supervisor|all]
 *                      [-f keepalived.conf] [--format svg|mermaid|dot|json] [-o FILE]`
 * Draws the state machines from their checked-in JSON, or a configuration's instances, sync
 * groups, tracked objects and supervision tree. SVG is laid out by Graphviz (WebAssembly),
 * loaded only here.
 */
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { CommandContext, CommandRunner } from './index.js';
import type { LoadedConfig } from '../../config/load.js';
import type { ChartBundle } from '../../charts/model.js';
import { FORMATS, renderBundle, type ChartFormat } from '../../charts/render.js';
import { MACHINE_NAMES, machineChart, type MachineName } from '../../charts/machines.js';
import { supervisionChart } from '../../charts/supervision.js';
import { configBundle } from '../../charts/config-chart.js';

const CHOICES = [...MACHINE_NAMES, 'supervisor', 'all'] as const;
type Choice = (typeof CHOICES)[number];

const USAGE = `Usage: %s chart [options]
  -m, --machine NAME   ${CHOICES.join('|')} (default: all)
  -f, --use-file FILE  draw this configuration's instances, sync groups, tracked
                       objects and supervision tree instead
  -i, --config-id ID   config id for @ID lines (default: host name)
  -F, --format FORMAT  ${FORMATS.join('|')} (default: svg)
  -o, --output FILE    write to FILE instead of standard output
  -h, --help           this text
`;

interface ChartArgs {
  machine: Choice;
  format: ChartFormat;
  output: string | undefined;
  configFile: string | undefined;
  configId: string | undefined;
  help: boolean;
}

function parseArgs(args: readonly string[]): ChartArgs | string {
  const parsed: ChartArgs = { machine: 'all', format: 'svg', output: undefined, configFile: undefined, configId: undefined, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (name) {
      case '-h':
      case '--help':
        parsed.help = true;
        break;
      case '-m':
      case '--machine': {
        const v = value();
        if (!(CHOICES as readonly string[]).includes(v ?? '')) return `--machine wants one of ${CHOICES.join(', ')}`;
        parsed.machine = v as Choice;
        break;
      }
      case '-F':
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v ?? '')) return `--format wants one of ${FORMATS.join(', ')}`;
        parsed.format = v as ChartFormat;
        break;
      }
      case '-o':
      case '--output':
        parsed.output = value();
        if (parsed.output === undefined) return `${name} wants a file name`;
        break;
      case '-f':
      case '--use-file':
        parsed.configFile = value();
        if (parsed.configFile === undefined) return `${name} wants a file name`;
        break;
      case '-i':
      case '--config-id':
        parsed.configId = value();
        if (parsed.configId === undefined) return `${name} wants an id`;
        break;
      default:
        return `unknown argument '${arg}'`;
    }
  }
  return parsed;
}

function machineBundle(choice: Choice): ChartBundle {
  if (choice === 'supervisor') return { charts: [supervisionChart()] };
  if (choice === 'all') return { charts: [...MACHINE_NAMES.map(machineChart), supervisionChart()] };
  return { charts: [machineChart(choice as MachineName)] };
}

async function loadForChart(file: string, configId: string): Promise<LoadedConfig> {
  const [{ loadConfig }, { loadRealConfigHost }] = await Promise.all([import('../../config/load.js'), import('../real-config-host.js')]);
  return loadConfig(file, { configId, allConfig: false, configTest: true }, await loadRealConfigHost());
}

export interface ChartDeps {
  readonly load?: (file: string, configId: string) => Promise<LoadedConfig>;
}

export async function runChart(args: readonly string[], ctx: CommandContext, deps: ChartDeps = {}): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    ctx.stderr(`${ctx.prog} chart: ${parsed}\n${USAGE.replace('%s', ctx.prog)}`);
    return 1;
  }
  if (parsed.help) {
    ctx.stdout(USAGE.replace('%s', ctx.prog));
    return 0;
  }
  let bundle: ChartBundle;
  if (parsed.configFile !== undefined) {
    const id = parsed.configId ?? (hostname().split('.')[0] ?? '');
    const loaded = await (deps.load ?? loadForChart)(parsed.configFile, id);
    const { formatDiagnostic } = await import('../../config/diagnostics.js');
    for (const d of loaded.diagnostics.items) ctx.stderr(`${formatDiagnostic(d)}\n`);
    if (loaded.diagnostics.abortExitCode !== undefined) return 1;
    bundle = configBundle(loaded.config);
  } else {
    bundle = machineBundle(parsed.machine);
  }
  const text = await renderBundle(bundle, parsed.format);
  if (parsed.output === undefined) ctx.stdout(text);
  else writeFileSync(parsed.output, text);
  return 0;
}

export const run: CommandRunner = (args, ctx) => runChart(args, ctx);
