/**
 * The network between nodes as the scenario's faults leave it: one-way cuts and per-direction
 * impairments (loss, delay, jitter, duplication, reordering). Installed as the VirtualNetwork's
 * policy on every directed pair; every random choice comes from its own fork of the seed, drawn in
 * packet order.
 */
import type { SeededRandom } from '../virtual-time.js';
import type { VirtualNetwork } from '../net/index.js';
import type { Direction, FaultAction, Impairment } from '../scenario/types.js';

export interface PathState {
  readonly state: 'up' | 'lossy' | 'down';
  /** Longest a packet can take on this path (delay + jitter + reordering). */
  readonly maxDelayMs: number;
}

const key = (from: string, to: string): string => `${from}>${to}`;

export class Fabric {
  readonly #cuts = new Set<string>();
  readonly #impaired = new Map<string, Impairment>();

  constructor(private readonly nodes: readonly string[], private readonly random: SeededRandom) {}

  install(network: VirtualNetwork): void {
    for (const from of this.nodes) {
      for (const to of this.nodes) {
        if (from !== to) network.setPolicy(from, to, { copies: () => this.#copies(from, to) });
      }
    }
  }

  /** Applies a network fault; false for faults that are not about the network. */
  apply(action: FaultAction): boolean {
    switch (action.kind) {
      case 'partition':
        for (const [i, group] of action.groups.entries()) {
          for (const other of action.groups.slice(i + 1)) {
            for (const a of group) for (const b of other) this.#cut({ from: a, to: b }, { from: b, to: a });
          }
        }
        return true;
      case 'isolate':
        for (const other of this.nodes) if (other !== action.node) this.#cut({ from: action.node, to: other }, { from: other, to: action.node });
        return true;
      case 'cut':
        this.#cut(action);
        return true;
      case 'heal':
        if (action.directions === 'all') {
          this.#cuts.clear();
          this.#impaired.clear();
        } else {
          for (const d of action.directions) {
            this.#cuts.delete(key(d.from, d.to));
            this.#impaired.delete(key(d.from, d.to));
          }
        }
        return true;
      case 'impair':
        for (const d of action.directions) this.#impaired.set(key(d.from, d.to), action.impairment);
        return true;
      default:
        return false;
    }
  }

  path(from: string, to: string): PathState {
    if (this.#cuts.has(key(from, to))) return { state: 'down', maxDelayMs: 0 };
    const impairment = this.#impaired.get(key(from, to));
    if (impairment === undefined) return { state: 'up', maxDelayMs: 0 };
    if (impairment.loss >= 1) return { state: 'down', maxDelayMs: 0 };
    const maxDelayMs = impairment.delayMs + impairment.jitterMs + (impairment.reorder > 0 ? impairment.reorderByMs : 0);
    return { state: impairment.loss > 0 ? 'lossy' : 'up', maxDelayMs };
  }

  #cut(...directions: Direction[]): void {
    for (const d of directions) this.#cuts.add(key(d.from, d.to));
  }

  /** Delays of the copies of one packet (none: lost). */
  #copies(from: string, to: string): number[] {
    if (this.#cuts.has(key(from, to))) return [];
    const imp = this.#impaired.get(key(from, to));
    if (imp === undefined) return [0];
    const r = this.random;
    if (imp.loss > 0 && r.float() < imp.loss) return [];
    const one = (): number => imp.delayMs + (imp.jitterMs > 0 ? r.float() * imp.jitterMs : 0) + (imp.reorder > 0 && r.float() < imp.reorder ? imp.reorderByMs : 0);
    const copies = [one()];
    if (imp.duplicate > 0 && r.float() < imp.duplicate) copies.push(one());
    return copies;
  }
}
