/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps every mail it receives. */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface CapturedMail {
  readonly helo: string;
  readonly from: string;
  readonly to: string[];
  /** The DATA as received, before the final `.`. */
  readonly data: string;
}

export interface SmtpCapture {
  readonly port: number;
  readonly mails: CapturedMail[];
  close(): Promise<void>;
}

export async function startSmtpCapture(options: { rejectWith?: number } = {}): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (options.rejectWith !== undefined) {
          const err = Object.assign(new Error('rejected by test'), { responseCode: options.rejectWith });
          return callback(err);
        }
        const from = session.envelope.mailFrom;
        mails.push({
          helo: session.hostNameAppearsAs,
          from: from === false ? '' : from.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
