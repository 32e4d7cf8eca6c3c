/** keepalived 2.2.7's predefined definitions: _PWD, _INSTANCE, _RANDOM, _HASH and _BANG. */
import type { Definitions } from './definitions.js';
import { strtol } from './strtol.js';

export interface PredefinedSources {
  /** The directory keepalived is in while reading the current file (it changes into each file's). */
  currentDirectory(): string;
  configId(): string;
  /** random(3): an integer in [0, 2^31 - 1]. */
  random(): number;
}

export function predefine(defs: Definitions, sources: PredefinedSources): void {
  defs.predefine('_PWD', () => sources.currentDirectory());
  defs.predefine('_INSTANCE', () => sources.configId());
  defs.predefine('_RANDOM', (params) => randomValue(params, sources.random()), 2);
  defs.predefine('_HASH', () => '#');
  defs.predefine('_BANG', () => '!');
}

/**
 * `${_RANDOM}` is 0…32767, `${_RANDOM min}` min…32767, `${_RANDOM min max}` min…max, computed in
 * C's unsigned long arithmetic and printed in no more digits than max has.
 */
export function randomValue(params: string | undefined, random: number): string {
  let min = 0n;
  let max = 32767n;
  if (params !== undefined) {
    const first = strtol(params, 0);
    min = first.value;
    if (first.end < params.length - 1) max = strtol(params, first.end).value;
  }
  const modulus = BigInt.asUintN(64, max - min + 1n);
  const value = modulus === 0n ? min : BigInt.asIntN(64, BigInt.asUintN(64, (BigInt(random) % modulus) + min));
  const digits = BigInt.asIntN(64, max).toString().replace('-', '').length;
  return value.toString().slice(0, digits);
}
