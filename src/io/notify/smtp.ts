/**
 * SMTP alerts through nodemailer, with keepalived's message: no MIME, exactly the headers
 * keepalived writes (Date, From, Subject, X-Mailer: Keepalived, To) and its body, so filters
 * written for keepalived's mail keep matching. Plain SMTP as keepalived speaks it: no STARTTLS,
 * no authentication; the helo name defaults to the local host name; smtp_connect_timeout bounds
 * the connection and every exchange. One attempt per send: retries are the MailQueue's.
 *
 * Known difference: nodemailer greets with EHLO (HELO only if EHLO is refused); keepalived HELOs.
 */
import type { Transporter } from 'nodemailer';
import type { Logger } from '../../ports/logger.js';
import type { AlertMail, MailResult, MailSender } from '../../ports/notify.js';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly heloName: string;
  readonly connectTimeoutMs: number;
}

/** keepalived's FMT_SMTP_HOST: `[127.0.0.1]:25`. */
export function smtpHostLabel(s: Pick<SmtpSettings, 'host' | 'port'>): string {
  return `[${s.host}]:${s.port}`;
}

/** strftime("%a, %d %b %Y %H:%M:%S %z") in local time, as keepalived dates its alerts. */
export function rfc822Date(at: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const offset = -at.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(offset) / 60))}${p2(Math.abs(offset) % 60)}`;
  return `${days[at.getDay()]}, ${p2(at.getDate())} ${months[at.getMonth()]} ${at.getFullYear()} ` +
    `${p2(at.getHours())}:${p2(at.getMinutes())}:${p2(at.getSeconds())} ${zone}`;
}

/** The DATA keepalived sends, headers to body (the sender adds the final `.`). */
export function alertMessage(mail: AlertMail, date: string): string {
  return `Date: ${date}\r\nFrom: ${mail.from}\r\nSubject: ${mail.subject}\r\nX-Mailer: Keepalived\r\nTo: ${mail.to.join(', ')}\r\n\r\n${mail.body}\r\n\r\n`;
}

export class SmtpMailSender implements MailSender {
  /**
   * Made at the first alert: loading nodemailer costs a process about 3 MB of heap (the VRRP
   * child's RSS with 100 instances: 76 → 74 MB), and most configs never send mail.
   */
  #transport: Promise<Transporter> | undefined;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly logger: Logger,
  ) {}

  #transporter(): Promise<Transporter> {
    const { settings } = this;
    this.#transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: false,
        ignoreTLS: true,
        name: settings.heloName,
        connectionTimeout: settings.connectTimeoutMs,
        greetingTimeout: settings.connectTimeoutMs,
        socketTimeout: settings.connectTimeoutMs,
      }),
    );
    return this.#transport;
  }

  async send(mail: AlertMail): Promise<MailResult> {
    const host = smtpHostLabel(this.settings);
    try {
      const transport = await this.#transporter();
      await transport.sendMail({
        envelope: { from: mail.from, to: [...mail.to] },
        raw: alertMessage(mail, rfc822Date(new Date())),
      });
      this.logger.info('SMTP alert successfully sent.');
      return { ok: true };
    } catch (error) {
      const e = error as { code?: string; responseCode?: number; message?: string };
      const reason = describe(e, host);
      this.logger.info(reason);
      // A 5xx reply means the server refused this mail: sending it again cannot help.
      const retry = e.responseCode === undefined || e.responseCode < 500;
      return { ok: false, reason, retry };
    }
  }

  close(): void {
    void this.#transport?.then((transport) => transport.close());
  }
}

/** keepalived's log wording where there is one. */
function describe(e: { code?: string; responseCode?: number; message?: string }, host: string): string {
  if (e.code === 'ETIMEDOUT') return `Timeout connecting SMTP server ${host}.`;
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') return `SMTP connection ERROR to ${host}.`;
  if (e.responseCode !== undefined) return `Error sending alert to SMTP server ${host}. SMTP status code = ${e.responseCode}`;
  return `SMTP alert to ${host} failed: ${e.message ?? String(e)}`;
}
