/**
 * What the live view shows, independent of where it comes from: the status document of a
 * running daemon (fromStatusDocument) or a simulator trace being replayed.
 */
import type { StatusDocument } from '../../actors/aggregator/document.js';

/** keepalived's state names (the status document's) → the instance chart's state ids. */
export const CHART_STATE: Readonly<Record<string, string>> = {
  INIT: 'Initialize',
  BACKUP: 'Backup',
  MASTER: 'Master',
  FAULT: 'Fault',
  STOP: 'Stop',
  DELETED: 'Deleted',
};

export interface LiveTracked {
  readonly key: string;
  readonly up: boolean | null;
  readonly value: number | null;
}

export interface LiveInstance {
  readonly name: string;
  readonly state: string;
  readonly basePriority: number | null;
  readonly effectivePriority: number | null;
  readonly syncGroup: string | null;
  readonly masterAddress: string | null;
}

export interface LiveTransition {
  /** ISO time, or milliseconds into a replayed scenario. */
  readonly at: string | number;
  readonly instance: string;
  readonly from: string;
  readonly to: string;
  readonly cause: string | null;
}

export interface LiveSnapshot {
  readonly instances: readonly LiveInstance[];
  readonly tracked: readonly LiveTracked[];
  /** Oldest first. */
  readonly log: readonly LiveTransition[];
}

export function fromStatusDocument(doc: StatusDocument, log: readonly LiveTransition[] = []): LiveSnapshot {
  return {
    instances: doc.instances.map((i) => ({
      name: i.name,
      state: i.state,
      basePriority: i.basePriority,
      effectivePriority: i.effectivePriority,
      syncGroup: i.syncGroup,
      masterAddress: i.masterAddress,
    })),
    tracked: doc.trackedObjects.map((t) => ({ key: t.key, up: t.up, value: t.value })),
    log,
  };
}

/** The transitions a status document reports (each instance's last), for a log kept elsewhere. */
export function lastTransitions(doc: StatusDocument): LiveTransition[] {
  return doc.instances.flatMap((i) =>
    i.lastTransition === null ? [] : [{ at: i.lastTransition.at, instance: i.name, from: i.lastTransition.from, to: i.lastTransition.to, cause: i.lastTransition.reason }],
  );
}
