/**
 * Reference notifications from the real keepalived 2.2.7: one instance in a namespace becomes
 * MASTER (no peer answers), then is stopped. A recording script stands for every notify script,
 * the vrrp_notify_fifo_script copies the FIFO to a file, and an smtp-server on the namespace's
 * loopback captures the alerts. Our notifier, fed the equivalent VrrpEvents from the same config,
 * must produce the same argv, the same FIFO lines and the same mails (Date aside).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Netns, requireLab, vethPair } from '../support/lab.js';
import { startKeepalived } from '../support/keepalived.js';
import { loadConfig } from '../../src/config/load.js';
import { RealConfigHost } from '../../src/io/config-host.js';
import { VirtualClock } from '../../src/sim/virtual-time.js';
import { VrrpNotifier } from '../../src/actors/notify/notifier.js';
import { MemoryFifo } from '../../src/sim/notify/memory.js';
import { SmtpMailSender } from '../../src/io/notify/smtp.js';
import type { VrrpEvent } from '../../src/actors/vrrp/subsystem.js';
import { RecordingRunner, quietLogger } from '../unit/notify/support/fakes.js';
import { startSmtpCapture, type CapturedMail } from '../unit/notify/support/smtp-capture.js';

const SMTP_PORT = 2525;

/** An smtp-server inside the namespace, appending each mail as a JSON line to `file`. */
function smtpInNamespace(ns: Netns, file: string): { ready: Promise<void>; stop: () => void } {
  const code = `
    import { SMTPServer } from 'smtp-server';
    import { appendFileSync } from 'node:fs';
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, cb) {
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => {
          appendFileSync(${JSON.stringify(file)}, JSON.stringify({
            helo: session.hostNameAppearsAs, from: session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('latin1'),
          }) + '\\n');
          cb();
        });
      },
    });
    server.listen(${SMTP_PORT}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '--input-type=module', '-e', code], {
    cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
    child.once('exit', (c) => reject(new Error(`smtp-server exited ${c}`)));
  });
  return { ready, stop: () => child.kill('SIGKILL') };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) if (check()) return true;
  return check();
}

const readLines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

function configText(dir: string): string {
  return `global_defs {
  router_id kt_lab
  notification_email {
    ops@example.com
    oncall@example.com
  }
  smtp_server 127.0.0.1 ${SMTP_PORT}
  smtp_connect_timeout 5
  vrrp_notify_fifo ${dir}/vrrp.fifo
  vrrp_notify_fifo_script ${dir}/fifo-reader.sh
  script_user root
}
vrrp_instance VI_1 {
  state BACKUP
  interface a0
  virtual_router_id 51
  priority 100
  advert_int 1
  smtp_alert
  virtual_ipaddress {
    10.9.0.100/24
  }
  notify_master "${dir}/rec.sh master 'two words'"
  notify_backup "${dir}/rec.sh backup"
  notify_stop "${dir}/rec.sh stop"
  notify "${dir}/rec.sh any"
}
`;
}

test('keepalived 2.2.7 notify scripts, FIFO lines and SMTP alerts match our notifier', { timeout: 90_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const dir = mkdtempSync(join(tmpdir(), 'kt-notify-'));
  const a = new Netns('ktn');
  const b = new Netns('ktn');
  let smtp: { ready: Promise<void>; stop: () => void } | undefined;
  try {
    vethPair(a, b, '10.9.0.1/24', '10.9.0.2/24');
    // One line per call: the words joined by '|'. O_APPEND keeps concurrent calls' lines whole.
    writeFileSync(join(dir, 'rec.sh'), `#!/bin/sh\nout="$1"; shift; for w in "$@"; do out="$out|$w"; done\necho "$out" >> ${dir}/calls.log\n`);
    writeFileSync(join(dir, 'fifo-reader.sh'), `#!/bin/sh\necho "$@" > ${dir}/fifo-args.log\nexec cat "$1" >> ${dir}/fifo.log\n`);
    chmodSync(join(dir, 'rec.sh'), 0o755);
    chmodSync(join(dir, 'fifo-reader.sh'), 0o755);
    smtp = smtpInNamespace(a, join(dir, 'mails.jsonl'));
    await smtp.ready;

    const text = configText(dir);
    const ka = startKeepalived(a, dir, text);
    const mastered = await waitFor(() => readLines(join(dir, 'calls.log')).some((l) => l.startsWith('master')), 15_000);
    assert.ok(mastered, `keepalived never became MASTER:\n${ka.output}`);
    await waitFor(() => readLines(join(dir, 'mails.jsonl')).length >= 2, 5_000);
    await ka.stop('SIGTERM');
    await waitFor(() => readLines(join(dir, 'mails.jsonl')).length >= 3, 3_000);
    await sleep(500);

    const calls = readLines(join(dir, 'calls.log'));
    const fifo = readLines(join(dir, 'fifo.log'));
    const mails = readLines(join(dir, 'mails.jsonl')).map((l) => JSON.parse(l) as CapturedMail);
    t.diagnostic(`keepalived calls: ${JSON.stringify(calls)}`);
    t.diagnostic(`keepalived fifo: ${JSON.stringify(fifo)}`);
    t.diagnostic(`keepalived fifo script args: ${readFileSync(join(dir, 'fifo-args.log'), 'utf8').trim()}`);
    t.diagnostic(`keepalived mails: ${JSON.stringify(mails)}`);

    // The reference, as measured (keepalived lets one transition's two scripts race: compare per transition).
    assert.deepEqual(fifo, ['INSTANCE "VI_1" BACKUP 100', 'INSTANCE "VI_1" MASTER 100']);
    assert.deepEqual(readFileSync(join(dir, 'fifo-args.log'), 'utf8').trim(), `${dir}/vrrp.fifo`);

    // Our notifier on the same config and the equivalent events.
    const loaded = loadConfig(join(dir, 'keepalived.conf'), { configId: 'kt', allConfig: false, configTest: false }, new RealConfigHost());
    const runner = new RecordingRunner();
    const memFifo = new MemoryFifo();
    const capture = await startSmtpCapture();
    const clock = new VirtualClock();
    const config = loaded.config;
    config.global.smtpServer = { host: '127.0.0.1', port: capture.port };
    const sender = new SmtpMailSender({ host: '127.0.0.1', port: capture.port, heloName: hostname(), connectTimeoutMs: 5000 }, quietLogger());
    const notifier = new VrrpNotifier(config, { clock, logger: quietLogger(), scripts: runner, fifos: [memFifo], mail: sender }, { identity: { localName: hostname(), userName: userInfo().username } });
    const events: VrrpEvent[] = [
      { type: 'instance-state', instance: 'VI_1', from: 'INIT', to: 'BACKUP', priority: 100, reason: 'start', atMs: 0 },
      { type: 'instance-state', instance: 'VI_1', from: 'BACKUP', to: 'MASTER', priority: 100, reason: 'timeout', atMs: 1 },
      { type: 'instance-state', instance: 'VI_1', from: 'MASTER', to: 'STOP', priority: 100, reason: 'stop', atMs: 2 },
    ];
    for (const e of events) notifier.handle(e);
    await notifier.idle();
    sender.close();
    await capture.close();

    const ours = runner.started.map((s) => s.argv.map((w) => w.replace(`${dir}/rec.sh`, '')).join('|').replace(/^\|/, ''));
    t.diagnostic(`our calls: ${JSON.stringify(ours)}`);
    const byTransition = (lines: readonly string[]): string[][] => {
      const groups: string[][] = [];
      for (const l of lines) {
        const state = l.startsWith('any') ? (l.split('|')[3] ?? '').toLowerCase() : l.split('|')[0] ?? '';
        const last = groups[groups.length - 1];
        if (last && last[0] === state) last.push(l);
        else groups.push([state, l]);
      }
      return groups.map(([s, ...ls]) => [s ?? '', ...ls.sort()]);
    };
    assert.deepEqual(byTransition(ours), byTransition(calls));
    // keepalived's STOP line never reached the FIFO reader (it is killed at shutdown); ours is written.
    assert.deepEqual(memFifo.lines, [...fifo, 'INSTANCE "VI_1" STOP 100']);

    const normalise = (m: CapturedMail): CapturedMail => ({ ...m, data: m.data.replace(/^Date: .*\r\n/, 'Date: *\r\n') });
    // keepalived exits before its "Stopping" alert leaves; ours is sent (STOP mail is in keepalived's code).
    assert.equal(mails.length, 2);
    assert.deepEqual(capture.mails.slice(0, 2).map(normalise), mails.map(normalise));
    assert.match(capture.mails[2]?.data ?? '', /\r\nSubject: \[kt_lab\] VRRP Instance VI_1 - Stopping\r\n/);
  } finally {
    smtp?.stop();
    a.dispose();
    b.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
