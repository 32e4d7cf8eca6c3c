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
  /**
   * The ones keepalived follows: a Master gives mastership up when one is deleted behind its back.
   * Routes need their own interface (keepalived warns "cannot track route" otherwise); `no_track`
   * opts a route or a rule out.
   */
  readonly trackedRoutes: readonly RouteSpec[];
  readonly trackedRules: readonly RuleSpec[];
}

export const NO_ROUTES: RoutesAndRules = { routes: [], rules: [], trackedRoutes: [], trackedRules: [] };

export function virtualRoutesAndRules(settings: InstanceSettings, log: Logger): RoutesAndRules {
  const routes: RouteSpec[] = [];
  const rules: RuleSpec[] = [];
  const trackedRoutes: RouteSpec[] = [];
  const trackedRules: RuleSpec[] = [];
  for (const words of settings.virtualRoutes) {
    const parsed = parseRoute(words);
    if (!parsed.ok) {
      log.warn('virtual_route not installed', { route: words.join(' '), error: parsed.message });
      continue;
    }
    routes.push(parsed.spec);
    if (parsed.spec.interfaceName !== undefined && !words.includes('no_track')) trackedRoutes.push(parsed.spec);
  }
  for (const words of settings.virtualRules) {
    const parsed = parseRule(words);
    if (!parsed.ok) {
      log.warn('virtual_rule not installed', { rule: words.join(' '), error: parsed.message });
      continue;
    }
    rules.push(parsed.spec);
    if (!words.includes('no_track')) trackedRules.push(parsed.spec);
  }
  return { routes, rules, trackedRoutes, trackedRules };
}
