/** Vocabulary of supervision, shared by the pure core, the supervisor actor and observers. */

/** OTP restart types: permanent always, transient only after a crash, temporary never. */
export type RestartType = 'permanent' | 'transient' | 'temporary';

/**
 * one_for_one: restart the child that exited. one_for_all: stop the others (reverse order) and
 * restart all. rest_for_one: stop the ones started after it (reverse order) and restart those.
 */
export type Strategy = 'one_for_one' | 'one_for_all' | 'rest_for_one';

/** More than `maxRestarts` restarts within `periodMs` makes the supervisor give up and escalate. */
export interface Intensity {
  readonly maxRestarts: number;
  readonly periodMs: number;
}

/** OTP's defaults: 1 restart in 5 s. */
export const DEFAULT_INTENSITY: Intensity = { maxRestarts: 1, periodMs: 5000 };

/** Why a child ended: `normal` (its own choice), `shutdown` (stopped by us), or a crash (a bug). */
export type ExitReason =
  | { readonly kind: 'normal' }
  | { readonly kind: 'shutdown' }
  | { readonly kind: 'crash'; readonly error: unknown };

export function describeReason(reason: ExitReason): string {
  if (reason.kind !== 'crash') return reason.kind;
  const { error } = reason;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What an aggregator observes; plain data with the supervisor's clock time, safe to serialise. */
export type SupervisionEvent =
  | { readonly kind: 'child-started'; readonly supervisor: string; readonly childId: string; readonly atMs: number }
  | { readonly kind: 'child-crashed'; readonly supervisor: string; readonly childId: string; readonly reason: string; readonly atMs: number }
  | { readonly kind: 'child-exited'; readonly supervisor: string; readonly childId: string; readonly reason: string; readonly atMs: number }
  | { readonly kind: 'child-stopped'; readonly supervisor: string; readonly childId: string; readonly atMs: number }
  | { readonly kind: 'child-restarted'; readonly supervisor: string; readonly childId: string; readonly restartsInWindow: number; readonly atMs: number }
  | { readonly kind: 'escalated'; readonly supervisor: string; readonly reason: string; readonly atMs: number };

export type SupervisionListener = (event: SupervisionEvent) => void;
