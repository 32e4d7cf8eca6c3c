/**
 * Reads a scenario file (YAML or JSON: YAML is a superset), validates it against the schema with
 * ajv, resolves configFile paths relative to the scenario, and normalises faults.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { scenarioSchema } from './schema.js';
import { parseDuration } from './duration.js';
import type { Direction, Fault, FaultAction, Impairment, Scenario, ScenarioInterface, ScenarioNode } from './types.js';

export class ScenarioError extends Error {}

type Raw = Record<string, unknown>;
type Duration = number | string;

// ajv is CommonJS: under NodeNext its default export is the module object.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default;
let validator: ValidateFunction | undefined;

function validate(document: unknown): void {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(scenarioSchema);
  if (validator(document)) return;
  const errors = (validator.errors ?? []).slice(0, 8).map((e) => `  ${e.instancePath || '/'} ${e.message ?? ''}`);
  throw new ScenarioError(`scenario does not match the schema:\n${errors.join('\n')}`);
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseScenario(text, dirname(resolve(path)));
}

/** `baseDir`: where configFile paths are taken from. */
export function parseScenario(text: string, baseDir: string): Scenario {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ScenarioError(`not YAML/JSON: ${(error as Error).message}`);
  }
  validate(document);
  return normalise(document as Raw, (file) => {
    try {
      return readFileSync(resolve(baseDir, file), 'utf8');
    } catch (error) {
      throw new ScenarioError(`cannot read config ${file}: ${(error as Error).message}`);
    }
  });
}

function macFor(nodeIndex: number, ifIndex: number): string {
  const hex = (n: number): string => n.toString(16).padStart(2, '0');
  return `52:54:00:${hex(ifIndex)}:${hex(nodeIndex >> 8)}:${hex((nodeIndex & 0xff) + 1)}`;
}

function splitAddress(text: string, where: string): { address: string; prefixLength: number } {
  const [address, prefix] = text.split('/');
  const prefixLength = prefix === undefined ? (address!.includes(':') ? 64 : 24) : Number(prefix);
  if (!address || !Number.isInteger(prefixLength)) throw new ScenarioError(`${where}: bad address ${text}`);
  return { address, prefixLength };
}

/** Validated document → Scenario (the schema has already checked shapes). */
export function normalise(doc: Raw, readConfig: (file: string) => string): Scenario {
  const links = ((doc.links as Raw[] | undefined) ?? [{ name: 'lan' }]).map((l) => l.name as string);
  const rawNodes = doc.nodes as Raw[];
  const nodes: ScenarioNode[] = rawNodes.map((n, i) => {
    const name = n.name as string;
    const rawIfs = (n.interfaces as Raw[] | undefined)
      ?? (n.address === undefined ? [] : [{ name: 'eth0', address: n.address }]);
    if (rawIfs.length === 0) throw new ScenarioError(`node ${name}: give an address or interfaces`);
    const interfaces: ScenarioInterface[] = rawIfs.map((f, j) => {
      const link = (f.link as string | undefined) ?? links[0]!;
      if (!links.includes(link)) throw new ScenarioError(`node ${name}: unknown link ${link}`);
      return { name: f.name as string, ...splitAddress(f.address as string, `node ${name}`), link, mac: (f.mac as string | undefined) ?? macFor(i, j) };
    });
    const config = (n.config as string | undefined) ?? readConfig(n.configFile as string);
    const variants = (n.variants as Record<string, string> | undefined) ?? {};
    return { name, interfaces, config, variants, startAtMs: parseDuration((n.startAt as Duration | undefined) ?? 0) };
  });
  const names = new Set<string>();
  for (const node of nodes) {
    if (names.has(node.name)) throw new ScenarioError(`node ${node.name} appears twice`);
    names.add(node.name);
  }
  const faults = ((doc.faults as Raw[] | undefined) ?? []).map((f, i) => {
    const atMs = parseDuration(f.at as Duration);
    const action = faultAction(f, readConfig);
    for (const node of nodesOf(action)) if (!names.has(node)) throw new ScenarioError(`fault ${i + 1}: unknown node ${node}`);
    if (action.kind === 'reload' && action.variant !== undefined && nodes.find((n) => n.name === action.node)!.variants[action.variant] === undefined) {
      throw new ScenarioError(`fault ${i + 1}: node ${action.node} has no variant ${action.variant}`);
    }
    return { atMs, ...(typeof f.note === 'string' ? { note: f.note } : {}), ...action } as Fault;
  });
  // Stable: faults at the same instant keep their file order.
  const ordered = faults.map((f, i) => [f, i] as const).sort((a, b) => a[0].atMs - b[0].atMs || a[1] - b[1]).map(([f]) => f);
  const expect = (doc.expect as Scenario['expect'] | undefined) ?? {};
  return {
    name: (doc.name as string | undefined) ?? 'scenario',
    description: (doc.description as string | undefined) ?? '',
    durationMs: parseDuration((doc.duration as Duration | undefined) ?? 60_000),
    links,
    nodes,
    faults: ordered,
    expect,
  };
}

function directions(raw: Raw): Direction[] {
  if (Array.isArray(raw.between)) {
    const [a, b] = raw.between as [string, string];
    return [{ from: a, to: b }, { from: b, to: a }];
  }
  return [{ from: raw.from as string, to: raw.to as string }];
}

function impairment(raw: Raw): Impairment {
  const ms = (key: string): number => (raw[key] === undefined ? 0 : parseDuration(raw[key] as Duration));
  return {
    loss: (raw.loss as number | undefined) ?? 0,
    delayMs: ms('delay'),
    jitterMs: ms('jitter'),
    duplicate: (raw.duplicate as number | undefined) ?? 0,
    reorder: (raw.reorder as number | undefined) ?? 0,
    reorderByMs: raw.reorderBy === undefined ? 1500 : ms('reorderBy'),
  };
}

function faultAction(f: Raw, readConfig: (file: string) => string): FaultAction {
  const nodeOrObject = (value: unknown): Raw => (typeof value === 'string' ? { node: value } : (value as Raw));
  if (f.partition !== undefined) return { kind: 'partition', groups: f.partition as string[][] };
  if (f.isolate !== undefined) return { kind: 'isolate', node: f.isolate as string };
  if (f.cut !== undefined) return { kind: 'cut', from: (f.cut as Raw).from as string, to: (f.cut as Raw).to as string };
  if (f.heal !== undefined) return { kind: 'heal', directions: f.heal === 'all' ? 'all' : directions(f.heal as Raw) };
  if (f.impair !== undefined) return { kind: 'impair', directions: directions(f.impair as Raw), impairment: impairment(f.impair as Raw) };
  if (f.crash !== undefined) return { kind: 'crash', node: f.crash as string };
  if (f.stop !== undefined) return { kind: 'stop', node: f.stop as string };
  if (f.restart !== undefined) return { kind: 'restart', node: f.restart as string };
  if (f.kill !== undefined) {
    const raw = nodeOrObject(f.kill);
    return { kind: 'kill', node: raw.node as string, respawnAfterMs: parseDuration((raw.respawnAfter as Duration | undefined) ?? 0) };
  }
  if (f.linkDown !== undefined || f.linkUp !== undefined) {
    const raw = (f.linkDown ?? f.linkUp) as Raw;
    return { kind: f.linkDown !== undefined ? 'linkDown' : 'linkUp', node: raw.node as string, interface: (raw.interface as string | undefined) ?? 'eth0' };
  }
  if (f.priority !== undefined) {
    const raw = f.priority as Raw;
    return { kind: 'priority', node: raw.node as string, instance: raw.instance as string | undefined, priority: raw.priority as number };
  }
  if (f.drift !== undefined) return { kind: 'drift', node: (f.drift as Raw).node as string, rate: (f.drift as Raw).rate as number };
  if (f.script !== undefined) {
    const raw = f.script as Raw;
    return { kind: 'script', node: raw.node as string, name: raw.name as string, result: raw.result as 'up' | 'down' };
  }
  if (f.reload !== undefined) {
    const raw = nodeOrObject(f.reload);
    const config = raw.config as string | undefined ?? (raw.configFile === undefined ? undefined : readConfig(raw.configFile as string));
    return { kind: 'reload', node: raw.node as string, variant: raw.variant as string | undefined, config };
  }
  throw new ScenarioError(`unknown fault ${JSON.stringify(f)}`);
}

/** Nodes a fault names. */
export function nodesOf(action: FaultAction): string[] {
  switch (action.kind) {
    case 'partition': return action.groups.flat();
    case 'cut': return [action.from, action.to];
    case 'heal': return action.directions === 'all' ? [] : action.directions.flatMap((d) => [d.from, d.to]);
    case 'impair': return action.directions.flatMap((d) => [d.from, d.to]);
    default: return [action.node];
  }
}
