/**
 * `~SEQ(var, start, step, end) text` and `~SEQx(...)` (hexadecimal values) repeat `text` with `$var`
 * set to each value; `~SEQ(var, end)` counts from 1 (or -1), `~SEQ(var, start, end)` steps by ±1.
 * `~LST(var, a, b, c) text` repeats it for each listed value; `~LST({v1,v2}, {a1,a2}, {b1,b2})` sets
 * several variables at once (missing values are empty). Only the rest of the same line repeats; a
 * multi-line definition as that text repeats a whole block.
 */
import { ConfigErrorClass } from '../diagnostics.js';
import { skipBlanks } from './chars.js';
import { strtol } from './strtol.js';

export interface SeqRepeat {
  readonly kind: 'seq';
  readonly variable: string;
  next: bigint;
  readonly last: bigint;
  readonly step: bigint;
  readonly hex: boolean;
  readonly text: string;
}

export interface LstRepeat {
  readonly kind: 'lst';
  readonly variables: readonly string[];
  readonly valueSets: readonly (readonly string[])[];
  nextSet: number;
  readonly text: string;
}

export type Repeat = SeqRepeat | LstRepeat;

export type ReportFn = (errorClass: ConfigErrorClass, message: string) => void;

/** Expands the definitions in ~SEQ's parameter text; `multiline` is true if one was multi-line. */
export type ParamExpander = (params: string) => { readonly text: string; readonly multiline: boolean };

const SEQ_BUFFER = 64;

/** Parses a `~SEQ…` line (reporting as keepalived does); undefined when invalid. */
export function parseSeq(line: string, expand: ParamExpander, report: ReportFn): SeqRepeat | undefined {
  const invalid = (message: string): undefined => {
    report(ConfigErrorClass.GeneralError, message);
    return undefined;
  };
  let p = 4;
  const hex = line[p] === 'x';
  if (hex) p++;
  p = skipBlanks(line, p);
  if (line[p++] !== '(') return undefined;
  p = skipBlanks(line, p);
  const varStart = p;
  while (p < line.length && !' \t,)'.includes(line[p] as string)) p++;
  const variable = line.slice(varStart, p);
  p = skipBlanks(line, p);
  if (p >= line.length || line[p] === ')' || p === varStart) return invalid(`Invalid ~SEQ definition '${line}'`);
  // keepalived skips the separator without looking at it.
  p = skipBlanks(line, p + 1);
  const close = line.indexOf(')', p);
  if (close < 0 || close + 1 - p + 1 > SEQ_BUFFER) return invalid(`~SEQ parameter strings too long '${line}'`);
  const expanded = expand(line.slice(p, close + 1));
  if (expanded.multiline) return invalid(`~SEQ parameter is multiline definition '${line}'`);
  const params = expanded.text;

  let start: bigint;
  let step: bigint;
  let end: bigint;
  const one = strtol(params, 0);
  let q = skipBlanks(params, one.end);
  if (params[q] === ')') {
    end = one.value;
    step = end < 1n ? -1n : 1n;
    start = end < 0n ? -1n : 1n;
  } else {
    if (params[q] !== ',') return invalid(`Invalid ~SEQ definition '${line}'`);
    const two = strtol(params, q + 1);
    q = skipBlanks(params, two.end);
    if (params[q] === ')') {
      start = one.value;
      end = two.value;
      step = start <= end ? 1n : -1n;
    } else {
      if (params[q] !== ',') return invalid(`Invalid ~SEQ definition '${line}'`);
      const three = strtol(params, q + 1);
      q = skipBlanks(params, three.end);
      if (params[q] !== ')') return invalid(`Invalid ~SEQ definition '${line}'`);
      start = one.value;
      step = two.value;
      end = three.value;
      if (step === 0n || (start < end && step < 0n) || (start > end && step > 0n)) {
        return invalid(`Invalid ~SEQ values '${line}'`);
      }
    }
  }
  if (hex && (start < 0n || end < 0n)) return invalid(`~SEQx is only valid for positive numbers '${line}'`);
  const text = line.slice(skipBlanks(line, close + 1));
  return { kind: 'seq', variable, next: start, last: end, step, hex, text };
}

/** Parses a `~LST…` line; undefined when invalid (the caller reports that). */
export function parseLst(line: string, report: ReportFn): LstRepeat | undefined {
  let p = skipBlanks(line, 4);
  if (line[p++] !== '(') return undefined;
  p = skipBlanks(line, p);
  let endChar = ',';
  if (line[p] === '{') {
    endChar = '}';
    p = skipBlanks(line, p + 1);
  }
  const variables: string[] = [];
  for (;;) {
    const start = p;
    while (p < line.length && !' \t,}'.includes(line[p] as string)) p++;
    variables.push(line.slice(start, p));
    p = skipBlanks(line, p);
    if (line[p] === endChar) break;
    if (line[p] !== ',') return undefined;
    p = skipBlanks(line, p + 1);
  }
  if (line[p] === '}') p = skipBlanks(line, p + 1);
  if (line[p++] !== ',') return undefined;
  p = skipBlanks(line, p);

  const valueSets: string[][] = [];
  for (;;) {
    let setEnd = ',';
    if (line[p] === '{') {
      setEnd = '}';
      p = skipBlanks(line, p + 1);
    }
    const values: string[] = [];
    for (;;) {
      const start = p;
      while (p < line.length && !' \t,})'.includes(line[p] as string)) p++;
      values.push(line.slice(start, p));
      p = skipBlanks(line, p);
      if (line[p] === setEnd || (line[p] === ')' && setEnd === ',')) break;
      if (line[p] !== ',') return undefined;
      p = skipBlanks(line, p + 1);
      if (values.length >= variables.length) {
        report(ConfigErrorClass.GeneralError, `~LST specification has too many values '${line}'`);
        return undefined;
      }
    }
    while (values.length < variables.length) values.push('');
    valueSets.push(values);
    if (line[p] === '}' && setEnd === '}') p = skipBlanks(line, p + 1);
    if (line[p] === ')') break;
    if (line[p] !== ',') return undefined;
    p = skipBlanks(line, p + 1);
  }
  const text = line.slice(skipBlanks(line, p + 1));
  return { kind: 'lst', variables, valueSets, nextSet: 0, text };
}

/** Sets the variables for the next repetition and returns its text; `done` once it was the last. */
export function nextRepetition(repeat: Repeat, set: (name: string, value: string) => void): { text: string; done: boolean } {
  if (repeat.kind === 'seq') {
    set(repeat.variable, repeat.hex ? BigInt.asUintN(64, repeat.next).toString(16) : repeat.next.toString());
    repeat.next += repeat.step;
    const done = (repeat.step > 0n && repeat.next > repeat.last) || (repeat.step < 0n && repeat.next < repeat.last);
    return { text: repeat.text, done };
  }
  const values = repeat.valueSets[repeat.nextSet] as readonly string[];
  repeat.variables.forEach((name, i) => set(name, values[i] ?? ''));
  repeat.nextSet++;
  return { text: repeat.text, done: repeat.nextSet >= repeat.valueSets.length };
}
