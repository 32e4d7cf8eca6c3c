/** `virtual_server IP [PORT] | fwmark N | group NAME { … }`. */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { KeepalivedConfig } from '../../model/index.js';
import type { VirtualServer, VirtualServerAddress } from '../../model/lvs.js';
import { LVS_DEFAULTS } from '../../model/lvs/defaults.js';
import { appended, EMPTY_LIST } from '../../model/lists.js';
import { blockSpec, leaf, sub, type CloseContext, type LineContext } from '../../tree/spec.js';
import { parseAddress, parsePort } from '../../lvs-values/addresses.js';
import { readBool, readInteger, UINT32_MAX } from '../../lvs-values/numbers.js';
import { readLvsMethod } from './method.js';
import { readScript } from './script.js';
import { boolKeyword, timingKeywords } from './timing.js';
import { groupName } from './names.js';
import { openRealServer, realServerBlock, type VirtualServerState } from './real-server.js';

const SCHEDULERS: readonly string[] = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos'];
const SCHEDULER_FLAGS: readonly string[] = ['hashed', 'flag-1', 'flag-2', 'flag-3', 'sh-port', 'sh-fallback', 'mh-port', 'mh-fallback'];
/** keepalived caps persistence at one month. */
const MAX_PERSISTENCE_S = 2678400;
const MAX_PE_NAME = 15;

const err = (ctx: LineContext, message: string): void => ctx.report(ConfigErrorClass.GeneralError, message);
type Leaf = ReturnType<typeof leaf<VirtualServerState>>;

function flag(name: string): Leaf {
  return leaf((_ctx, s) => {
    if (!s.vs.schedulerFlags.includes(name)) s.vs.schedulerFlags = appended(s.vs.schedulerFlags, name);
  });
}

function quorumScript(key: 'quorumUp' | 'quorumDown', keyword: string): Leaf {
  return leaf((ctx, s) => {
    if (s.vs[key]) {
      err(ctx, `(${groupName(s)}) ${keyword} script already specified - ignoring ${ctx.words[1] ?? ''}`);
      return;
    }
    s.vs[key] = readScript(ctx);
  });
}

function persistenceGranularity(ctx: LineContext, s: VirtualServerState): void {
  const word = ctx.requireWord(1);
  const family = s.vs.family ?? (word.includes('.') ? 'inet' : 'inet6');
  if (family === 'inet6') {
    const prefix = /^\d+$/.test(word) ? Number(word) : 0;
    if (prefix < 1 || prefix > 128) {
      err(ctx, `Invalid IPv6 persistence_granularity specified - ${word}`);
      return;
    }
    s.vs.persistenceGranularity = prefix;
  } else {
    const mask = parseAddress(word);
    if (!mask || mask.family !== 'inet') {
      err(ctx, `Invalid IPv4 persistence_granularity specified - ${word}`);
      return;
    }
    // keepalived 2.2.7 does not insist on a contiguous mask (255.255.0.255 passes its test).
    s.vs.persistenceGranularity = mask.address;
  }
  s.vs.family ??= family;
  s.vs.persistenceTimeoutS ??= LVS_DEFAULTS.persistenceTimeoutS;
}

function sorryServer(ctx: LineContext, s: VirtualServerState): void {
  const addressWord = ctx.requireWord(1);
  const portWord = ctx.words[2];
  const address = parseAddress(addressWord);
  const port = portWord === undefined ? 0 : parsePort(portWord);
  if (!address || port === undefined) {
    err(ctx, `Invalid sorry server IP address ${addressWord} - skipping`);
    return;
  }
  s.vs.sorryServer = { family: address.family, address: address.address, port, inhibit: false, position: ctx.line.position };
}

const virtualServerBlock = blockSpec<VirtualServerState>(
  {
    ip_family: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      if (word !== 'inet' && word !== 'inet6') {
        err(ctx, `unknown address family ${word}`);
        return;
      }
      if (s.vs.family !== undefined && s.vs.family !== word) {
        err(ctx, `Virtual server specified family ${word} conflicts with server family`);
        return;
      }
      s.vs.family = word;
    }),
    ...timingKeywords<VirtualServerState>((s) => s.vs, {
      delayLoop: (w) => `virtual server delay loop '${w}' invalid - ignoring`,
      connectTimeout: (w) => `virtual server connect_timeout ${w} invalid - ignoring`,
      retry: (w) => `retry value invalid - ${w}`,
      delayBeforeRetry: (w) => `virtual server delay before retry '${w}' invalid - ignoring`,
      warmup: (w) => `virtual server warmup '${w}' invalid - ignoring`,
      retryMin: 1,
    }),
    inhibit_on_failure: boolKeyword<VirtualServerState>((s, v) => (s.vs.inhibitOnFailure = v), (w) => `Invalid inhibit_on_failure parameter ${w}`),
    lvs_sched: leaf(scheduler),
    lb_algo: leaf(scheduler),
    ...Object.fromEntries(SCHEDULER_FLAGS.map((f) => [f, flag(f)])),
    ops: leaf((_ctx, s) => {
      s.vs.ops = true;
    }),
    lvs_method: leaf(method),
    lb_kind: leaf(method),
    persistence_engine: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      if (word.length > MAX_PE_NAME) err(ctx, `persistence_name too long, truncating - ${word}`);
      s.vs.persistenceEngine = word.slice(0, MAX_PE_NAME);
    }),
    persistence_timeout: leaf((ctx, s) => {
      const word = ctx.words[1];
      if (word === undefined) {
        s.vs.persistenceTimeoutS = LVS_DEFAULTS.persistenceTimeoutS;
        return;
      }
      const value = readInteger(word, 1, MAX_PERSISTENCE_S, ctx.report);
      if (value === undefined) err(ctx, 'persistence_timeout invalid');
      else s.vs.persistenceTimeoutS = value;
    }),
    persistence_granularity: leaf(persistenceGranularity),
    protocol: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const upper = word.toUpperCase();
      if (upper === 'TCP' || upper === 'UDP' || upper === 'SCTP') s.vs.protocol = upper;
      else err(ctx, `Unknown protocol ${word} - ignoring`);
    }),
    ha_suspend: leaf((_ctx, s) => {
      s.vs.haSuspend = true;
    }),
    smtp_alert: leaf((ctx, s) => {
      const word = ctx.words[1];
      const value = word === undefined ? true : readBool(word);
      if (value === undefined) err(ctx, `Invalid virtual_server smtp_alert parameter ${word ?? ''}`);
      else s.vs.smtpAlert = value;
    }),
    virtualhost: leaf((ctx, s) => {
      const word = ctx.words[1];
      if (word === undefined) err(ctx, 'virtual server virtualhost missing');
      else s.vs.virtualhost = word;
    }),
    snmp_name: leaf((ctx, s) => {
      if (ctx.words.length !== 2) err(ctx, 'virtual server snmp_name missing or extra parameters');
      else s.vs.snmpName = ctx.words[1];
    }),
    alpha: leaf((_ctx, s) => {
      s.vs.alpha = true;
    }),
    omega: leaf((_ctx, s) => {
      s.vs.omega = true;
    }),
    quorum_up: quorumScript('quorumUp', 'quorum_up'),
    quorum_down: quorumScript('quorumDown', 'quorum_down'),
    quorum: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const value = readInteger(word, 1, UINT32_MAX, ctx.report);
      if (value === undefined) {
        err(ctx, `Quorum ${word} must be in [1, ${UINT32_MAX}]. Setting to 1.`);
        s.vs.quorum = 1;
        return;
      }
      s.vs.quorum = value;
    }),
    hysteresis: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const value = readInteger(word, 0, UINT32_MAX, ctx.report);
      if (value === undefined) err(ctx, `Hysteresis ${word} must be in [0, ${UINT32_MAX}] - ignoring`);
      else s.vs.hysteresis = value;
    }),
    sorry_server: leaf(sorryServer),
    sorry_server_inhibit: leaf((ctx, s) => {
      if (s.vs.sorryServer) s.vs.sorryServer.inhibit = true;
      else err(ctx, 'Ignoring sorry_server inhibit used before or without sorry_server');
    }),
    sorry_server_lvs_method: leaf((ctx, s) => {
      if (!s.vs.sorryServer) {
        err(ctx, 'sorry_server forwarding used without sorry_server');
        return;
      }
      s.vs.sorryServer.method = readLvsMethod(ctx, 'sorry') ?? s.vs.sorryServer.method;
    }),
    real_server: sub(openRealServer, realServerBlock),
  },
  closeVirtualServer,
);

function scheduler(ctx: LineContext, s: VirtualServerState): void {
  const word = ctx.requireWord(1);
  if (!SCHEDULERS.includes(word)) {
    err(ctx, `Invalid lvs_scheduler '${word}' - ignoring`);
    return;
  }
  s.vs.scheduler = word;
}

function method(ctx: LineContext, s: VirtualServerState): void {
  s.vs.method = readLvsMethod(ctx, 'virtual') ?? s.vs.method;
}

/** The sorry server decides the family when it is not tunnelled, as real servers do. */
function closeVirtualServer(s: VirtualServerState, _ctx: CloseContext): void {
  const { vs } = s;
  const sorry = vs.sorryServer;
  if (sorry && (sorry.method ?? vs.method)?.method !== 'TUN') {
    if (vs.family === undefined) vs.family = sorry.family;
    else if (vs.family !== sorry.family) {
      vs.sorryServer = undefined;
      _ctx.report(ConfigErrorClass.GeneralError, `Address family of virtual server and sorry server ${sorry.address} don't match - skipping sorry server.`);
    }
  }
  s.config.lvs.virtualServers.push(vs);
}

function readAddress(ctx: LineContext): VirtualServerAddress | undefined {
  const first = ctx.requireWord(1);
  if (first === 'group') return { kind: 'group', name: ctx.requireWord(2) };
  if (first === 'fwmark') {
    const word = ctx.requireWord(2);
    const mark = readInteger(word, 0, UINT32_MAX, ctx.report);
    if (mark === undefined) {
      err(ctx, `virtual server fwmark '${word}' must be in [0, ${UINT32_MAX}] - ignoring`);
      return undefined;
    }
    return { kind: 'fwmark', mark };
  }
  const portWord = ctx.words[2];
  const address = parseAddress(first);
  const port = portWord === undefined ? 0 : parsePort(portWord);
  if (!address || port === undefined) {
    err(ctx, `Invalid virtual server IP address${portWord === undefined ? '' : '/port'} ${first}${portWord === undefined ? '' : `/${portWord}`} - skipping`);
    return undefined;
  }
  return { kind: 'address', family: address.family, address: address.address, port };
}

export function openVirtualServer(ctx: LineContext, config: KeepalivedConfig): VirtualServerState | undefined {
  const address = readAddress(ctx);
  if (!address) return undefined;
  const vs: VirtualServer = {
    address,
    family: address.kind === 'address' ? address.family : undefined,
    schedulerFlags: EMPTY_LIST,
    ops: false,
    haSuspend: false,
    omega: false,
    quorum: LVS_DEFAULTS.quorum,
    hysteresis: LVS_DEFAULTS.hysteresis,
    realServers: EMPTY_LIST,
    position: ctx.line.position,
  };
  return { config, vs };
}

export const virtualServerKeyword = sub(openVirtualServer, virtualServerBlock);
