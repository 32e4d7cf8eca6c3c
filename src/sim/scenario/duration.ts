/** Scenario durations: a number of ms, or "250ms", "1.5s", "2m". */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)$/.exec(value);
  if (match === null) throw new Error(`bad duration ${JSON.stringify(value)}`);
  const n = Number(match[1]);
  return match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
}

/** Text that reads back to exactly `ms` (whole seconds as "3s", anything else in ms). */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
