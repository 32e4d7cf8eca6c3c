/**
 * An in-memory ScriptRunner: each script (by argv[0], or the whole argv joined) answers from a
 * queue of scripted outcomes, each taking a virtual duration on the given Clock. Deterministic:
 * no process, no real time. When a queue runs dry the last outcome repeats.
 */
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { RunningScript, ScriptOutcome, ScriptRunner, ScriptSpec } from '../../ports/scripts.js';

export type ScriptedOutcome =
  | { readonly exitCode: number; readonly durationMs?: number }
  | { readonly signal: string; readonly durationMs?: number }
  | { readonly hang: true }
  | { readonly failToStart: string };

export class MemoryScriptRunner implements ScriptRunner {
  readonly #clock: Clock;
  readonly #queues = new Map<string, ScriptedOutcome[]>();
  /** Every spec run, in order. */
  readonly runs: ScriptSpec[] = [];
  #nextPid = 1000;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Queues outcomes for the script whose argv[0] is `program`. */
  script(program: string, ...outcomes: ScriptedOutcome[]): this {
    this.#queues.set(program, [...(this.#queues.get(program) ?? []), ...outcomes]);
    return this;
  }

  #next(program: string): ScriptedOutcome {
    const queue = this.#queues.get(program);
    if (queue === undefined || queue.length === 0) return { exitCode: 0 };
    return queue.length > 1 ? (queue.shift() as ScriptedOutcome) : (queue[0] as ScriptedOutcome);
  }

  run(spec: ScriptSpec): RunningScript {
    this.runs.push(spec);
    const scripted = this.#next(spec.argv[0] ?? '');
    if ('failToStart' in scripted) return { pid: undefined, outcome: Promise.resolve({ kind: 'failed-to-start', reason: scripted.failToStart }), kill: () => undefined };
    const clock = this.#clock;
    const started = clock.nowMs();
    let settle: (outcome: ScriptOutcome) => void = () => undefined;
    const outcome = new Promise<ScriptOutcome>((resolve) => (settle = resolve));
    const timers: TimerHandle[] = [];
    let done = false;
    const finish = (result: ScriptOutcome): void => {
      if (done) return;
      done = true;
      for (const timer of timers) clock.clearTimer(timer);
      settle(result);
    };
    if (!('hang' in scripted)) {
      timers.push(clock.setTimer(scripted.durationMs ?? 0, () => finish('signal' in scripted
        ? { kind: 'signalled', signal: scripted.signal, durationMs: clock.nowMs() - started }
        : { kind: 'exited', exitCode: scripted.exitCode, durationMs: clock.nowMs() - started })));
    }
    if (spec.timeoutMs !== undefined) {
      timers.push(clock.setTimer(spec.timeoutMs, () => finish({ kind: 'timed-out', durationMs: clock.nowMs() - started })));
    }
    return { pid: this.#nextPid++, outcome, kill: () => finish({ kind: 'signalled', signal: 'SIGKILL', durationMs: clock.nowMs() - started }) };
  }
}
