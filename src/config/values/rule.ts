/**
 * keepalived 2.2.7's rule syntax (virtual_rules / static_rules), the `ip rule add` grammar without
 * abbreviations, turned into the port's RuleSpec. Pure: table names beyond iproute2's built-in
 * ones are host data and rejected here.
 */
import type { RuleSpec } from '../../ports/addresses.js';
import { FamilyGuard, parsePrefix, parseTable, parseUnsignedAuto, trackGroupKeyword, Words, type LineContext } from './route.js';
import type { ParseResult } from './route.js';

type Action = NonNullable<RuleSpec['action']>;

interface Draft {
  from?: { address: string; prefixLength: number };
  to?: { address: string; prefixLength: number };
  priority?: number;
  table?: number;
  action?: Action;
  fwmark?: number;
  fwmask?: number;
  tos?: number;
  iif?: string;
  oif?: string;
  invert?: boolean;
  attributes: Record<string, number | string>;
}

/** Keywords whose value is kept as written in `attributes` (the kernel side interprets them). */
const WORD_ATTRIBUTES = new Set(['realms', 'uidrange', 'ip_proto', 'sport', 'dport', 'protocol', 'suppress_ifgroup']);

/**
 * Parses one virtual_rules/static_rules line. A rule needs an action (a table, goto or one of
 * blackhole/unreachable/prohibit/nop); one without a preference is accepted with a warning.
 */
export interface RuleParseOptions {
  /**
   * keepalived gives a rule without a preference one of its own (16384, then counting down) and
   * says so; the caller owns the counter (one per configuration).
   */
  readonly assignPriority?: () => number;
  /** Where the line was written (see {@link LineContext}). */
  readonly context?: LineContext;
}

export function parseRule(words: readonly string[], options: RuleParseOptions = {}): ParseResult<RuleSpec> {
  const w = new Words(words);
  const guard = new FamilyGuard();
  const draft: Draft = { attributes: {} };
  const warnings: string[] = [];
  while (!w.done) {
    const error = ruleKeyword(w.next(), w, draft, guard, warnings, options.context);
    if (error !== undefined) {
      // keepalived's address parser complains first, then the rule parser.
      const address = /^Invalid rule (?:from|to) address (.*)$/.exec(error);
      return address ? { ok: false, message: error, preceding: [`VRRP parsed invalid IP ${address[1]}. skipping IP...`] } : { ok: false, message: error };
    }
  }
  if (guard.mixed) return { ok: false, message: 'rule specification has mixed IPv4 and IPv6' };
  if (draft.action === undefined) return { ok: false, message: 'No action specified for rule - ignoring' };
  if (draft.priority === undefined) {
    if (options.assignPriority) {
      draft.priority = options.assignPriority();
      warnings.push(`Rule has no preference specified - setting to ${draft.priority}. This is probably not what you want.`);
    } else {
      warnings.push('Rule has no preference specified - the kernel will choose one. This is probably not what you want.');
    }
  }
  const spec: RuleSpec = {
    family: guard.family ?? 'ipv4',
    ...(draft.from !== undefined && { from: draft.from.address, fromPrefixLength: draft.from.prefixLength }),
    ...(draft.to !== undefined && { to: draft.to.address, toPrefixLength: draft.to.prefixLength }),
    ...(draft.priority !== undefined && { priority: draft.priority }),
    ...(draft.table !== undefined && { table: draft.table }),
    action: draft.action,
    ...(draft.fwmark !== undefined && { fwmark: draft.fwmark }),
    ...(draft.fwmask !== undefined && { fwmask: draft.fwmask }),
    ...(draft.tos !== undefined && { tos: draft.tos }),
    ...(draft.iif !== undefined && { iif: draft.iif }),
    ...(draft.oif !== undefined && { oif: draft.oif }),
    ...(draft.invert === true && { invert: true }),
    ...(Object.keys(draft.attributes).length > 0 && { attributes: draft.attributes }),
  };
  return { ok: true, spec, warnings };
}

function ruleKeyword(keyword: string, w: Words, draft: Draft, guard: FamilyGuard, warnings: string[], context: LineContext | undefined): string | undefined {
  switch (keyword) {
    case 'inet':
    case 'inet6':
      guard.note(keyword === 'inet' ? 'ipv4' : 'ipv6');
      return undefined;
    case 'not':
      draft.invert = true;
      return undefined;
    case 'no_track':
      return undefined;
    case 'l3mdev':
      draft.attributes.l3mdev = 1;
      return undefined;
    case 'blackhole':
    case 'unreachable':
    case 'prohibit':
    case 'nop':
      draft.action = keyword;
      return undefined;
  }
  const value = w.parameter();
  if (value === undefined) {
    return ruleKeywords.has(keyword) ? w.missing(keyword) : `Unknown rule option ${keyword}`;
  }
  switch (keyword) {
    case 'from':
    case 'to': {
      const prefix = parsePrefix(value);
      if (prefix === undefined) return `Invalid rule ${keyword} address ${value}`;
      warnings.push(...prefix.warnings);
      guard.note(prefix.family);
      // `all` matches everything: the same as leaving the selector out.
      if (prefix.family !== undefined) draft[keyword] = { address: prefix.address, prefixLength: prefix.prefixLength };
      return undefined;
    }
    case 'priority':
    case 'preference':
    case 'order': {
      const priority = parseUnsignedAuto(value);
      if (priority === undefined) return `Invalid rule preference ${value} specified`;
      draft.priority = priority;
      return undefined;
    }
    case 'table':
    case 'lookup': {
      const table = parseTable(value);
      if (table === undefined) return `Routing table ${value} not found for rule`;
      draft.table = table;
      draft.action = 'table';
      return undefined;
    }
    case 'goto': {
      const target = parseUnsignedAuto(value);
      if (target === undefined) return `Invalid rule goto target ${value}`;
      draft.attributes.goto = target;
      draft.action = 'goto';
      return undefined;
    }
    case 'fwmark': {
      const slash = value.indexOf('/');
      const mark = parseUnsignedAuto(slash < 0 ? value : value.slice(0, slash));
      const mask = slash < 0 ? undefined : parseUnsignedAuto(value.slice(slash + 1));
      if (mark === undefined || (slash >= 0 && mask === undefined)) return `Invalid rule fwmark ${value} specified`;
      draft.fwmark = mark;
      if (mask !== undefined) draft.fwmask = mask;
      return undefined;
    }
    case 'tos':
    case 'dsfield': {
      const tos = parseUnsignedAuto(value, 255);
      if (tos === undefined) return `Invalid rule tos ${value} specified`;
      draft.tos = tos;
      return undefined;
    }
    case 'iif':
    case 'iifname':
    case 'dev':
      draft.iif = value;
      return undefined;
    case 'oif':
    case 'oifname':
      draft.oif = value;
      return undefined;
    case 'suppress_prefixlength': {
      const length = parseUnsignedAuto(value, 128);
      if (length === undefined) return `Invalid rule suppress_prefixlength ${value} specified`;
      draft.attributes.suppress_prefixlength = length;
      return undefined;
    }
    case 'track_group':
      if (!trackGroupKeyword(context, value, warnings)) return `Unknown rule option ${keyword}`;
      return undefined;
    default:
      if (WORD_ATTRIBUTES.has(keyword)) {
        draft.attributes[keyword] = value;
        return undefined;
      }
      return `Unknown rule option ${keyword}`;
  }
}

/** Keywords that take a parameter (for the "missing parameter" message). */
const ruleKeywords = new Set([
  'from', 'to', 'priority', 'preference', 'order', 'table', 'lookup', 'goto', 'fwmark', 'tos', 'dsfield', 'iif',
  'iifname', 'dev', 'oif', 'oifname', 'suppress_prefixlength', 'track_group', ...WORD_ATTRIBUTES,
]);
