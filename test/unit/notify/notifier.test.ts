import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VrrpEvent } from '../../../src/actors/vrrp/subsystem.js';
import { instance, setup } from './support/setup.js';
import { RecordingRunner } from './support/fakes.js';

const st = (inst: string, to: 'MASTER' | 'BACKUP' | 'FAULT' | 'STOP' | 'DELETED' | 'INIT', priority = 100): VrrpEvent =>
  ({ type: 'instance-state', instance: inst, from: 'INIT', to, priority, reason: 't', atMs: 0 });

const globalMail = (extra: string): string => `global_defs {
  notification_email {
    a@x
    b@x
  }
  smtp_server 127.0.0.1
${extra}
}
`;

/** Scripts started for one instance, in order (instances run side by side). */
const startedFor = (runner: RecordingRunner, inst: string): (readonly string[])[] =>
  runner.started.filter((x) => x.argv.includes(inst)).map((x) => x.argv);

test('an instance transition runs notify_<state> then notify with 4 words, writes the FIFO line', async () => {
  const s = setup(instance('VI_1', 1));
  s.notifier.handle(st('VI_1', 'BACKUP'));
  s.notifier.handle(st('VI_1', 'MASTER', 105));
  s.notifier.handle(st('VI_1', 'INIT'));
  await s.notifier.idle();
  assert.deepEqual(s.runner.started.map((x) => x.argv), [
    ['/s/backup', 'VI_1'],
    ['/s/any', 'x y', 'INSTANCE', 'VI_1', 'BACKUP', '100'],
    ['/s/master', 'VI_1'],
    ['/s/any', 'x y', 'INSTANCE', 'VI_1', 'MASTER', '105'],
  ]);
  assert.deepEqual(s.fifo.lines, ['INSTANCE "VI_1" BACKUP 100', 'INSTANCE "VI_1" MASTER 105']);
  assert.equal(s.runner.started[0]?.timeoutMs, undefined);
});

test('STOP scripts are killed after 1 s; DELETED is FAULT unless notify_deleted is configured', async () => {
  const s = setup(instance('VI_1', 1) + instance('VI_2', 2, '  notify_deleted "/s/deleted VI_2"'));
  s.notifier.handle(st('VI_1', 'STOP'));
  s.notifier.handle(st('VI_1', 'DELETED'));
  s.notifier.handle(st('VI_2', 'DELETED'));
  await s.notifier.idle();
  const of = (inst: string): [string, number | undefined][] =>
    s.runner.started.filter((x) => x.argv.includes(inst)).map((x) => [x.argv.join(' '), x.timeoutMs]);
  assert.deepEqual(of('VI_1'), [
    ['/s/stop VI_1', 1000],
    ['/s/any x y INSTANCE VI_1 STOP 100', 1000],
    ['/s/fault VI_1', undefined],
    ['/s/any x y INSTANCE VI_1 FAULT 100', undefined],
  ]);
  assert.deepEqual(of('VI_2'), [['/s/deleted VI_2', undefined], ['/s/any x y INSTANCE VI_2 DELETED 100', undefined]]);
  assert.deepEqual(s.fifo.lines, ['INSTANCE "VI_1" STOP 100', 'INSTANCE "VI_1" FAULT 100', 'INSTANCE "VI_2" DELETED 100']);
});

test('a bare notify_deleted reports DELETED without a script', async () => {
  const s = setup(instance('VI_3', 3, '  notify_deleted'));
  s.notifier.handle(st('VI_3', 'DELETED'));
  await s.notifier.idle();
  assert.deepEqual(s.runner.started.map((x) => x.argv.join(' ')), ['/s/any x y INSTANCE VI_3 DELETED 100']);
  assert.deepEqual(s.fifo.lines, ['INSTANCE "VI_3" DELETED 100']);
});

test('groups: GROUP words with priority 0', async () => {
  const s = setup(`${instance('VI_1', 1)}${instance('VI_2', 2)}vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
  notify_backup "/g/backup"
  notify /g/any
}
`);
  s.notifier.handle({ type: 'group-state', group: 'G1', from: 'INIT', to: 'BACKUP', atMs: 0 });
  await s.notifier.idle();
  assert.deepEqual(s.runner.started.map((x) => x.argv.join(' ')), ['/g/backup', '/g/any GROUP G1 BACKUP 0']);
  assert.deepEqual(s.fifo.lines, ['GROUP "G1" BACKUP 0']);
});

test('priority changes reach the FIFO only with notify_priority_changes; lower-priority adverts run their script', async () => {
  const s = setup(instance('VI_1', 1) + instance('VI_2', 2, '  notify_priority_changes'));
  s.notifier.handle(st('VI_2', 'MASTER', 100));
  s.notifier.handle({ type: 'priority', instance: 'VI_1', priority: 90, atMs: 0 });
  s.notifier.handle({ type: 'priority', instance: 'VI_2', priority: 105, atMs: 0 });
  s.notifier.handle(st('VI_2', 'BACKUP', 105));
  s.notifier.handle({ type: 'priority', instance: 'VI_2', priority: 95, atMs: 0 });
  s.notifier.handle({ type: 'master-rx-lower-pri', instance: 'VI_1', priority: 100, atMs: 0 });
  await s.notifier.idle();
  assert.deepEqual(s.fifo.lines, [
    'INSTANCE "VI_2" MASTER 100',
    'INSTANCE "VI_2" MASTER_PRIORITY 105',
    'INSTANCE "VI_2" BACKUP 105',
    'INSTANCE "VI_2" BACKUP_PRIORITY 95',
    'INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100',
  ]);
  assert.deepEqual(startedFor(s.runner, 'VI_1'), [['/s/rxlow', 'VI_1']]);
});

test('SMTP alerts: per instance smtp_alert, one mail per state change, no_email_faults', async () => {
  const s = setup(`${globalMail('  router_id R1\n  no_email_faults')}${instance('VI_1', 1, '  smtp_alert')}${instance('VI_2', 2)}`);
  for (const e of [st('VI_1', 'BACKUP'), st('VI_1', 'BACKUP'), st('VI_1', 'FAULT'), st('VI_1', 'MASTER'), st('VI_2', 'MASTER'), st('VI_1', 'STOP')]) s.notifier.handle(e);
  await s.notifier.idle();
  assert.deepEqual(s.mail.sent.map((m) => m.subject), [
    '[R1] VRRP Instance VI_1 - Entering BACKUP state',
    '[R1] VRRP Instance VI_1 - Entering MASTER state',
    '[R1] VRRP Instance VI_1 - Stopping',
  ]);
  assert.deepEqual(s.mail.sent[0], { from: 'root@host1', to: ['a@x', 'b@x'], subject: '[R1] VRRP Instance VI_1 - Entering BACKUP state', body: '=> VRRP Instance is no longer owning VRRP VIPs <=' });
});

test('global smtp_alert_vrrp turns alerts on for every instance; defaults name the host', async () => {
  const s = setup(`${globalMail('  smtp_alert_vrrp')}${instance('VI_2', 2)}`);
  s.notifier.handle(st('VI_2', 'MASTER'));
  await s.notifier.idle();
  assert.deepEqual(s.mail.sent.map((m) => [m.from, m.subject]), [['root@host1', '[host1] VRRP Instance VI_2 - Entering MASTER state']]);
});

test('a hung script holds its instance for scriptWaitMs only, other instances never wait', async () => {
  const runner = new RecordingRunner(false);
  const s = setup(instance('VI_1', 1) + instance('VI_2', 2), { runner, notifier: { scriptWaitMs: 5000 } });
  s.notifier.handle(st('VI_1', 'BACKUP'));
  s.notifier.handle(st('VI_1', 'MASTER'));
  s.notifier.handle(st('VI_2', 'BACKUP'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(runner.started.map((x) => x.argv[0]), ['/s/backup', '/s/backup']);
  s.clock.advanceBy(5000);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(runner.started.map((x) => x.argv.slice(0, 2).join(' ')), ['/s/backup VI_1', '/s/backup VI_2', '/s/any x y', '/s/any x y']);
  assert.ok(s.logger.lines.some((l) => l.level === 'warn' && l.message.includes('still running after 5s')));
  // FIFO lines never waited for any script.
  assert.deepEqual(s.fifo.lines, ['INSTANCE "VI_1" BACKUP 100', 'INSTANCE "VI_1" MASTER 100', 'INSTANCE "VI_2" BACKUP 100']);
  for (let i = 0; i < 10; i++) {
    runner.finishAll();
    await new Promise((r) => setImmediate(r));
  }
  await s.notifier.idle();
  assert.equal(runner.started.length, 6);
});

test('reload: a removed instance keeps its scripts until its DELETED is notified', async () => {
  const s = setup(instance('VI_1', 1) + instance('VI_3', 3, '  notify_deleted "/s/deleted VI_3"'));
  const { config } = setup(instance('VI_1', 1));
  s.notifier.reconfigure(config);
  s.notifier.handle(st('VI_3', 'DELETED'));
  await s.notifier.idle();
  assert.deepEqual(s.runner.started.map((x) => x.argv.join(' ')), ['/s/deleted VI_3', '/s/any x y INSTANCE VI_3 DELETED 100']);
});
