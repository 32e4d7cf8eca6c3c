/**
 * The machines' definitions as JSON (XState `machine.toJSON()`), with keys sorted so that the
 * checked-in charts under src/machines/charts/ only change when a machine does.
 */
import type { AnyStateMachine } from 'xstate';
import { vrrpInstanceMachine } from './instance/machine.js';
import { vrrpSyncGroupMachine } from './sync-group/machine.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export function chartJson(machine: AnyStateMachine): string {
  // Round-trip through JSON first so toJSON() hooks and dropped functions are applied.
  return `${JSON.stringify(sortKeys(JSON.parse(JSON.stringify(machine.toJSON()))), null, 2)}\n`;
}

/** File name (under src/machines/charts/) → chart text. */
export function allCharts(): Record<string, string> {
  return {
    'vrrp-instance.json': chartJson(vrrpInstanceMachine),
    'sync-group.json': chartJson(vrrpSyncGroupMachine),
  };
}
