/**
 * virtual_routes / virtual_rules arrive as the words of their config lines; the config layer's
 * parsers turn them into the port's RouteSpec/RuleSpec. A line that does not parse (the config
 * check reported it already) is left out and logged, never thrown.
 */
import { parseRoute } from '../../config/values/route.js';
import { parseRule } from '../../config/values/rule.js';
import type { RouteSpec, RuleSpec } from '../../ports/addresses.js';
import type { Logger } from '../../ports/logger.js';
import type { InstanceSettings } from './params.js';

export interface RoutesAndRules {
  readonly routes: readonly RouteSpec[];
  readonly rules: readonly RuleSpec[];
}

export const NO_ROUTES: RoutesAndRules = { routes: [], rules: [] };

export function virtualRoutesAndRules(settings: InstanceSettings, log: Logger): RoutesAndRules {
  const routes: RouteSpec[] = [];
  const rules: RuleSpec[] = [];
  for (const words of settings.virtualRoutes) {
    const parsed = parseRoute(words);
    if (parsed.ok) routes.push(parsed.spec);
    else log.warn('virtual_route not installed', { route: words.join(' '), error: parsed.message });
  }
  for (const words of settings.virtualRules) {
    const parsed = parseRule(words);
    if (parsed.ok) rules.push(parsed.spec);
    else log.warn('virtual_rule not installed', { rule: words.join(' '), error: parsed.message });
  }
  return { routes, rules };
}
