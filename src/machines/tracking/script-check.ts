/**
 * One vrrp_script check as an XState machine: run the script at once, then every interval
 * (keepalived re-arms the interval when a run starts, not when it ends); a tick that finds the
 * previous run still going skips the run ("Track script … is already running, expect idle -
 * skipping run"). Results are counted by script-result.ts.
 *
 * Except when that run's timeout falls due at the tick: the timeout defaults to the interval, so
 * a hung script is killed just as the next turn comes. keepalived then still runs the script
 * every interval; here the turn waits for the killed run's result (moments later) and runs then,
 * instead of skipping it and running every other interval.
 *
 * Effects are named actions the host provides: `runScript` (start the script; the host sends
 * RESULT when it finishes, timed out included), `skippedRun`, `reportStatus` (params: { up }).
 * The interval is the named delay `interval`, so the host's Clock drives it.
 */
import { enqueueActions, setup } from 'xstate';
import type { ScriptOutcome } from '../../ports/scripts.js';
import { countResult, initialCounter, outcomeSucceeded, type ScriptCounter } from './script-result.js';

export interface ScriptCheckInput {
  readonly intervalMs: number;
  /** The runner kills a run this long after its start (undefined: never). */
  readonly timeoutMs?: number | undefined;
  readonly rise: number;
  readonly fall: number;
  readonly initFail: boolean;
}

export interface ScriptCheckContext {
  readonly intervalMs: number;
  readonly timeoutMs: number | undefined;
  readonly counter: ScriptCounter;
  readonly running: boolean;
  /** How long the current run has been going, counted in whole intervals at the ticks. */
  readonly runAgeMs: number;
  /** A turn came while the current run was being killed for its timeout: run once it ends. */
  readonly runWhenDone: boolean;
  /** Last reported status; 'down' from the start with init_fail, else undefined until the first report. */
  readonly status: 'up' | 'down' | undefined;
}

export type ScriptCheckEvent =
  | { readonly type: 'RESULT'; readonly outcome: ScriptOutcome }
  | { readonly type: 'STOP' };

export const scriptCheckMachine = setup({
  types: {
    input: {} as ScriptCheckInput,
    context: {} as ScriptCheckContext,
    events: {} as ScriptCheckEvent,
  },
  actions: {
    runScript: () => undefined,
    skippedRun: () => undefined,
    reportStatus: (_args, _params: { readonly up: boolean }) => undefined,
  },
  delays: {
    interval: ({ context }) => context.intervalMs,
  },
}).createMachine({
  id: 'scriptCheck',
  context: ({ input }) => ({
    intervalMs: input.intervalMs,
    timeoutMs: input.timeoutMs,
    counter: initialCounter(input.rise, input.fall, input.initFail),
    running: false,
    runAgeMs: 0,
    runWhenDone: false,
    status: input.initFail ? 'down' : undefined,
  }),
  initial: 'active',
  states: {
    active: {
      // Entered at start and again at every interval: run now unless the last run is still going.
      entry: enqueueActions(({ context, enqueue }) => {
        if (context.running) {
          const runAgeMs = context.runAgeMs + context.intervalMs;
          const killedNow = context.timeoutMs !== undefined && runAgeMs >= context.timeoutMs;
          enqueue.assign({ runAgeMs, runWhenDone: killedNow });
          if (!killedNow) enqueue('skippedRun');
          return;
        }
        enqueue.assign({ running: true, runAgeMs: 0 });
        enqueue('runScript');
      }),
      after: { interval: { target: 'active', reenter: true } },
      on: {
        RESULT: {
          actions: enqueueActions(({ context, event, enqueue }) => {
            const step = countResult(context.counter, outcomeSucceeded(event.outcome));
            enqueue.assign({ counter: step.counter, running: context.runWhenDone, runAgeMs: 0, runWhenDone: false, status: step.report ?? context.status });
            if (step.report !== undefined) enqueue({ type: 'reportStatus', params: { up: step.report === 'up' } });
            // The turn that came while this run was being killed.
            if (context.runWhenDone) enqueue('runScript');
          }),
        },
        STOP: 'stopped',
      },
    },
    stopped: { type: 'final' },
  },
});
