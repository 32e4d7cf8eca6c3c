/**
 * Where notifications leave the process: the notify FIFOs and SMTP alerts. The real host writes
 * to a named pipe and talks SMTP (src/io/notify); the simulator records (src/sim/notify). Neither
 * may block the caller or throw: a lost line or a mail that could not be sent is a log line.
 */

/** One notify FIFO, already open; keepalived writes `notify_fifo` and `vrrp_notify_fifo` alike. */
export interface FifoWriter {
  /** Writes one line (the newline is added); never blocks: a full pipe drops the line and logs. */
  writeLine(line: string): void;
  /** Closes the FIFO (and removes it when we created it), stops its reader script. */
  close(): void;
}

/** An alert as keepalived builds it: everything but the Date header, which the sender adds. */
export interface AlertMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
}

export type MailResult =
  | { readonly ok: true }
  /** `retry` is false when trying again cannot help (the server refused the mail itself). */
  | { readonly ok: false; readonly reason: string; readonly retry: boolean };

export interface MailSender {
  /** One attempt at delivering `mail`; settles (never rejects) within the sender's timeouts. */
  send(mail: AlertMail): Promise<MailResult>;
}
