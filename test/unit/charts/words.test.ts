import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vrrpInstanceMachine } from '../../../src/machines/instance/machine.js';
import { scriptCheckMachine } from '../../../src/machines/tracking/script-check.js';
import { MACHINE_NAMES, machineChart } from '../../../src/charts/machines.js';
import { DELAY_WORDS, EVENT_WORDS, GUARD_WORDS, TIMER_EVENTS } from '../../../src/charts/words.js';

test('every event, guard and delay the machines use has RFC words', () => {
  for (const name of MACHINE_NAMES) {
    for (const edge of machineChart(name).edges) {
      if (edge.event !== undefined) assert.ok(edge.event in EVENT_WORDS, `${name}: event ${edge.event}`);
      for (const g of edge.guard?.split(',') ?? []) assert.ok(g in GUARD_WORDS, `${name}: guard ${g}`);
      for (const d of edge.delays ?? []) assert.ok(d in DELAY_WORDS, `${name}: delay ${d}`);
    }
  }
  for (const machine of [vrrpInstanceMachine, scriptCheckMachine]) {
    for (const delay of Object.keys(machine.implementations.delays)) assert.ok(delay in DELAY_WORDS, `delay ${delay}`);
  }
});

test('every named delay of the instance machine is drawn on some timer event', () => {
  const drawn = new Set(Object.values(TIMER_EVENTS).flat());
  assert.deepEqual([...drawn].sort(), Object.keys(vrrpInstanceMachine.implementations.delays).sort());
  for (const event of Object.keys(TIMER_EVENTS)) assert.ok(event in EVENT_WORDS);
});
