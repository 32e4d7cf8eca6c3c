/** `real_server IP [PORT] { … }` inside a virtual server. */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { KeepalivedConfig } from '../../model/index.js';
import type { VirtualServer } from '../../model/lvs.js';
import { appended, EMPTY_LIST } from '../../model/lists.js';
import { blockSpec, leaf, type CloseContext, type LineContext } from '../../tree/spec.js';
import { parseAddress, parsePort } from '../../lvs-values/addresses.js';
import { INT32_MAX, readInteger, UINT32_MAX } from '../../lvs-values/numbers.js';
import { checkerKeywords, type ServerState } from './checkers/index.js';
import { readLvsMethod } from './method.js';
import { readScript } from './script.js';
import { boolKeyword, timingKeywords } from './timing.js';
import { groupName } from './names.js';

export interface VirtualServerState {
  readonly config: KeepalivedConfig;
  readonly vs: VirtualServer;
}

const err = (ctx: LineContext, message: string): void => ctx.report(ConfigErrorClass.GeneralError, message);

function threshold(key: 'upperThreshold' | 'lowerThreshold', keyword: string) {
  return leaf<ServerState>((ctx, s) => {
    const word = ctx.requireWord(1);
    const value = readInteger(word, 0, UINT32_MAX, ctx.report);
    if (value === undefined) {
      err(ctx, `Invalid real_server ${keyword} '${word}' - ignoring`);
      return;
    }
    s.rs[key] = value;
  });
}

function notify(key: 'notifyUp' | 'notifyDown', keyword: string) {
  return leaf<ServerState>((ctx, s) => {
    if (s.rs[key]) {
      err(ctx, `(${groupName(s)}) ${keyword} script already specified - ignoring ${ctx.words[1] ?? ''}`);
      return;
    }
    s.rs[key] = readScript(ctx);
  });
}

export const realServerBlock = blockSpec<ServerState>(
  {
    weight: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const value = readInteger(word, 0, INT32_MAX, ctx.report);
      if (value === undefined) {
        err(ctx, `Real server weight ${word} is outside range 0-${INT32_MAX}`);
        return;
      }
      s.rs.weight = value;
    }),
    lvs_method: leaf((ctx, s) => {
      s.rs.method = readLvsMethod(ctx, 'real') ?? s.rs.method;
    }),
    notify_up: notify('notifyUp', 'notify_up'),
    notify_down: notify('notifyDown', 'notify_down'),
    uthreshold: threshold('upperThreshold', 'uthreshold'),
    lthreshold: threshold('lowerThreshold', 'lthreshold'),
    inhibit_on_failure: boolKeyword<ServerState>((s, v) => (s.rs.inhibitOnFailure = v), (w) => `Invalid inhibit_on_failure parameter ${w}`),
    smtp_alert: boolKeyword<ServerState>((s, v) => (s.rs.smtpAlert = v), (w) => `Invalid real_server smtp_alert parameter ${w}`),
    alpha: boolKeyword<ServerState>((s, v) => (s.rs.alpha = v), (w) => `Invalid alpha parameter ${w}`),
    virtualhost: leaf((ctx, s) => {
      const word = ctx.words[1];
      if (word === undefined) err(ctx, 'real server virtualhost missing');
      else s.rs.virtualhost = word;
    }),
    snmp_name: leaf((ctx, s) => {
      if (ctx.words.length !== 2) err(ctx, 'real server snmp_name missing or extra parameters');
      else s.rs.snmpName = ctx.words[1];
    }),
    ...timingKeywords<ServerState>((s) => s.rs, {
      delayLoop: (w) => `real server delay_loop '${w}' invalid - ignoring`,
      connectTimeout: (w) => `real server connect_timeout ${w} invalid - ignoring`,
      retry: (w) => `retry value invalid - ${w}`,
      delayBeforeRetry: (w) => `real server delay_before_retry '${w}' invalid - ignoring`,
      warmup: (w) => `real server warmup '${w}' invalid - ignoring`,
      retryMin: 1,
    }),
    ...checkerKeywords,
  },
  closeRealServer,
);

/** Tunnelled real servers may differ in family; the others must match the virtual server. */
function closeRealServer(s: ServerState, ctx: CloseContext): void {
  const { vs, rs } = s;
  const method = rs.method ?? vs.method;
  if (method?.method !== 'TUN') {
    if (vs.family === undefined) vs.family = rs.family;
    else if (vs.family !== rs.family) {
      ctx.report(ConfigErrorClass.GeneralError, `Address family of virtual server and real server ${rs.address} don't match - skipping real server.`);
      return;
    }
  }
  vs.realServers = appended(vs.realServers, rs);
}

export function openRealServer(ctx: LineContext, s: VirtualServerState): ServerState | undefined {
  const addressWord = ctx.requireWord(1);
  const portWord = ctx.words[2];
  const address = parseAddress(addressWord);
  const port = portWord === undefined ? 0 : parsePort(portWord);
  if (!address || port === undefined) {
    err(ctx, `Invalid real server ip address/port ${addressWord}/${portWord ?? '(null)'} - skipping`);
    return undefined;
  }
  return {
    config: s.config,
    vs: s.vs,
    rs: { family: address.family, address: address.address, port, weight: 1, checkers: EMPTY_LIST, position: ctx.line.position },
  };
}
