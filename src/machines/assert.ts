/** Invariant check: a failure is a bug in this code, never a runtime condition to handle. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant violated: ${message}`);
}
