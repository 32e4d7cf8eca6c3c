/**
 * Number parsing with keepalived's exact acceptance rules and messages (its read_int,
 * read_unsigned and read_decimal_unsigned families). Every reader reports through `report`
 * with class InvalidNumber and returns `undefined` when the value must not be used.
 *
 * keepalived's `-t` run never applies the "use it anyway" leniency some callers ask for, so
 * these readers do not have it either: out of range means rejected.
 */
import { ConfigErrorClass } from '../diagnostics.js';

/** Where a value reader sends its complaints (a LineContext's or ValueLine's `report`). */
export type Reporter = (errorClass: ConfigErrorClass | undefined, message: string) => void;

const WHITE_SPACE = ' \t\f\n\r\v';
const MAX_U32 = 4294967295;
const MIN_I32 = -2147483648;
const MAX_I32 = 2147483647;

function skipSpaces(s: string): number {
  let i = 0;
  while (i < s.length && WHITE_SPACE.includes(s[i] as string)) i++;
  return i;
}

/**
 * What C's strtol/strtoul accept in base 10 after leading white space: an optional sign and
 * digits. Returns the parsed magnitude (as bigint to keep overflow detection exact) and whether
 * the whole string was consumed.
 */
function strtoBase10(s: string): { value: bigint; complete: boolean } {
  let i = skipSpaces(s);
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  const start = i;
  while (i < s.length && (s[i] as string) >= '0' && (s[i] as string) <= '9') i++;
  if (i === start) return { value: 0n, complete: false };
  const magnitude = BigInt(s.slice(start, i));
  return { value: negative ? -magnitude : magnitude, complete: i === s.length };
}

/**
 * Plain digits few enough for a double to hold exactly: the usual word, which takes the fast path
 * (no BigInt) to the same outcome.
 */
const SMALL_DECIMAL = /^[0-9]{1,15}$/;
/** Whole numbers that stay exact when scaled by up to 10^6. */
const SMALL_INTEGER = /^[0-9]{1,9}$/;

/** keepalived's read_unsigned: decimal, no sign `-`, `[min, max]` inclusive. */
export function readUnsigned(word: string, min: number, max: number, report: Reporter): number | undefined {
  if (SMALL_DECIMAL.test(word)) {
    const v = Number(word);
    if (v > MAX_U32) report(ConfigErrorClass.InvalidNumber, `number '${word}' outside unsigned integer range`);
    else if (v < min || v > max) report(ConfigErrorClass.InvalidNumber, `number '${word}' outside range [${min}, ${max}]`);
    else return v;
    return undefined;
  }
  const offset = skipSpaces(word);
  const { value, complete } = strtoBase10(word);
  if (word[offset] === '-') report(ConfigErrorClass.InvalidNumber, `negative number '${word}'`);
  else if (!complete) report(ConfigErrorClass.InvalidNumber, `invalid number '${word}'`);
  else if (value > BigInt(MAX_U32)) report(ConfigErrorClass.InvalidNumber, `number '${word}' outside unsigned integer range`);
  else if (value < BigInt(min) || value > BigInt(max))
    report(ConfigErrorClass.InvalidNumber, `number '${word}' outside range [${min}, ${max}]`);
  else return Number(value);
  return undefined;
}

/** keepalived's read_int: decimal with optional sign, `[min, max]` inclusive. */
export function readInt(word: string, min: number, max: number, report: Reporter): number | undefined {
  if (SMALL_DECIMAL.test(word)) {
    const v = Number(word);
    if (v > MAX_I32) report(ConfigErrorClass.InvalidNumber, `number '${word}' outside integer range`);
    else if (v < min || v > max) report(ConfigErrorClass.InvalidNumber, `number '${word}' outside range [${min}, ${max}]`);
    else return v;
    return undefined;
  }
  const { value, complete } = strtoBase10(word);
  if (!complete) report(ConfigErrorClass.InvalidNumber, `invalid number '${word}'`);
  else if (value < BigInt(MIN_I32) || value > BigInt(MAX_I32))
    report(ConfigErrorClass.InvalidNumber, `number '${word}' outside integer range`);
  else if (value < BigInt(min) || value > BigInt(max))
    report(ConfigErrorClass.InvalidNumber, `number '${word}' outside range [${min}, ${max}]`);
  else return Number(value);
  return undefined;
}

/**
 * keepalived's read_decimal_unsigned: a non-negative decimal with up to `places` decimal places,
 * returned scaled by 10^places (so "1.5" with 6 places is 1500000). `min` and `max` are in the
 * scaled unit. More places than allowed are reported and rounded half up, as keepalived does.
 */
export function readDecimalScaled(word: string, min: number, max: number, places: number, report: Reporter): number | undefined {
  if (word[0] === '-') {
    report(ConfigErrorClass.InvalidNumber, `negative number '${word}'`);
    return undefined;
  }
  if (places <= 6 && SMALL_INTEGER.test(word)) {
    // Whole units scaled stay below 2^53: the same outcome as below without BigInt.
    const scaled = Number(word) * 10 ** places;
    if (scaled >= min && scaled <= max) return scaled;
    report(ConfigErrorClass.InvalidNumber, `number '${word}' outside range [${formatScaled(min, places)}, ${formatScaled(max, places)}]`);
    return undefined;
  }
  const dot = word.indexOf('.');
  let intPart = dot < 0 ? word : word.slice(0, dot);
  let fraction = dot < 0 ? '' : word.slice(dot + 1);
  let roundUp = false;
  if (fraction.length > places) {
    report(ConfigErrorClass.InvalidNumber, `number '${word}' has too many decimal places`);
    roundUp = (fraction[places] as string) >= '5';
    fraction = fraction.slice(0, places);
  }
  intPart = intPart + fraction + '0'.repeat(places - fraction.length);
  const parsed = strtoBase10(intPart);
  // strtoull accepts a leading '-' (negating); only the first character was checked above.
  const value = parsed.value < 0n ? BigInt.asUintN(64, parsed.value) : parsed.value;
  const scaled = roundUp ? value + 1n : value;
  if (!parsed.complete) {
    report(ConfigErrorClass.InvalidNumber, `invalid number '${word}'`);
  } else if (scaled > 0xffffffffffffffffn) {
    report(ConfigErrorClass.InvalidNumber, `number '${word}' outside unsigned decimal range`);
  } else if (scaled < BigInt(min) || scaled > BigInt(max)) {
    report(
      ConfigErrorClass.InvalidNumber,
      `number '${word}' outside range [${formatScaled(min, places)}, ${formatScaled(max, places)}]`,
    );
  } else {
    return Number(scaled);
  }
  return undefined;
}

/** Formats a scaled value as keepalived prints range bounds: `%lu.%0*lu`. */
export function formatScaled(value: number, places: number): string {
  if (places === 0) return `${value}.`;
  const unit = 10 ** places;
  return `${Math.floor(value / unit)}.${String(value % unit).padStart(places, '0')}`;
}

/** Timer values are read in seconds with microsecond resolution (keepalived's TIMER_HZ). */
export const TIMER_PLACES = 6;
export const MICROS_PER_SECOND = 1_000_000;
/** keepalived's TIMER_MAXIMUM cap for read_timer: UINT_MAX microseconds. */
export const TIMER_MAXIMUM_US = MAX_U32;

/**
 * keepalived's read_timer: seconds with up to 6 decimal places, as microseconds. `maxUs` 0 means
 * keepalived's default maximum.
 */
export function readTimerUs(word: string, minUs: number, maxUs: number, report: Reporter): number | undefined {
  return readDecimalScaled(word, minUs, maxUs === 0 ? TIMER_MAXIMUM_US : maxUs, TIMER_PLACES, report);
}

/** Converts microseconds to milliseconds for the model (which keeps every duration in ms). */
export function usToMs(us: number): number {
  return us / 1000;
}

export const UINT_MAX = MAX_U32;
export const INT_MAX = MAX_I32;
export const INT_MIN = MIN_I32;
