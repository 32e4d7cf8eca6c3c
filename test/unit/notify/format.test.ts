import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fifoLine, genericNotifyArgs, vrrpAlert } from '../../../src/actors/notify/format.js';
import { splitScriptLine } from '../../../src/actors/notify/split.js';

// Rows marked (lab) were observed on keepalived 2.2.7 (test/lab/notify-vs-keepalived.test.ts and the brief's measurements).
test('generic notify arguments', () => {
  const rows: [Parameters<typeof genericNotifyArgs>, string[]][] = [
    [[{ kind: 'INSTANCE', name: 'VI_1' }, 'MASTER', 100], ['INSTANCE', 'VI_1', 'MASTER', '100']], // (lab)
    [[{ kind: 'INSTANCE', name: 'VI_1' }, 'BACKUP', 100], ['INSTANCE', 'VI_1', 'BACKUP', '100']], // (lab)
    [[{ kind: 'INSTANCE', name: 'VI_1' }, 'STOP', 100], ['INSTANCE', 'VI_1', 'STOP', '100']], // (lab)
    [[{ kind: 'INSTANCE', name: 'VI_3' }, 'DELETED', 100], ['INSTANCE', 'VI_3', 'DELETED', '100']],
    [[{ kind: 'INSTANCE', name: 'VI_2' }, 'FAULT', 0], ['INSTANCE', 'VI_2', 'FAULT', '0']],
    [[{ kind: 'GROUP', name: 'G1' }, 'BACKUP', 100], ['GROUP', 'G1', 'BACKUP', '0']],
  ];
  for (const [args, want] of rows) assert.deepEqual(genericNotifyArgs(...args), want);
});

test('notify FIFO lines', () => {
  const rows: [Parameters<typeof fifoLine>, string][] = [
    [[{ kind: 'INSTANCE', name: 'VI_1' }, 'MASTER', 100], 'INSTANCE "VI_1" MASTER 100'], // (lab)
    [[{ kind: 'INSTANCE', name: 'VI_1' }, 'BACKUP', 100], 'INSTANCE "VI_1" BACKUP 100'], // (lab)
    [[{ kind: 'GROUP', name: 'G1' }, 'BACKUP', 100], 'GROUP "G1" BACKUP 0'],
    [[{ kind: 'INSTANCE', name: 'VI_2' }, 'MASTER_PRIORITY', 105], 'INSTANCE "VI_2" MASTER_PRIORITY 105'],
    [[{ kind: 'INSTANCE', name: 'VI_2' }, 'BACKUP_PRIORITY', 95], 'INSTANCE "VI_2" BACKUP_PRIORITY 95'],
    [[{ kind: 'INSTANCE', name: 'VI_2' }, 'MASTER_RX_LOWER_PRI', 105], 'INSTANCE "VI_2" MASTER_RX_LOWER_PRI 105'],
    [[{ kind: 'INSTANCE', name: 'VI_3' }, 'DELETED', 100], 'INSTANCE "VI_3" DELETED 100'],
  ];
  for (const [args, want] of rows) assert.equal(fifoLine(...args), want);
});

test('SMTP alert subjects and bodies', () => {
  const i = { kind: 'INSTANCE', name: 'VI_1' } as const;
  const g = { kind: 'GROUP', name: 'G1' } as const;
  assert.deepEqual(vrrpAlert('kt_lab', i, 'MASTER'), { subject: '[kt_lab] VRRP Instance VI_1 - Entering MASTER state', body: '=> VRRP Instance is now owning VRRP VIPs <=' }); // (lab)
  assert.deepEqual(vrrpAlert('kt_lab', i, 'BACKUP'), { subject: '[kt_lab] VRRP Instance VI_1 - Entering BACKUP state', body: '=> VRRP Instance is no longer owning VRRP VIPs <=' }); // (lab)
  assert.deepEqual(vrrpAlert('r', i, 'FAULT'), { subject: '[r] VRRP Instance VI_1 - Entering FAULT state', body: '=> VRRP Instance is no longer owning VRRP VIPs <=' });
  assert.deepEqual(vrrpAlert('r', i, 'STOP'), { subject: '[r] VRRP Instance VI_1 - Stopping', body: '=> VRRP Instance stopping <=' });
  assert.equal(vrrpAlert('r', i, 'DELETED'), undefined);
  assert.deepEqual(vrrpAlert('r', g, 'MASTER'), { subject: '[r] VRRP Group G1 - Entering MASTER state', body: '=> All VRRP group instances are now in MASTER state <=' });
  assert.deepEqual(vrrpAlert('r', g, 'STOP'), { subject: '[r] VRRP Group G1 - Stopping', body: '=> All VRRP group instances are now stopping <=' });
});

test('script lines split shell-style', () => {
  const rows: [string, string[]][] = [
    ["/x/rec.sh master 'two words'", ['/x/rec.sh', 'master', 'two words']], // (lab)
    ['/bin/a  b\tc', ['/bin/a', 'b', 'c']],
    ['/bin/a "x \\" y" z', ['/bin/a', 'x " y', 'z']],
    ["/bin/a 'it''s' x\\ y", ['/bin/a', 'its', 'x y']],
    ["/bin/a ''", ['/bin/a', '']],
    ['', []],
  ];
  for (const [line, want] of rows) assert.deepEqual(splitScriptLine(line), want, line);
});
