import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createActor } from 'xstate';
import { vrrpInstanceMachine } from '../../../../src/machines/index.js';
import type { InstanceContext, InstanceParamsInput } from '../../../../src/machines/index.js';
import { advertDetailLine, advertLine } from '../../../../src/actors/vrrp/advert-line.js';

function contextAs(role: 'BACKUP' | 'MASTER', extra: Partial<InstanceParamsInput> = {}): InstanceContext {
  const input: InstanceParamsInput = { name: 'VI_1', vrid: 51, priority: 100, primaryAddress: '10.9.0.1', ...extra };
  const actor = createActor(vrrpInstanceMachine, { input, clock: { setTimeout: () => 0, clearTimeout: () => undefined } });
  actor.start();
  const context = actor.getSnapshot().context;
  actor.stop();
  return { ...context, role };
}

const advert = (priority: number, sourceAddress = '10.9.0.2') => ({ type: 'ADVERT', priority, maxAdvertIntervalMs: 1000, sourceAddress }) as const;

// The lines keepalived 2.2.7 logged in a namespace for each case.
test("accepted adverts are logged in keepalived's words for the state they find us in", () => {
  assert.equal(advertLine(contextAs('BACKUP'), advert(50)), 'received lower priority (50) advert from 10.9.0.2 - discarding');
  assert.equal(advertLine(contextAs('MASTER'), advert(50)), 'Received advert from 10.9.0.2 with lower priority 50, ours 100, forcing new election');
  assert.equal(advertLine(contextAs('MASTER'), advert(200)), 'Master received advert from 10.9.0.2 with higher priority 200, ours 100');
});

test('adverts that change nothing worth a line pass in silence', () => {
  assert.equal(advertLine(contextAs('BACKUP'), advert(200)), undefined);
  // nopreempt: a Backup follows any Master.
  assert.equal(advertLine(contextAs('BACKUP', { nopreempt: true }), advert(50)), undefined);
  assert.equal(advertLine(contextAs('MASTER'), advert(0)), undefined);
  assert.equal(advertLine(contextAs('BACKUP'), advert(0)), undefined);
  // With -D only: a Backup hearing its Master resign.
  assert.equal(advertDetailLine(contextAs('BACKUP'), advert(0)), 'Backup received priority 0 advertisement');
  assert.equal(advertDetailLine(contextAs('MASTER'), advert(0)), undefined);
  assert.equal(advertDetailLine(contextAs('BACKUP'), advert(50)), undefined);
});
