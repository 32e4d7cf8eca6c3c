/**
 * The simulator's notification sinks: they record what the real host would have written to a
 * notify FIFO or sent by SMTP, so scenarios can assert on it.
 */
import type { AlertMail, FifoWriter, MailResult, MailSender } from '../../ports/notify.js';

export class MemoryFifo implements FifoWriter {
  readonly lines: string[] = [];
  closed = false;

  writeLine(line: string): void {
    if (!this.closed) this.lines.push(line);
  }

  close(): void {
    this.closed = true;
  }
}

export class MemoryMailSender implements MailSender {
  readonly sent: AlertMail[] = [];
  /** Attempts, including failed ones. */
  attempts = 0;

  /** `fail(n)` answers the n-th attempt (1-based) with a failure instead of delivering. */
  constructor(private readonly fail: (attempt: number, mail: AlertMail) => MailResult | undefined = () => undefined) {}

  send(mail: AlertMail): Promise<MailResult> {
    const attempt = ++this.attempts;
    const failure = this.fail(attempt, mail);
    if (failure) return Promise.resolve(failure);
    this.sent.push(mail);
    return Promise.resolve({ ok: true });
  }
}
