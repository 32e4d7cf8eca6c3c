/** The nodemailer sender against a real SMTP server on 127.0.0.1, and an unreachable one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { SmtpMailSender, alertMessage, rfc822Date } from '../../../src/io/notify/smtp.js';
import { MailQueue } from '../../../src/actors/notify/mail-queue.js';
import { VirtualClock } from '../../../src/sim/virtual-time.js';
import { MemoryMailSender } from '../../../src/sim/notify/memory.js';
import { collectingLogger } from './support/fakes.js';
import { startSmtpCapture } from './support/smtp-capture.js';
import { instance, setup } from './support/setup.js';

const mail = { from: 'root@vm', to: ['ops@example.com', 'oncall@example.com'], subject: '[kt] VRRP Instance VI_1 - Entering MASTER state', body: '=> VRRP Instance is now owning VRRP VIPs <=' };

test('an alert reaches a real SMTP server with keepalived\'s headers, body, envelope and helo name', async () => {
  const capture = await startSmtpCapture();
  const logger = collectingLogger();
  const sender = new SmtpMailSender({ host: '127.0.0.1', port: capture.port, heloName: 'lb-1.example', connectTimeoutMs: 2000 }, logger);
  try {
    assert.deepEqual(await sender.send(mail), { ok: true });
    const got = capture.mails[0];
    assert.ok(got);
    assert.equal(got.helo, 'lb-1.example');
    assert.equal(got.from, 'root@vm');
    assert.deepEqual(got.to, ['ops@example.com', 'oncall@example.com']);
    assert.match(got.data, /^Date: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\r\n/);
    assert.equal(got.data.replace(/^Date: .*\r\n/, ''), 'From: root@vm\r\nSubject: [kt] VRRP Instance VI_1 - Entering MASTER state\r\n' +
      'X-Mailer: Keepalived\r\nTo: ops@example.com, oncall@example.com\r\n\r\n=> VRRP Instance is now owning VRRP VIPs <=\r\n\r\n');
    assert.ok(logger.lines.some((l) => l.message === 'SMTP alert successfully sent.'));
  } finally {
    sender.close();
    await capture.close();
  }
});

test('message and date formats', () => {
  assert.equal(alertMessage({ ...mail, to: ['a@x'] }, 'D'), `Date: D\r\nFrom: root@vm\r\nSubject: ${mail.subject}\r\nX-Mailer: Keepalived\r\nTo: a@x\r\n\r\n${mail.body}\r\n\r\n`);
  assert.match(rfc822Date(new Date(0)), /^(Wed|Thu), 0[12] Jan 19(70|69) \d\d:\d\d:00 [+-]\d{4}$/);
});

test('a refused mail (5xx) is not retried; an unreachable server is, within bounds, and transitions go on', async () => {
  const refusing = await startSmtpCapture({ rejectWith: 554 });
  const sender = new SmtpMailSender({ host: '127.0.0.1', port: refusing.port, heloName: 'h', connectTimeoutMs: 2000 }, collectingLogger());
  const refused = await sender.send(mail);
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.retry, false);
  sender.close();
  await refusing.close();

  // A port nobody listens on.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const logger = collectingLogger();
  const unreachable = new SmtpMailSender({ host: '127.0.0.1', port, heloName: 'h', connectTimeoutMs: 2000 }, logger);
  let attempts = 0;
  const counting = { send: (m: typeof mail) => (attempts++, unreachable.send(m)) };
  const clock = new VirtualClock();
  const queue = new MailQueue(counting, clock, logger, { retryDelaysMs: [1000, 2000], maxBacklog: 4 });
  queue.enqueue(mail);
  for (let i = 0; i < 3; i++) {
    while (attempts <= i) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    clock.advanceBy(2000);
  }
  await queue.whenIdle();
  assert.equal(attempts, 3);
  assert.ok(logger.lines.some((l) => l.message === `SMTP connection ERROR to [127.0.0.1]:${port}.`), JSON.stringify(logger.lines));
  assert.ok(logger.lines.some((l) => l.level === 'warn' && l.message.includes('not sent after 3/3 attempt(s)')));
  unreachable.close();
});

test('mail failures never hold up scripts or FIFO lines; the backlog is bounded', async () => {
  const failing = new MemoryMailSender(() => ({ ok: false, reason: 'down', retry: true }));
  const s = setup(`global_defs {
  notification_email {
    a@x
  }
  smtp_server 127.0.0.1
  smtp_alert
}
${instance('VI_1', 1)}`, { mail: failing, notifier: { mailRetry: { retryDelaysMs: [60_000], maxBacklog: 2 } } });
  for (const to of ['BACKUP', 'MASTER', 'FAULT', 'BACKUP'] as const) {
    s.notifier.handle({ type: 'instance-state', instance: 'VI_1', from: 'INIT', to, priority: 100, reason: 'r', atMs: 0 });
  }
  assert.equal(s.fifo.lines.length, 4);
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.equal(s.runner.started.length, 8);
  assert.ok(s.logger.lines.some((l) => l.message.includes('backlog full')));
  s.notifier.stop();
  await s.notifier.idle();
  assert.equal(failing.attempts, 1);
});
