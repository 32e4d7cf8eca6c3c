/** The real host's Random: node:crypto, so jitter and `${_RANDOM}` are not predictable. */
import { randomBytes, randomInt } from 'node:crypto';
import type { Random } from '../ports/random.js';

const POOL_BYTES = 4096;
/** crypto.randomInt's limit: max - min must be below 2^48. */
const RANDOM_INT_SPAN_LIMIT = 2 ** 48;

export function createCryptoRandom(): Random {
  let pool = randomBytes(POOL_BYTES);
  let offset = 0;
  const nextUint32 = (): number => {
    if (offset + 4 > pool.length) {
      pool = randomBytes(POOL_BYTES);
      offset = 0;
    }
    const value = pool.readUInt32BE(offset);
    offset += 4;
    return value;
  };
  const random: Random = {
    nextUint32,
    // 53 random bits: 21 high bits from one word, 32 from another.
    float: () => ((nextUint32() >>> 11) * 2 ** 32 + nextUint32()) / 2 ** 53,
    intBetween(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        throw new RangeError(`intBetween(${min}, ${max}): need safe integers with min <= max`);
      }
      if (max - min + 1 <= RANDOM_INT_SPAN_LIMIT) return randomInt(min, max + 1);
      return min + Math.floor(random.float() * (max - min + 1));
    },
    // Every real stream is already independent and unpredictable.
    fork: () => random,
  };
  return random;
}
