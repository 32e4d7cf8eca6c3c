/**
 * The typed messages between the parent (watchdog) and its subsystem children, over Node's IPC
 * channel (JSON). Everything arriving is parsed defensively: a malformed message is dropped, never
 * trusted, so a confused peer cannot crash the other side.
 */
import type { VrrpEvent, VrrpStatus } from '../../actors/vrrp/subsystem.js';

/** Parent → child. */
export type ParentMessage =
  | { readonly type: 'reload' }
  | { readonly type: 'stop' }
  /**
   * Answered by one `status` message with the same id. The purpose lets the child log
   * keepalived's "Printing … on signal" line; `stats-clear` clears the counters after the snapshot.
   */
  | { readonly type: 'status-request'; readonly id: number; readonly purpose: StatusPurpose };

/** `poll`: the status aggregator's periodic refresh (answered without a log line). */
export type StatusPurpose = 'data' | 'stats' | 'stats-clear' | 'json' | 'poll';
const PURPOSES: readonly string[] = ['data', 'stats', 'stats-clear', 'json', 'poll'] satisfies StatusPurpose[];

/** Child → parent. */
export type ChildMessage =
  /** The subsystem started (its pid file is written). */
  | { readonly type: 'ready'; readonly pid: number }
  /** A reload finished (ok false: the new config was refused, the old one still runs). */
  | { readonly type: 'reloaded'; readonly ok: boolean }
  | { readonly type: 'event'; readonly event: VrrpEvent }
  | { readonly type: 'status'; readonly id: number; readonly status: VrrpStatus }
  /** The child cannot go on; it exits with exitCode right after. */
  | { readonly type: 'fatal'; readonly message: string; readonly exitCode: number };

/** Detached daemon → the command that launched it. */
export type LauncherMessage = { readonly type: 'daemon-ready'; readonly pid: number } | { readonly type: 'daemon-failed'; readonly exitCode: number };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function parseParentMessage(raw: unknown): ParentMessage | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw['type']) {
    case 'reload':
    case 'stop':
      return { type: raw['type'] };
    case 'status-request': {
      const purpose = raw['purpose'];
      return isInt(raw['id']) && typeof purpose === 'string' && PURPOSES.includes(purpose)
        ? { type: 'status-request', id: raw['id'], purpose: purpose as StatusPurpose }
        : undefined;
    }
    default:
      return undefined;
  }
}

export function parseChildMessage(raw: unknown): ChildMessage | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw['type']) {
    case 'ready':
      return isInt(raw['pid']) ? { type: 'ready', pid: raw['pid'] } : undefined;
    case 'reloaded':
      return typeof raw['ok'] === 'boolean' ? { type: 'reloaded', ok: raw['ok'] } : undefined;
    case 'event':
      return isVrrpEvent(raw['event']) ? { type: 'event', event: raw['event'] } : undefined;
    case 'status':
      return isInt(raw['id']) && isVrrpStatus(raw['status']) ? { type: 'status', id: raw['id'], status: raw['status'] } : undefined;
    case 'fatal':
      return typeof raw['message'] === 'string' && isInt(raw['exitCode'])
        ? { type: 'fatal', message: raw['message'], exitCode: raw['exitCode'] }
        : undefined;
    default:
      return undefined;
  }
}

export function parseLauncherMessage(raw: unknown): LauncherMessage | undefined {
  if (!isObject(raw)) return undefined;
  if (raw['type'] === 'daemon-ready' && isInt(raw['pid'])) return { type: 'daemon-ready', pid: raw['pid'] };
  if (raw['type'] === 'daemon-failed' && isInt(raw['exitCode'])) return { type: 'daemon-failed', exitCode: raw['exitCode'] };
  return undefined;
}

const EVENT_TYPES = new Set(['instance-state', 'group-state', 'priority', 'master-rx-lower-pri', 'actor-restarted', 'actor-escalated']);

/** The shape check is shallow on purpose: events are logged and relayed, not acted on. */
function isVrrpEvent(v: unknown): v is VrrpEvent {
  return isObject(v) && typeof v['type'] === 'string' && EVENT_TYPES.has(v['type']) && typeof v['atMs'] === 'number';
}

/** Status feeds the report files: every field they read is checked. */
function isVrrpStatus(v: unknown): v is VrrpStatus {
  if (!isObject(v) || !Array.isArray(v['instances']) || !Array.isArray(v['syncGroups'])) return false;
  if (v['tracked'] !== undefined && !(isObject(v['tracked']) && Object.values(v['tracked']).every(isObject))) return false;
  return v['instances'].every(isInstanceStatus) && v['syncGroups'].every(isSyncGroupStatus);
}

function isInstanceStatus(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v['name'] === 'string' &&
    isInt(v['vrid']) &&
    typeof v['interfaceName'] === 'string' &&
    typeof v['state'] === 'string' &&
    isInt(v['basePriority']) &&
    isInt(v['effectivePriority']) &&
    isObject(v['counters']) &&
    Object.values(v['counters']).every(isInt)
  );
}

function isSyncGroupStatus(v: unknown): boolean {
  return isObject(v) && typeof v['name'] === 'string' && typeof v['state'] === 'string' && Array.isArray(v['members']) && v['members'].every((m) => typeof m === 'string');
}
