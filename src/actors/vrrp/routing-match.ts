/**
 * Whether a route or rule the kernel reports deleted is one an instance installed. Only what the
 * configuration names is compared: a field the line leaves out is whatever the kernel chose.
 */
import { canonicalAddressText as canonical } from '../../protocol/index.js';
import type { RouteSpec, RuleSpec } from '../../ports/addresses.js';
import type { RemovedRoute, RemovedRule } from '../../ports/routing.js';

const RT_TABLE_MAIN = 254;

function sameOptional<T>(configured: T | undefined, reported: T | undefined): boolean {
  return configured === undefined || configured === reported;
}

/** `ifindexOf` resolves the route's `dev` now (undefined: no such interface). */
export function isRemovedRoute(spec: RouteSpec, removed: RemovedRoute, ifindexOf: (name: string) => number | undefined): boolean {
  if (spec.family !== removed.family || spec.prefixLength !== removed.prefixLength) return false;
  const destination = spec.destination === 'default' ? (spec.family === 'ipv4' ? '0.0.0.0' : '::') : canonical(spec.destination);
  if (destination !== removed.destination) return false;
  if ((spec.table ?? RT_TABLE_MAIN) !== removed.table) return false;
  if (!sameOptional(spec.metric, removed.metric)) return false;
  if (spec.via !== undefined && canonical(spec.via) !== removed.gateway) return false;
  if (spec.interfaceName !== undefined && ifindexOf(spec.interfaceName) !== removed.ifindex) return false;
  return true;
}

/** `from`/`to` of a rule: absent (or `all`, length 0) matches any address. */
function samePrefix(spec: RuleSpec, address: string | undefined, length: number | undefined, removedAddress: string | undefined, removedLength: number): boolean {
  const fullLength = address === undefined ? 0 : length ?? (spec.family === 'ipv4' ? 32 : 128);
  if (fullLength === 0) return removedLength === 0;
  return fullLength === removedLength && address !== undefined && canonical(address) === removedAddress;
}

export function isRemovedRule(spec: RuleSpec, removed: RemovedRule): boolean {
  if (spec.family !== removed.family) return false;
  if (!samePrefix(spec, spec.from, spec.fromPrefixLength, removed.from, removed.fromPrefixLength)) return false;
  if (!samePrefix(spec, spec.to, spec.toPrefixLength, removed.to, removed.toPrefixLength)) return false;
  return sameOptional(spec.priority, removed.priority) && sameOptional(spec.table, removed.table)
    && sameOptional(spec.fwmark, removed.fwmark) && sameOptional(spec.iif, removed.iif) && sameOptional(spec.oif, removed.oif);
}
