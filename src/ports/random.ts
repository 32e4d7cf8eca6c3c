/**
 * Randomness as the core sees it (VRRP jitter, initial delays, `${_RANDOM}`): crypto-backed on the
 * real host, a seeded PRNG in the simulator so that one seed replays a whole run.
 */
export interface Random {
  /** A uniform integer in [0, 2^32 - 1]. */
  nextUint32(): number;
  /** A uniform number in [0, 1). */
  float(): number;
  /** A uniform integer in [min, max], both inclusive; min and max are safe integers with min <= max. */
  intBetween(min: number, max: number): number;
  /**
   * An independent stream for one subsystem (`fork('vrrp/VI_1')`). In the simulator it depends only on
   * the root seed and the labels, not on how much the parent has drawn, so adding draws in one
   * subsystem never shifts another's sequence.
   */
  fork(label: string): Random;
}
