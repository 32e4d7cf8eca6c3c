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

/** Preference keepalived gives the first rule configured without one; later ones count down. */
const FIRST_DEFAULT_RULE_PREFERENCE = 16384;
/** One counter per configuration being read (keyed by its diagnostics). */
const nextRulePreference = new WeakMap<Diagnostics, number>();

function accept(l: ValueLine, parsed: ParseResult<unknown>, into: RouteOrRule[], words: readonly string[] = l.words): void {
  if (!parsed.ok) {
    if (parsed.unsupported) {
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
  for (const warning of parsed.warnings) l.report(ConfigErrorClass.GeneralError, warning);
  into.push({ words, position: l.line.position });
}

export function collectRoutes(lines: readonly ValueLine[], into: RouteOrRule[], where: RouteLineContext): void {
  for (const l of lines) accept(l, parseRoute(l.words, where), into);
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
