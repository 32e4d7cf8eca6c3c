/** Runs a scenario and judges it: the trace with its final verdict line, and the analysis. */
import { simulate } from './engine/run.js';
import { analyze, exitCodeOf, violationLines } from './check/analyze.js';
import type { Analysis } from './check/analyze.js';
import type { TraceEvent } from './trace.js';
import type { Scenario } from './scenario/types.js';

export interface JudgedRun {
  readonly events: readonly TraceEvent[];
  readonly analysis: Analysis;
  readonly exitCode: number;
}

export async function runAndJudge(scenario: Scenario, seed: number): Promise<JudgedRun> {
  const run = await simulate(scenario, seed);
  const analysis = analyze(run.events);
  const exitCode = exitCodeOf(analysis);
  const verdict: TraceEvent = {
    t: analysis.endMs,
    type: 'verdict',
    safety: analysis.safety.verdict,
    liveness: analysis.liveness.verdict,
    exitCode,
    violations: violationLines(analysis),
  };
  return { events: [...run.events, verdict], analysis, exitCode };
}
