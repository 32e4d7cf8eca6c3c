/**
 * keepalived's IPsec AH sequence counter: one per instance, shared by both directions. Each
 * advert sent takes the next number; an advert received is accepted only with a number above
 * the counter, which then jumps to it. The sharing is what makes a restart work: the restarted
 * peer counts from 1 again, which the survivor would reject as a replay forever, but it hears the
 * survivor's adverts first, jumps past their numbers and continues above them (measured against
 * keepalived 2.2.7: with separate counters a restarted AH peer is never heard again: two masters).
 */
const MAX_AH_SEQUENCE = 0xffffffff;

export class AhSequence {
  #value = 0;

  /** The highest number sent or accepted so far (0 before either). */
  get value(): number {
    return this.#value;
  }

  /** The number for the next advert sent (keepalived counts from 1 and never sends 0). */
  next(): number {
    this.#value = this.#value >= MAX_AH_SEQUENCE ? 1 : this.#value + 1;
    return this.#value;
  }

  /** An advert with `sequence` passed the replay check (sequence > value). */
  accepted(sequence: number): void {
    if (sequence > this.#value) this.#value = sequence;
  }
}
