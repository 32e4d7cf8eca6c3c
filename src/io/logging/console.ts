/** `-l`: log lines on stderr, keepalived's human form or (with `--json`) JSON lines. */
import { formatConsoleLine } from '../../logging/text.js';
import type { LogRecord, LogSink } from '../../logging/types.js';

export function createConsoleSink(write: (text: string) => void): LogSink {
  return { write: (record: LogRecord) => write(`${formatConsoleLine(record)}\n`) };
}
