/**
 * The charts `keepalived-ts chart --machine` draws, read from the checked-in JSON (the source
 * of truth, kept equal to the code by test/unit/machines/charts.test.ts) rather than from the
 * machines, so drawing never loads XState.
 */
import vrrpInstance from '../machines/charts/vrrp-instance.json' with { type: 'json' };
import syncGroup from '../machines/charts/sync-group.json' with { type: 'json' };
import scriptCheck from '../machines/charts/script-check.json' with { type: 'json' };
import type { ChartModel } from './model.js';
import { normaliseMachine, type XStateNodeJson } from './normalise.js';

export const MACHINE_NAMES = ['vrrp', 'sync-group', 'script-check'] as const;
export type MachineName = (typeof MACHINE_NAMES)[number];

const SOURCES: Record<MachineName, { readonly json: unknown; readonly title: string }> = {
  vrrp: { json: vrrpInstance, title: 'VRRP instance (RFC 5798 §6.4, keepalived 2.2.7)' },
  'sync-group': { json: syncGroup, title: 'vrrp_sync_group' },
  'script-check': { json: scriptCheck, title: 'vrrp_script check' },
};

export function machineChart(name: MachineName): ChartModel {
  const { json, title } = SOURCES[name];
  return normaliseMachine(json as XStateNodeJson, title);
}
