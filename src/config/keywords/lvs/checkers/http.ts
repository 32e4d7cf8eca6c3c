/** HTTP_GET and SSL_GET with their `url { }` blocks. */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { HttpChecker, HttpUrl } from '../../../model/lvs.js';
import { blockSpec, leaf, sub, type CloseContext, type LineContext } from '../../../tree/spec.js';
import { readInteger, UINT32_MAX } from '../../../lvs-values/numbers.js';
import { boolKeyword } from '../timing.js';
import { checkerKeyword } from './open.js';
import { standardOptions } from './common.js';
import type { CheckerState } from './state.js';

/** MD5 digests are 16 bytes. */
const DIGEST_HEX_LENGTH = 32;

/** The pcre2 options keepalived accepts for regex_options. */
const REGEX_OPTIONS: readonly string[] = [
  'allow_empty_class', 'alt_bsux', 'auto_callout', 'caseless', 'dollar_endonly', 'dotall', 'dupnames',
  'extended', 'firstline', 'match_unset_backref', 'multiline', 'never_ucp', 'never_utf', 'no_auto_capture',
  'no_auto_possess', 'no_dotstar_anchor', 'no_start_optimize', 'ucp', 'ungreedy', 'utf', 'never_backslash_c',
  'alt_circumflex', 'alt_verbnames', 'use_offset_limit',
];

interface UrlState {
  readonly parent: CheckerState<HttpChecker>;
  readonly url: HttpUrl;
}

const err = (ctx: LineContext, message: string): void => ctx.report(ConfigErrorClass.GeneralError, message);

function digest(ctx: LineContext, s: UrlState): void {
  const word = ctx.requireWord(1);
  if (word.length !== DIGEST_HEX_LENGTH) {
    err(ctx, `digest '${word}' character length should be ${DIGEST_HEX_LENGTH} rather than ${word.length}`);
    return;
  }
  const bad = word.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    err(ctx, `Unable to interpret hex digit in '${word}' at offset ${bad}/${word.length}`);
    return;
  }
  const lower = word.toLowerCase();
  if (s.url.digests.includes(lower)) {
    err(ctx, `Digest '${word}' is a duplicate`);
    return;
  }
  s.url.digests.push(lower);
}

function statusCode(ctx: LineContext, s: UrlState): void {
  for (const word of ctx.words.slice(1)) {
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(word);
    const from = m ? Number(m[1]) : NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from;
    if (!m || from < 100 || to > 599 || from > to) {
      err(ctx, `Invalid HTTP_GET status code '${word}'`);
      continue;
    }
    s.url.statusCodes.push({ from, to });
  }
}

function regexOffset(which: 'min' | 'max') {
  return leaf<UrlState>((ctx, s) => {
    if (ctx.words.length !== 2) {
      err(ctx, `Missing or too may options for regex_${which}_offset`);
      return;
    }
    const word = ctx.words[1] as string;
    const value = /^\d+$/.test(word) ? Number(word) : undefined;
    if (value === undefined) {
      err(ctx, `Invalid regex_${which}_offset ${word} specified`);
      return;
    }
    if (which === 'min') s.url.regexMinOffset = value;
    else s.url.regexMaxOffset = value;
  });
}

const urlBlock = blockSpec<UrlState>(
  {
    path: leaf((ctx, s) => {
      s.url.path = ctx.requireWord(1);
    }),
    digest: leaf(digest),
    status_code: leaf(statusCode),
    virtualhost: leaf((ctx, s) => {
      const word = ctx.words[1];
      if (word === undefined) {
        err(ctx, 'Missing HTTP_GET virtualhost name');
        return;
      }
      s.url.virtualhost = word;
    }),
    regex: leaf((ctx, s) => {
      if (ctx.words.length !== 2) {
        err(ctx, 'regex missing or too many fields');
        return;
      }
      s.url.regex = ctx.words[1];
    }),
    regex_no_match: leaf((_ctx, s) => {
      s.url.regexNoMatch = true;
    }),
    regex_options: leaf((ctx, s) => {
      for (const word of ctx.words.slice(1)) {
        if (REGEX_OPTIONS.includes(word)) s.url.regexOptions.push(word);
        else err(ctx, `Unknown regex option ${word}`);
      }
    }),
    regex_min_offset: regexOffset('min'),
    regex_max_offset: regexOffset('max'),
    regex_stack: leaf((ctx, s) => {
      const [, startWord, maxWord] = ctx.words;
      if (startWord === undefined || maxWord === undefined) {
        err(ctx, 'regex_stack requires start and max values');
        return;
      }
      const start = readInteger(startWord, 0, UINT32_MAX, ctx.report);
      if (start === undefined) {
        err(ctx, 'regex_stack invalid start value');
        return;
      }
      const max = readInteger(maxWord, 0, UINT32_MAX, ctx.report);
      if (max === undefined) {
        err(ctx, 'regex_stack invalid max value');
        return;
      }
      if (start > max) {
        err(ctx, 'regex stack start cannot exceed max value');
        return;
      }
      s.url.regexStack = { start, max };
    }),
  },
  closeUrl,
);

function closeUrl(s: UrlState, ctx: CloseContext): void {
  const url = s.url;
  if (url.path === undefined) {
    ctx.report(ConfigErrorClass.GeneralError, 'HTTP/SSL_GET checker url has no path - ignoring');
    return;
  }
  const hasRegexParameters =
    url.regexOptions.length > 0 || url.regexMinOffset !== undefined || url.regexMaxOffset !== undefined || url.regexStack !== undefined;
  if (url.regex === undefined && hasRegexParameters) {
    ctx.report(ConfigErrorClass.GeneralError, 'regex parameters specified without regex');
  }
  if (url.regexMinOffset !== undefined && url.regexMaxOffset !== undefined && url.regexMinOffset > url.regexMaxOffset) {
    ctx.report(ConfigErrorClass.GeneralError, `regex min offset ${url.regexMinOffset} > regex_max_offset ${url.regexMaxOffset} - ignoring`);
    url.regexMinOffset = undefined;
    url.regexMaxOffset = undefined;
  }
  s.parent.checker.urls.push(url);
}

function closeChecker(s: CheckerState<HttpChecker>, ctx: CloseContext): void {
  if (s.checker.urls.length === 0) {
    ctx.report(ConfigErrorClass.GeneralError, 'HTTP/SSL_GET checker has no urls specified - ignoring');
    s.keep = false;
  }
}

function httpKeywords() {
  return {
    ...standardOptions<HttpChecker>(),
    /** Removed in favour of `retry`; HTTP/SSL checkers still take it with a deprecation note. */
    nb_get_retry: leaf<CheckerState<HttpChecker>>((ctx, s) => {
      ctx.report(ConfigErrorClass.Deprecated, "nb_get_retry is deprecated - please use 'retry'");
      const word = ctx.requireWord(1);
      const value = readInteger(word, 0, UINT32_MAX, ctx.report);
      if (value === undefined) err(ctx, `Invalid nb_get_retry value '${word}'`);
      else s.checker.retry = value;
    }),
    http_protocol: leaf<CheckerState<HttpChecker>>((ctx, s) => {
      const word = ctx.words[1];
      if (word === undefined) {
        err(ctx, 'Missing http_protocol version');
        return;
      }
      if (word === '1.0' || word === '1.1') s.checker.httpProtocol = word;
      else if (word === '1.0C' || word === '1.0c') s.checker.httpProtocol = '1.0C';
      else err(ctx, `Invalid http_protocol version ${word}`);
    }),
    virtualhost: leaf<CheckerState<HttpChecker>>((ctx, s) => {
      const word = ctx.words[1];
      if (word === undefined) {
        err(ctx, 'HTTP_GET virtualhost name missing');
        return;
      }
      s.checker.virtualhost = word;
    }),
    enable_sni: boolKeyword<CheckerState<HttpChecker>>((s, v) => (s.checker.enableSni = v), (w) => `Invalid enable_sni parameter ${w}`),
    fast_recovery: boolKeyword<CheckerState<HttpChecker>>(
      (s, v) => (s.checker.fastRecovery = v),
      (w) => `Invalid fast_recovery parameter ${w}`,
    ),
    url: sub<CheckerState<HttpChecker>, UrlState>(
      (ctx, parent) => ({
        parent,
        url: { digests: [], statusCodes: [], regexNoMatch: false, regexOptions: [], position: ctx.line.position },
      }),
      urlBlock,
    ),
  };
}

function httpChecker(type: HttpChecker['type']) {
  return checkerKeyword<HttpChecker>(
    (position) => ({ type, position, urls: [], enableSni: false, fastRecovery: false }),
    httpKeywords(),
    closeChecker,
  );
}

export const httpGet = httpChecker('HTTP_GET');
export const sslGet = httpChecker('SSL_GET');
