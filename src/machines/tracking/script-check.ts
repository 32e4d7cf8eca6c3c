/**
 * One vrrp_script check as an XState machine: run the script at once, then every interval
 * (keepalived re-arms the interval when a run starts, not when it ends); a tick that finds the
 * previous run still going skips the run ("Track script … is already running, expect idle -
 * skipping run"). Results are counted by script-result.ts.
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
  readonly rise: number;
  readonly fall: number;
  readonly initFail: boolean;
}

export interface ScriptCheckContext {
  readonly intervalMs: number;
  readonly counter: ScriptCounter;
  readonly running: boolean;
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
    counter: initialCounter(input.rise, input.fall, input.initFail),
    running: false,
    status: input.initFail ? 'down' : undefined,
  }),
  initial: 'active',
  states: {
    active: {
      // Entered at start and again at every interval: run now unless the last run is still going.
      entry: enqueueActions(({ context, enqueue }) => {
        if (context.running) {
          enqueue('skippedRun');
          return;
        }
        enqueue.assign({ running: true });
        enqueue('runScript');
      }),
      after: { interval: { target: 'active', reenter: true } },
      on: {
        RESULT: {
          actions: enqueueActions(({ context, event, enqueue }) => {
            const step = countResult(context.counter, outcomeSucceeded(event.outcome));
            enqueue.assign({ counter: step.counter, running: false, status: step.report ?? context.status });
            if (step.report !== undefined) enqueue({ type: 'reportStatus', params: { up: step.report === 'up' } });
          }),
        },
        STOP: 'stopped',
      },
    },
    stopped: { type: 'final' },
  },
});
