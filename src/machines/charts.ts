/**
 * The machines' definitions as JSON (XState `machine.toJSON()`), with keys sorted so that the
 * checked-in charts under src/machines/charts/ only change when a machine does.
 *
 * XState's toJSON() leaves out eventless (`always`) transitions and drops compound guards
 * (`and([...])` is a function), yet both decide where an instance goes (Initialize → Fault /
 * Master / Backup, leaving FAULT). Both are added back here so the JSON is a complete chart:
 * `always` per state, and compound guards as `{ "and": [...] }` / `{ "or": [...] }` / `{ "not": [...] }`.
 */
import type { AnyStateMachine } from 'xstate';
import { vrrpInstanceMachine } from './instance/machine.js';
import { vrrpSyncGroupMachine } from './sync-group/machine.js';
import { scriptCheckMachine } from './tracking/script-check.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** A guard as data: its name, or XState's and/or/not helpers (functions carrying `.guards`). */
export type GuardJson = string | { readonly [combinator: string]: readonly GuardJson[] };

function guardJson(guard: unknown): GuardJson | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  if (typeof guard === 'function' && Array.isArray((guard as { guards?: unknown }).guards)) {
    const parts = (guard as unknown as { guards: unknown[] }).guards.map((g) => guardJson(g) ?? 'inline');
    return { [guard.name || 'and']: parts };
  }
  return 'inline';
}

interface LiveTransition {
  readonly guard?: unknown;
  readonly target?: readonly { readonly id: string }[] | undefined;
  readonly actions: readonly unknown[];
  readonly reenter: boolean;
}

interface LiveNode {
  readonly id: string;
  readonly states: Record<string, LiveNode>;
  readonly always?: readonly LiveTransition[] | undefined;
  readonly on: Record<string, readonly LiveTransition[]>;
  readonly transitions: Map<string, readonly LiveTransition[]>;
}

type JsonNode = Record<string, unknown> & { states?: Record<string, JsonNode> };

function actionName(action: unknown): unknown {
  if (typeof action === 'string') return action;
  if (action !== null && typeof action === 'object' && 'type' in action) return { type: (action as { type: unknown }).type };
  return null;
}

/** Puts back what toJSON() lost, walking the live state nodes beside their JSON. */
function complete(live: LiveNode, json: JsonNode): void {
  const fixGuards = (liveList: readonly LiveTransition[], jsonList: unknown): void => {
    if (!Array.isArray(jsonList)) return;
    liveList.forEach((t, i) => {
      const g = guardJson(t.guard);
      const entry = jsonList[i] as Record<string, unknown> | undefined;
      if (g !== undefined && entry !== undefined && typeof g !== 'string') entry['guard'] = g;
    });
  };
  const on = json['on'] as Record<string, unknown> | undefined;
  for (const [event, list] of Object.entries(live.on)) fixGuards(list, on?.[event]);
  fixGuards([...live.transitions.values()].flat(), json['transitions']);
  if (live.always !== undefined && live.always.length > 0) {
    json['always'] = live.always.map((t) => ({
      actions: t.actions.map(actionName),
      eventType: '',
      guard: guardJson(t.guard),
      reenter: t.reenter,
      source: `#${live.id}`,
      target: t.target?.map((s) => `#${s.id}`),
    }));
  }
  for (const [key, child] of Object.entries(live.states)) {
    const childJson = json.states?.[key];
    if (childJson !== undefined) complete(child, childJson);
  }
}

export function chartJson(machine: AnyStateMachine): string {
  // Round-trip through JSON first so toJSON() hooks and dropped functions are applied.
  const json = JSON.parse(JSON.stringify(machine.toJSON())) as JsonNode;
  complete(machine.root as unknown as LiveNode, json);
  return `${JSON.stringify(sortKeys(json), null, 2)}\n`;
}

/** File name (under src/machines/charts/) → chart text. */
export function allCharts(): Record<string, string> {
  return {
    'vrrp-instance.json': chartJson(vrrpInstanceMachine),
    'sync-group.json': chartJson(vrrpSyncGroupMachine),
    'script-check.json': chartJson(scriptCheckMachine),
  };
}
