/**
 * virtual_routes / static_routes / virtual_rules / static_rules lines: kept as written in the model
 * (the daemon turns them into netlink requests), and checked now so that `-t` reports what
 * keepalived reports at parse time.
 */
import { ConfigErrorClass, type Diagnostics } from '../../diagnostics.js';
import type { RouteOrRule } from '../../model/vrrp/address.js';
import type { LineContext, ValueLine } from '../../tree/spec.js';
import { parseRoute, type LineContext as RouteLineContext, type ParseResult } from '../../values/route.js';
import { parseRule } from '../../values/rule.js';
import type { ConfigHost } from '../../../ports/config-host.js';

/** Preference keepalived gives the first rule configured without one; later ones count down. */
const FIRST_DEFAULT_RULE_PREFERENCE = 16384;
/** One counter per configuration being read (keyed by its diagnostics). */
const nextRulePreference = new WeakMap<Diagnostics, number>();

function accept(l: ValueLine, parsed: ParseResult<unknown>, into: RouteOrRule[], words: readonly string[] = l.words, before: readonly string[] = []): void {
  if (!parsed.ok) {
    if (parsed.unsupported) {
      for (const line of before) l.report(ConfigErrorClass.GeneralError, line);
      // keepalived accepts it; only its deprecation notice for `or` is printed at parse time.
      if (l.words.includes('or')) l.report(ConfigErrorClass.Deprecated, '"or" for routes is deprecated. Please use "nexthop"');
      for (const warning of parsed.warnings ?? []) l.report(ConfigErrorClass.GeneralError, warning);
      into.push({ words, position: l.line.position });
      return;
    }
    for (const line of parsed.preceding ?? []) l.report(ConfigErrorClass.GeneralError, line);
    l.report(ConfigErrorClass.GeneralError, parsed.message);
    return;
  }
  for (const line of before) l.report(ConfigErrorClass.GeneralError, line);
  for (const warning of parsed.warnings) l.report(ConfigErrorClass.GeneralError, warning);
  into.push({ words, position: l.line.position });
}

/** The interfaces a route line names (its own `dev` and its next hops') that the host lacks. */
function missingDevices(words: readonly string[], host: ConfigHost): string[] {
  const missing: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    const name = words[i + 1] as string;
    if ((words[i] === 'dev' || words[i] === 'oif') && !host.interfaceExists(name)) missing.push(name);
  }
  return missing;
}

/**
 * A route through an interface the host lacks is reported as keepalived words it, and (as for an
 * address) stops the VRRP configuration: `onMissingInterface`.
 */
export function collectRoutes(lines: readonly ValueLine[], into: RouteOrRule[], where: RouteLineContext, host: ConfigHost, onMissingInterface: () => void): void {
  for (const l of lines) {
    const parsed = parseRoute(l.words, where);
    const missing = parsed.ok || parsed.unsupported === true ? missingDevices(l.words, host) : [];
    if (missing.length > 0) onMissingInterface();
    accept(l, parsed, into, l.words, missing.map((name) => `WARNING - interface ${name} for VROUTE nexthop doesn't exist`));
  }
}

export function collectRules(ctx: LineContext, lines: readonly ValueLine[], into: RouteOrRule[], where: RouteLineContext): void {
  for (const l of lines) {
    let assigned: number | undefined;
    const parsed = parseRule(l.words, {
      context: where,
      assignPriority: () => {
        assigned = nextRulePreference.get(ctx.diagnostics) ?? FIRST_DEFAULT_RULE_PREFERENCE;
        nextRulePreference.set(ctx.diagnostics, assigned - 1);
        return assigned;
      },
    });
    // The assigned preference is written into the kept words so the daemon installs the same rule.
    accept(l, parsed, into, assigned === undefined ? l.words : [...l.words, 'preference', String(assigned)]);
  }
}
