/** A scenario after loading: durations in ms, configurations as text, faults in time order. */

export interface ScenarioInterface {
  readonly name: string;
  readonly address: string;
  readonly prefixLength: number;
  readonly link: string;
  readonly mac: string;
}

export interface ScenarioNode {
  readonly name: string;
  readonly interfaces: readonly ScenarioInterface[];
  /** keepalived.conf text. */
  readonly config: string;
  /** Named alternative configurations (reload targets). */
  readonly variants: Readonly<Record<string, string>>;
  readonly startAtMs: number;
}

export interface Direction {
  readonly from: string;
  readonly to: string;
}

export interface Impairment {
  readonly loss: number;
  readonly delayMs: number;
  readonly jitterMs: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly reorderByMs: number;
}

export type FaultAction =
  | { readonly kind: 'partition'; readonly groups: readonly (readonly string[])[] }
  | { readonly kind: 'isolate'; readonly node: string }
  | { readonly kind: 'cut'; readonly from: string; readonly to: string }
  | { readonly kind: 'heal'; readonly directions: readonly Direction[] | 'all' }
  | { readonly kind: 'impair'; readonly directions: readonly Direction[]; readonly impairment: Impairment }
  | { readonly kind: 'crash' | 'stop'; readonly node: string }
  | { readonly kind: 'restart'; readonly node: string }
  | { readonly kind: 'kill'; readonly node: string; readonly respawnAfterMs: number }
  | { readonly kind: 'linkDown' | 'linkUp'; readonly node: string; readonly interface: string }
  | { readonly kind: 'priority'; readonly node: string; readonly instance: string | undefined; readonly priority: number }
  | { readonly kind: 'drift'; readonly node: string; readonly rate: number }
  | { readonly kind: 'script'; readonly node: string; readonly name: string; readonly result: 'up' | 'down' }
  | { readonly kind: 'reload'; readonly node: string; readonly variant: string | undefined; readonly config: string | undefined };

export type Fault = { readonly atMs: number; readonly note?: string | undefined } & FaultAction;

export type Verdict = 'held' | 'violated' | 'not-checked';

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly durationMs: number;
  readonly links: readonly string[];
  readonly nodes: readonly ScenarioNode[];
  readonly faults: readonly Fault[];
  readonly expect: { readonly safety?: Verdict; readonly liveness?: Verdict };
}
