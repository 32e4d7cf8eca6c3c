/**
 * Issue 5, end to end: keepalived 2.2.7 and keepalived-ts run the same config, with the same
 * recording scripts, in two namespace pairs (the daemon under test in `a`, a keepalived peer in
 * `b`), and are driven through the same transitions:
 *
 *   start → BACKUP (peer 150) · peer SIGKILLed → MASTER · new peer at 90 · weighted track_script
 *   (-30) fails → priority 70 → peer preempts → BACKUP · weight-0 track_script fails → FAULT ·
 *   it recovers → BACKUP · track_file (weight 1) set to 50 → priority 120 → MASTER · a0 down →
 *   FAULT · a0 up → BACKUP → MASTER · SIGTERM → STOP; startup_script and shutdown_script around it
 *
 * Compared: what the notify scripts recorded ("$0 $@ uid=$(id -u)", per transition as a set —
 * keepalived races a transition's scripts — and for us in our guaranteed order: the specific
 * script, then the generic one), the vrrp_notify_fifo lines (in order) and the subjects of the
 * SMTP alerts received by an smtp-server on the namespace's loopback. notify_fault runs as
 * `nobody`, the others as script_user root: the uid column checks who ran them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Netns, requireLab, vethPair } from '../support/lab.js';
import { DaemonProcess, startKeepalived } from '../support/keepalived.js';

const SMTP_PORT = 2525;
const root = fileURLToPath(new URL('../../', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const readLines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

/** An smtp-server inside the namespace, appending each mail's subject and envelope as a JSON line. */
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
          const data = Buffer.concat(chunks).toString('latin1');
          appendFileSync(${JSON.stringify(file)}, JSON.stringify({
            from: session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address),
            subject: (/^Subject: (.*)$/m.exec(data) || [])[1]?.trim(),
          }) + '\\n');
          cb();
        });
      },
    });
    server.listen(${SMTP_PORT}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn('ip', ['netns', 'exec', ns.name, process.execPath, '--input-type=module', '-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
    child.once('exit', (c) => reject(new Error(`smtp-server exited ${c}`)));
  });
  return { ready, stop: () => child.kill('SIGKILL') };
}

function dutConfig(dir: string): string {
  return `global_defs {
  router_id kt_lab
  notification_email {
    ops@example.com
  }
  notification_email_from keepalived@kt-lab
  smtp_server 127.0.0.1 ${SMTP_PORT}
  smtp_connect_timeout 5
  vrrp_notify_fifo ${dir}/vrrp.fifo
  vrrp_notify_fifo_script ${dir}/fifo-reader.sh
  script_user root
  startup_script "${dir}/rec.sh startup"
  shutdown_script "${dir}/rec.sh shutdown"
}
vrrp_script chk_w {
  script "${dir}/chk.sh w"
  interval 1
  fall 1
  rise 1
  weight -30
}
vrrp_script chk_0 {
  script "${dir}/chk.sh zero"
  interval 1
  fall 1
  rise 1
  weight 0
}
vrrp_track_file tf {
  file ${dir}/tf
  weight 1
}
vrrp_instance VI_1 {
  state BACKUP
  interface a0
  virtual_router_id 52
  priority 100
  advert_int 1
  smtp_alert
  virtual_ipaddress {
    10.52.0.100/24
  }
  track_script {
    chk_w
    chk_0
  }
  track_file {
    tf
  }
  notify_master "${dir}/rec.sh master"
  notify_backup "${dir}/rec.sh backup"
  notify_fault "${dir}/rec.sh fault" nobody
  notify_stop "${dir}/rec.sh stop"
  notify "${dir}/rec.sh any"
}
`;
}

function peerConfig(priority: number): string {
  return `vrrp_instance VI_1 {
  state BACKUP
  interface b0
  virtual_router_id 52
  priority ${priority}
  advert_int 1
  virtual_ipaddress {
    10.52.0.100/24
  }
}
`;
}

/** keepalived-ts from source, with the same command line as startKeepalived. */
function startOurs(ns: Netns, dir: string, config: string): DaemonProcess {
  const conf = join(dir, 'keepalived.conf');
  writeFileSync(conf, config);
  return new DaemonProcess(ns, 'env', [
    `KEEPALIVED_TS_TMP_DIR=${dir}`, process.execPath, '--import', 'tsx', join(root, 'src/cli/main.ts'),
    '-n', '-l', '-D', '-P', '-f', conf,
    '-p', join(dir, 'keepalived.pid'), '-r', join(dir, 'keepalived_vrrp.pid'), '-c', join(dir, 'keepalived_checkers.pid'), '-b', join(dir, 'keepalived_bfd.pid'),
  ]);
}

interface Recorded {
  /** Script calls, the directory replaced by DIR. */
  readonly calls: string[];
  readonly fifo: string[];
  readonly subjects: string[];
  readonly output: string;
}

type Starter = (ns: Netns, dir: string, config: string) => DaemonProcess;

/** Drives one daemon (in `a`) through the scenario; the peer in `b` is always keepalived. */
async function scenario(label: string, start: Starter, t: { diagnostic: (m: string) => void }): Promise<Recorded> {
  const dir = mkdtempSync(join(tmpdir(), `kt-i5-${label}-`));
  chmodSync(dir, 0o755);
  const a = new Netns('kti5');
  const b = new Netns('kti5');
  const daemons: DaemonProcess[] = [];
  let smtp: { ready: Promise<void>; stop: () => void } | undefined;
  const callsFile = join(dir, 'calls.log');
  try {
    vethPair(a, b, '10.52.0.1/24', '10.52.0.2/24');
    writeFileSync(join(dir, 'rec.sh'), `#!/bin/sh\necho "$0 $@ uid=$(id -u)" >> ${callsFile}\n`);
    writeFileSync(join(dir, 'chk.sh'), `#!/bin/sh\nexit "$(cat ${dir}/$1.rc 2>/dev/null || echo 0)"\n`);
    writeFileSync(join(dir, 'fifo-reader.sh'), `#!/bin/sh\nexec cat "$1" >> ${dir}/fifo.log\n`);
    for (const f of ['rec.sh', 'chk.sh', 'fifo-reader.sh']) chmodSync(join(dir, f), 0o755);
    writeFileSync(callsFile, '');
    chmodSync(callsFile, 0o666);
    writeFileSync(join(dir, 'tf'), '0\n');
    smtp = smtpInNamespace(a, join(dir, 'mails.jsonl'));
    await smtp.ready;

    const calls = (): string[] => readLines(callsFile);
    const has = async (what: string, predicate: (lines: string[]) => boolean, timeoutMs = 15_000): Promise<void> => {
      for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) if (predicate(calls())) return;
      throw new Error(`${label}: timed out waiting for ${what}\ncalls: ${calls().join('\n')}\n--- daemon output:\n${daemons[0]?.output ?? ''}`);
    };
    const countOf = (state: string) => (lines: string[]) => lines.filter((l) => l.includes(`/rec.sh ${state} `)).length;
    const reach = async (state: string, n: number): Promise<void> => {
      await has(`${state} #${n}`, (lines) => countOf(state)(lines) >= n);
      await sleep(400); // the generic script of the same transition
    };

    const peer = startKeepalived(b, dir, peerConfig(150), 'peer');
    await sleep(1500);
    const dut = start(a, dir, dutConfig(dir));
    daemons.push(dut, peer);
    await reach('backup', 1);
    await peer.stop('SIGKILL');
    await reach('master', 1);
    const peer2 = startKeepalived(b, dir, peerConfig(90), 'peer2');
    daemons.push(peer2);
    await sleep(4000);
    writeFileSync(join(dir, 'w.rc'), '1\n');
    await reach('backup', 2);
    writeFileSync(join(dir, 'zero.rc'), '1\n');
    await reach('fault', 1);
    writeFileSync(join(dir, 'zero.rc'), '0\n');
    await reach('backup', 3);
    writeFileSync(join(dir, 'tf'), '50\n');
    await reach('master', 2);
    a.run('ip', ['link', 'set', 'a0', 'down']);
    await reach('fault', 2);
    a.run('ip', ['link', 'set', 'a0', 'up']);
    await reach('master', 3);
    await sleep(1000);
    await dut.stop('SIGTERM', 8000);
    await sleep(1000);
    const mails = readLines(join(dir, 'mails.jsonl')).map((l) => JSON.parse(l) as { subject: string });
    const recorded = {
      calls: calls().map((l) => l.replaceAll(dir, 'DIR')),
      fifo: readLines(join(dir, 'fifo.log')),
      subjects: mails.map((m) => m.subject),
      output: dut.output,
    };
    t.diagnostic(`${label} calls: ${JSON.stringify(recorded.calls)}`);
    t.diagnostic(`${label} fifo: ${JSON.stringify(recorded.fifo)}`);
    t.diagnostic(`${label} mails: ${JSON.stringify(recorded.subjects)}`);
    return recorded;
  } finally {
    for (const d of daemons) await d.stop('SIGKILL', 1000).catch(() => undefined);
    smtp?.stop();
    a.dispose();
    b.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The state a recorded call belongs to: `rec.sh master …` or `rec.sh any INSTANCE VI_1 MASTER …`. */
function stateOf(line: string): string {
  const words = line.split(' ');
  return words[1] === 'any' ? (words[4] ?? '').toLowerCase() : (words[1] ?? '');
}

/** Consecutive calls of the same state form one transition; each as a sorted set. */
function transitions(lines: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const line of lines) {
    const last = groups.at(-1);
    if (last && stateOf(last[0] ?? '') === stateOf(line)) last.push(line);
    else groups.push([line]);
  }
  return groups.map((g) => [...g].sort());
}

test('issue 5: keepalived 2.2.7 and keepalived-ts record the same notify scripts, FIFO lines and alerts', { timeout: 240_000 }, async (t) => {
  if (!requireLab(t, ['ip', 'keepalived'])) return;
  const reference = await scenario('keepalived', startKeepalived, t);
  const ours = await scenario('ours', startOurs, t);

  const expectedStates = ['startup', 'backup', 'master', 'backup', 'fault', 'backup', 'master', 'fault', 'backup', 'master', 'stop', 'shutdown'];
  // a0 up → BACKUP then MASTER: both daemons pass through BACKUP.
  assert.deepEqual(transitions(reference.calls).map((g) => stateOf(g[0] ?? '')), expectedStates, 'keepalived reference transitions');
  assert.deepEqual(transitions(ours.calls), transitions(reference.calls), `ours differ:\n${ours.output}`);
  // Our guaranteed order inside a transition: the specific script, then the generic one.
  // startup_script before anything, shutdown_script after everything (the parent runs them).
  assert.equal(ours.calls[0], 'DIR/rec.sh startup uid=0');
  assert.equal(ours.calls.at(-1), 'DIR/rec.sh shutdown uid=0');
  const notifyCalls = ours.calls.slice(1, -1);
  assert.equal(notifyCalls.length % 2, 0);
  for (let i = 0; i < notifyCalls.length; i += 2) {
    const [specific, generic] = [notifyCalls[i] ?? '', notifyCalls[i + 1] ?? ''];
    assert.ok(!specific.includes('/rec.sh any') && generic.includes('/rec.sh any') && stateOf(specific) === stateOf(generic), `order: ${specific} / ${generic}`);
  }
  // notify_fault ran as nobody, everything else as root, in both.
  assert.ok(ours.calls.filter((l) => l.startsWith('DIR/rec.sh fault ')).every((l) => l.endsWith('uid=65534')));
  assert.ok(ours.calls.filter((l) => !l.startsWith('DIR/rec.sh fault ')).every((l) => l.endsWith('uid=0')));

  // FIFO: the same lines in the same order; keepalived's reader is killed before its STOP line.
  const withoutStop = (lines: readonly string[]) => lines.filter((l) => !/ STOP \d+$/.test(l));
  assert.deepEqual(withoutStop(ours.fifo), withoutStop(reference.fifo));
  assert.ok(reference.fifo.length >= 9);

  // SMTP: the same subjects in the same order (keepalived exits before its "Stopping" alert leaves).
  const withoutStopping = (s: readonly string[]) => s.filter((x) => !x.endsWith('- Stopping'));
  assert.deepEqual(withoutStopping(ours.subjects), withoutStopping(reference.subjects));
  assert.ok(reference.subjects.length >= 5, JSON.stringify(reference.subjects));
});
