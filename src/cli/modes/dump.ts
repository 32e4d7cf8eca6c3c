/**
 * `-d/--dump-conf`: the parsed model as JSON with keys sorted at every level, so two dumps of
 * the same config compare equal. Maps become objects, Sets arrays, bytes hex, bigints strings.
 */
export function stableJson(value: unknown, indent?: number): string {
  return JSON.stringify(normalise(value), null, indent);
}

function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => [String(k), v] as const);
    return sortObject(Object.fromEntries(entries));
  }
  if (value instanceof Set) return [...value].map(normalise);
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') return sortObject(value as Record<string, unknown>);
  return value;
}

function sortObject(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) out[key] = normalise(object[key]);
  return out;
}
