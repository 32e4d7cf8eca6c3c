/**
 * A scanner with GNU getopt_long's rules as keepalived uses them (option string starting with
 * ':' so getopt itself prints nothing): grouped short flags (`-nlD`), attached or separate
 * required values (`-fFILE`, `-f FILE`, `--use-file=FILE`, `--use-file FILE`), optional values
 * only when attached (`-tFILE`, `--config-test=FILE`), unique prefixes of long names
 * (`--vers`), `--` ending the options, and non-options collected wherever they appear.
 *
 * node:util parseArgs cannot express optional values, long-name prefixes, or a required value
 * that begins with '-' (`-f -t` gives `-t` as the file to getopt), so this is done here.
 */
import type { OptionSpec } from './spec.js';

export type ScanEvent =
  | {
      readonly kind: 'option';
      readonly spec: OptionSpec;
      readonly value: string | undefined;
      readonly usedLong: boolean;
      /** Index of the first argument after the one that held this option. */
      readonly rest: number;
    }
  /** `text` is what keepalived names: `-Z` for a short letter, the whole word for a long one. */
  | { readonly kind: 'unknown'; readonly text: string }
  | { readonly kind: 'missing'; readonly text: string };

export interface ScanResult {
  readonly events: ScanEvent[];
  readonly operands: string[];
}

export function scanArguments(args: readonly string[], specs: readonly OptionSpec[]): ScanResult {
  const events: ScanEvent[] = [];
  const operands: string[] = [];
  let i = 0;
  while (i < args.length) {
    const arg = args[i++] as string;
    if (arg === '--') {
      operands.push(...args.slice(i));
      break;
    }
    if (arg.startsWith('--')) {
      i = scanLong(arg, args, i, specs, events);
    } else if (arg.startsWith('-') && arg.length > 1) {
      i = scanShortCluster(arg, args, i, specs, events);
    } else {
      operands.push(arg);
    }
  }
  return { events, operands };
}

function findLong(name: string, specs: readonly OptionSpec[]): OptionSpec | undefined {
  const exact = specs.find((s) => s.long === name);
  if (exact) return exact;
  const prefixed = specs.filter((s) => s.long.startsWith(name));
  // An ambiguous prefix is reported by keepalived as an unknown option.
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

function scanLong(arg: string, args: readonly string[], next: number, specs: readonly OptionSpec[], events: ScanEvent[]): number {
  const eq = arg.indexOf('=');
  const name = arg.slice(2, eq < 0 ? undefined : eq);
  const attached = eq < 0 ? undefined : arg.slice(eq + 1);
  const spec = findLong(name, specs);
  if (!spec) {
    events.push({ kind: 'unknown', text: arg });
    return next;
  }
  const text = `--${spec.long}`;
  switch (spec.argument) {
    case 'none':
      events.push(attached === undefined ? { kind: 'option', spec, value: undefined, usedLong: true, rest: next } : { kind: 'unknown', text: arg });
      return next;
    case 'optional':
      events.push({ kind: 'option', spec, value: attached === '' ? undefined : attached, usedLong: true, rest: next });
      return next;
    case 'required': {
      let value = attached;
      if (value === undefined && next < args.length) value = args[next++];
      // keepalived refuses an empty value given to a long option (`--use-file=`).
      events.push(value === undefined || value === '' ? { kind: 'missing', text } : { kind: 'option', spec, value, usedLong: true, rest: next });
      return next;
    }
  }
}

function scanShortCluster(arg: string, args: readonly string[], next: number, specs: readonly OptionSpec[], events: ScanEvent[]): number {
  for (let j = 1; j < arg.length; j++) {
    const letter = arg[j] as string;
    const spec = specs.find((s) => s.short === letter);
    if (!spec) {
      events.push({ kind: 'unknown', text: `-${letter}` });
      continue;
    }
    const rest = arg.slice(j + 1);
    if (spec.argument === 'none') {
      events.push({ kind: 'option', spec, value: undefined, usedLong: false, rest: next });
      continue;
    }
    if (spec.argument === 'optional') {
      events.push({ kind: 'option', spec, value: rest === '' ? undefined : rest, usedLong: false, rest: next });
      return next;
    }
    if (rest !== '') {
      events.push({ kind: 'option', spec, value: rest, usedLong: false, rest: next });
    } else if (next < args.length) {
      events.push({ kind: 'option', spec, value: args[next++], usedLong: false, rest: next });
    } else {
      events.push({ kind: 'missing', text: `-${letter}` });
    }
    return next;
  }
  return next;
}
