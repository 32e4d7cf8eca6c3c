/** Test doubles for the notifier: a recording script runner and loggers. */
import type { Logger, LogFields } from '../../../../src/ports/logger.js';
import type { RunningScript, ScriptOutcome, ScriptRunner, ScriptSpec } from '../../../../src/ports/scripts.js';

interface Pending {
  readonly spec: ScriptSpec;
  readonly finish: (outcome?: ScriptOutcome) => void;
  done: boolean;
}

/**
 * Records every script started. With `autoExit` each exits 0 right away; otherwise the test ends
 * them with `finish(i)`, so it controls how long scripts run.
 */
export class RecordingRunner implements ScriptRunner {
  readonly started: ScriptSpec[] = [];
  /** `start <argv>` / `end <argv>` in the order they happened. */
  readonly log: string[] = [];
  readonly pending: Pending[] = [];
  killed = 0;

  constructor(private readonly autoExit = true) {}

  run(spec: ScriptSpec): RunningScript {
    this.started.push(spec);
    this.log.push(`start ${spec.argv.join(' ')}`);
    let resolve!: (o: ScriptOutcome) => void;
    const outcome = new Promise<ScriptOutcome>((r) => (resolve = r));
    const entry: Pending = {
      spec,
      done: false,
      finish: (o = { kind: 'exited', exitCode: 0, durationMs: 0 }) => {
        if (entry.done) return;
        entry.done = true;
        this.log.push(`end ${spec.argv.join(' ')}`);
        resolve(o);
      },
    };
    this.pending.push(entry);
    if (this.autoExit) queueMicrotask(() => entry.finish());
    return {
      pid: this.started.length,
      outcome,
      kill: () => {
        this.killed++;
        entry.finish({ kind: 'signalled', signal: 'SIGKILL', durationMs: 0 });
      },
    };
  }

  /** Ends every script still running. */
  finishAll(): void {
    for (const p of this.pending) p.finish();
  }
}

export interface LogLine {
  readonly level: string;
  readonly message: string;
}

export function collectingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: string) => (message: string, _fields?: LogFields): void => void lines.push({ level, message });
  const logger = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

export function quietLogger(): Logger {
  return collectingLogger();
}
