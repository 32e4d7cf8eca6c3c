/**
 * Hosts one vrrp_script check: the XState machine (machines/tracking/script-check.ts) on the
 * Clock port, its runScript effect wired to the ScriptRunner, its reports passed on. A script's
 * outcome arrives as a promise and re-enters the machine as a RESULT event, so a slow or
 * hanging script never holds anything up (the runner's timeout ends it).
 */
import { createActor } from 'xstate';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { ScriptOutcome, ScriptRunner, ScriptSpec } from '../../ports/scripts.js';
import { scriptCheckMachine } from '../../machines/tracking/script-check.js';
import { scriptStatusLine } from './script-status-line.js';

export interface ScriptCheckerOptions {
  readonly name: string;
  readonly spec: ScriptSpec;
  readonly intervalMs: number;
  readonly rise: number;
  readonly fall: number;
  readonly initFail: boolean;
  readonly clock: Clock;
  readonly runner: ScriptRunner;
  readonly logger: Logger;
  readonly onStatus: (up: boolean) => void;
}

export interface ScriptChecker {
  stop(): void;
}

export function startScriptChecker(options: ScriptCheckerOptions): ScriptChecker {
  const { clock, runner, logger, name } = options;
  let stopped = false;
  // keepalived starts from 0: a first run returning 0 is no news, a first 1 is.
  let lastExit = 0;
  /** The run the machine's next status report follows from. */
  let lastOutcome: ScriptOutcome | undefined;
  let running: { kill(): void } | undefined;
  const machine = scriptCheckMachine.provide({
    actions: {
      runScript: () => {
        const script = runner.run(options.spec);
        running = script;
        void script.outcome.then((outcome) => {
          running = undefined;
          if (stopped) return;
          if (outcome.kind === 'exited' && outcome.exitCode !== lastExit) {
            lastExit = outcome.exitCode;
            logger.info(`Script \`${name}\` now returning ${outcome.exitCode}`);
          }
          if (outcome.kind === 'failed-to-start') {
            logger.error(`Error exec-ing command '${options.spec.argv[0] ?? ''}': ${outcome.reason} (keepalived counts this as success)`);
          }
          lastOutcome = outcome;
          actor.send({ type: 'RESULT', outcome });
        });
      },
      skippedRun: () => logger.info(`Track script ${name} is already running, expect idle - skipping run`),
      reportStatus: (_args, params) => {
        logger.info(scriptStatusLine(name, params.up, lastOutcome));
        options.onStatus(params.up);
      },
    },
  });
  const actor = createActor(machine, {
    input: { intervalMs: options.intervalMs, timeoutMs: options.spec.timeoutMs, rise: options.rise, fall: options.fall, initFail: options.initFail },
    clock: {
      setTimeout: (fn: (...args: unknown[]) => void, timeout: number) => clock.setTimer(timeout, () => fn()), // port-ok: XState's clock interface, backed by the Clock port
      clearTimeout: (id: unknown) => clock.clearTimer(id as TimerHandle),
    },
  });
  actor.start();
  return {
    stop() {
      stopped = true;
      running?.kill();
      actor.stop();
    },
  };
}
