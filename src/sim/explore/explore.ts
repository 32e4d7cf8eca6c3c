/**
 * `--explore K`: K random schedules (fast-check, seeded), each run and judged; the first that
 * breaks an invariant is shrunk to a minimal schedule and returned as a scenario.
 */
import fc from 'fast-check';
import { runAndJudge } from '../judge.js';
import type { Scenario } from '../scenario/types.js';
import { scheduleArbitrary, swarmKinds, withSchedule } from './schedules.js';
import type { FaultKind } from './schedules.js';

export interface ExploreOptions {
  readonly seed: number;
  readonly runs: number;
  /** Where faults may fall (default: the scenario's duration). */
  readonly horizonMs?: number;
  /** Stop searching and shrinking after this much real time (default 5 minutes). */
  readonly timeLimitMs?: number;
  /** Restricts the swarm to these kinds (tests); default swarmKinds(seed). */
  readonly kinds?: readonly FaultKind[];
  readonly onRun?: (n: number, exitCode: number) => void;
}

export interface ExploreResult {
  readonly kinds: readonly FaultKind[];
  readonly runs: number;
  /** The shrunk failing scenario, if one failed. */
  readonly failure: { readonly scenario: Scenario; readonly exitCode: number; readonly shrinks: number } | undefined;
  readonly interrupted: boolean;
}

export async function explore(scenario: Scenario, options: ExploreOptions): Promise<ExploreResult> {
  const horizonMs = options.horizonMs ?? scenario.durationMs;
  const kinds = options.kinds ?? swarmKinds(options.seed);
  let runs = 0;
  const property = fc.asyncProperty(scheduleArbitrary(scenario, kinds, horizonMs), async (faults) => {
    const judged = await runAndJudge(withSchedule(scenario, faults, horizonMs), options.seed);
    options.onRun?.(++runs, judged.exitCode);
    return judged.exitCode === 0;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    interruptAfterTimeLimit: options.timeLimitMs ?? 300_000,
    markInterruptAsFailure: false,
  });
  if (!details.failed || details.counterexample === null) {
    return { kinds, runs, failure: undefined, interrupted: details.interrupted };
  }
  const shrunk = withSchedule(scenario, details.counterexample[0], horizonMs);
  const judged = await runAndJudge(shrunk, options.seed);
  return { kinds, runs, failure: { scenario: shrunk, exitCode: judged.exitCode, shrinks: details.numShrinks }, interrupted: details.interrupted };
}
