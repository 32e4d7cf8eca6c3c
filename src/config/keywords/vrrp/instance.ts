/** The vrrp_instance block: every keyword of keepalived 2.2.7 with its parse-time messages. */
import { ConfigErrorClass } from '../../diagnostics.js';
import { blockSpec, leaf, sub, values, type BlockSpec, type KeywordSpec, type LineContext, type ValueLine } from '../../tree/spec.js';
import type { VrrpConfig } from '../../model/vrrp.js';
import type { RouteOrRule, TrackRef, VrrpInstance } from '../../model/vrrp.js';
import { appended, appendedAll } from '../../model/lists.js';
import type { GlobalDefs } from '../../model/global.js';
import { parseTrueFalse } from '../../values/bool.js';
import { parseIpAddress } from '../../values/ip.js';
import { readInt, readTimerUs, readUnsigned, UINT_MAX } from '../../values/number.js';
import { parseVirtualAddress } from './address.js';
import { setNotifyScript } from './context.js';
import { collectRoutes, collectRules } from './routes.js';

const E = ConfigErrorClass.GeneralError;

export interface InstanceState {
  readonly inst: VrrpInstance;
  readonly vrrp: VrrpConfig;
  readonly global: GlobalDefs;
}

type H = (ctx: LineContext, s: InstanceState) => void;

/** The instance takes the family of its first address; false for one of the other family. */
function sameFamily(s: InstanceState, family: 4 | 6): boolean {
  s.inst.family ??= family;
  return s.inst.family === family;
}

const familyMismatch = (s: InstanceState, what: string, word: string): string =>
  `Configuration error: VRRP instance[${s.inst.name}] and ${what}[${word}] MUST be of the same family !!! Skipping...`;
const k = (h: H): KeywordSpec<InstanceState> => leaf(h);
const keep: H = (ctx, s) => void s.inst.other.set(ctx.words[0] as string, ctx.words.slice(1));
const p = (s: InstanceState): string => `(${s.inst.name})`;
const notifyKeyword = (which: keyof VrrpInstance['notify']): KeywordSpec<InstanceState> =>
  k((ctx, s) => setNotifyScript(ctx, s.inst.notify, which, p(s)));

function flagKeyword(set: (i: VrrpInstance, v: boolean) => void, invalid: (s: InstanceState, w: string) => string): KeywordSpec<InstanceState> {
  return k((ctx, s) => {
    const w = ctx.words[1];
    if (w === undefined) return set(s.inst, true);
    const v = parseTrueFalse(w);
    if (v === undefined) ctx.report(E, invalid(s, w));
    else set(s.inst, v);
  });
}

/** track_interface / track_script / track_file / track_process / track_bfd entries: `NAME [weight N [reverse]]`. */
function trackRefs(lines: readonly ValueLine[], limit: number): TrackRef[] {
  const out: TrackRef[] = [];
  for (const l of lines) {
    for (let i = 0; i < l.words.length; ) {
      const name = l.words[i] as string;
      let weight: number | undefined;
      let reverse = false;
      i++;
      if (l.words[i] === 'weight' && l.words[i + 1] !== undefined) {
        weight = readInt(l.words[i + 1] as string, -limit, limit, l.report);
        if (weight === undefined) weight = Number.NaN;
        i += 2;
        if (l.words[i] === 'reverse') {
          reverse = true;
          i++;
        }
      }
      out.push({ name, weight, reverse, position: l.line.position });
      // Only the inline form `track_script { a b }` puts several names on one line.
      if (weight !== undefined) break;
    }
  }
  return out;
}

function timerSecondsWhole(ctx: LineContext, s: InstanceState, name: string, invalid: string): number | undefined {
  const word = ctx.requireWord(1);
  const v = readUnsigned(word, 0, Math.floor(UINT_MAX / 1_000_000), ctx.report);
  if (v === undefined) ctx.report(E, `${p(s)}: ${invalid.replace('%s', word)}`);
  void name;
  return v;
}

const authBlock: BlockSpec<InstanceState> = blockSpec({
  auth_type: k((ctx, s) => {
    const t = ctx.requireWord(1);
    const a = (s.inst.authentication ??= { type: undefined, pass: undefined });
    if (t === 'PASS' || t === 'AH') a.type = t;
    else ctx.report(E, `${p(s)} unknown authentication type '${t}'`);
  }),
  auth_pass: k((ctx, s) => {
    let pass = ctx.requireWord(1);
    if (pass.length > 8) {
      ctx.report(E, 'Truncating auth_pass to 8 characters');
      pass = pass.slice(0, 8);
    }
    (s.inst.authentication ??= { type: undefined, pass: undefined }).pass = pass;
  }),
});

const keywords: Record<string, KeywordSpec<InstanceState>> = {
  use_vmac: k((ctx, s) => void (s.inst.useVmac = { name: ctx.words[1] })),
  vmac_xmit_base: k((_c, s) => void (s.inst.vmacXmitBase = true)),
  use_ipvlan: k(keep),
  native_ipv6: k(keep),
  state: k((ctx, s) => {
    const st = ctx.requireWord(1);
    if (st === 'MASTER' || st === 'BACKUP') s.inst.state = st;
    else {
      ctx.report(E, `${p(s)} unknown state '${st}', defaulting to BACKUP`);
      s.inst.state = 'BACKUP';
    }
  }),
  interface: k((ctx, s) => {
    const name = ctx.requireWord(1);
    if (name === 'lo') return ctx.report(E, `${p(s)} cannot use a loopback interface (lo) for vrrp - ignoring`);
    s.inst.interface = name;
    s.inst.interfacePosition = ctx.line.position;
    if (!ctx.host.interfaceExists(name)) {
      ctx.report(E, `WARNING - interface ${name} for vrrp_instance ${s.inst.name} doesn't exist`);
      s.vrrp.missingInterface = true;
    }
  }),
  dont_track_primary: k((_c, s) => void (s.inst.dontTrackPrimary = true)),
  track_interface: values((_ctx, s, lines) => {
    for (const ref of trackRefs(lines, 254)) {
      if (ref.weight !== undefined && (Number.isNaN(ref.weight) || Math.abs(ref.weight) > 253)) {
        // keepalived reports the range from the word as written.
        const l = lines.find((x) => x.line.position === ref.position);
        l?.report(E, `${p(s)} weight ${l.words[2] ?? ''} for ${ref.name} must be between [-253..253] inclusive. Ignoring...`);
        continue;
      }
      if (!_ctx.host.interfaceExists(ref.name)) {
        lines.find((x) => x.line.position === ref.position)?.report(E, `${p(s)} tracked interface ${ref.name} doesn't exist`);
        s.vrrp.missingInterface = true;
        continue;
      }
      s.inst.trackInterfaces = appended(s.inst.trackInterfaces, ref);
    }
  }),
  track_script: values((_ctx, s, lines) => {
    for (const ref of trackRefs(lines, 254)) {
      if (!s.vrrp.scripts.some((x) => x.name === ref.name)) {
        lines.find((x) => x.line.position === ref.position)?.report(E, `${p(s)} track script ${ref.name} not found, ignoring...`);
        continue;
      }
      s.inst.trackScripts = appended(s.inst.trackScripts, ref);
    }
  }),
  track_file: values((_ctx, s, lines) => {
    for (const ref of trackRefs(lines, 254)) {
      if (!s.vrrp.trackFiles.some((x) => x.name === ref.name)) {
        lines.find((x) => x.line.position === ref.position)?.report(E, `${p(s)} track file ${ref.name} not found, ignoring...`);
        continue;
      }
      s.inst.trackFiles = appended(s.inst.trackFiles, ref);
    }
  }),
  track_process: values((_ctx, s, lines) => {
    for (const ref of trackRefs(lines, 254)) {
      if (!s.vrrp.trackProcesses.some((x) => x.name === ref.name)) {
        lines.find((x) => x.line.position === ref.position)?.report(E, `${p(s)} track process ${ref.name} not found, ignoring...`);
        continue;
      }
      s.inst.trackProcesses = appended(s.inst.trackProcesses, ref);
    }
  }),
  track_bfd: values((_ctx, s, lines) => void (s.inst.trackBfds = appendedAll(s.inst.trackBfds, trackRefs(lines, 254)))),
  mcast_src_ip: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const a = parseIpAddress(w);
    if (!a) return ctx.report(E, `${p(s)} mcast_src_ip ${w} is invalid - ignoring`);
    if (!sameFamily(s, a.family)) return ctx.report(E, familyMismatch(s, 'src address', w));
    s.inst.mcastSrcIp = a;
  }),
  unicast_src_ip: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const a = parseIpAddress(w);
    if (!a) return ctx.report(E, `${p(s)} unicast_src_ip ${w} is invalid - ignoring`);
    s.inst.unicastSrcGiven = true;
    if (!sameFamily(s, a.family)) return ctx.report(E, familyMismatch(s, 'src address', w));
    s.inst.unicastSrcIp = a;
  }),
  unicast_peer: values((_ctx, s, lines) => {
    for (const l of lines) {
      const w = l.words[0] as string;
      const a = parseIpAddress(w);
      if (!a) {
        l.report(E, `${p(s)} VRRP parsed invalid IP ${w}. skipping IP...`);
        continue;
      }
      if (!sameFamily(s, a.family)) {
        l.report(E, familyMismatch(s, 'unicast peer address', w));
        continue;
      }
      let minTtl: number | undefined;
      let maxTtl: number | undefined;
      for (let i = 1; i < l.words.length; i += 2) {
        const key = l.words[i] as string;
        const v = l.words[i + 1];
        if ((key === 'min_ttl' || key === 'max_ttl') && v !== undefined) {
          const n = readUnsigned(v, 0, 255, l.report);
          if (key === 'min_ttl') minTtl = n;
          else maxTtl = n;
        } else l.report(E, `${p(s)} Unknown unicast_peer option ${key}`);
      }
      s.inst.unicastPeers = appended(s.inst.unicastPeers, { address: a, minTtl, maxTtl, position: l.line.position });
    }
  }),
  unicast_ttl: k((ctx, s) => {
    const v = readUnsigned(ctx.requireWord(1), 1, 255, ctx.report);
    if (v !== undefined) s.inst.unicastTtl = v;
  }),
  check_unicast_src: k((_c, s) => void (s.inst.checkUnicastSrc = true)),
  unicast_fault_no_peer: k(keep),
  old_unicast_checksum: k((ctx, s) => {
    const m = ctx.words[1];
    if (m !== undefined && m !== 'never') return ctx.report(E, `${p(s)} Unknown old_unicast_chksum mode ${m} - ignoring`);
    keep(ctx, s);
  }),
  version: k((ctx, s) => {
    const v = readInt(ctx.requireWord(1), 2, 3, ctx.report);
    if (v === undefined) return ctx.report(E, `${p(s)}: Version must be either 2 or 3`);
    s.inst.version = v as 2 | 3;
  }),
  virtual_router_id: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const v = readUnsigned(w, 1, 255, ctx.report);
    if (v === undefined) return ctx.report(E, `${p(s)}: VRID '${w}' not valid - must be between 1 & 255`);
    s.inst.virtualRouterId = v;
  }),
  priority: k((ctx, s) => {
    const v = readUnsigned(ctx.requireWord(1), 1, 255, ctx.report);
    if (v === undefined) {
      ctx.report(E, `${p(s)} Priority not valid! must be between 1 & 255. Using default 100`);
      s.inst.priority = 100;
      return;
    }
    s.inst.priority = v;
  }),
  advert_int: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const us = readTimerUs(w, 10_000, 255_000_000, ctx.report);
    if (us === undefined) return ctx.report(E, `${p(s)} Advert interval (${w}) not valid! Must be > 0 - ignoring`);
    s.inst.advertIntMs = us / 1000;
  }),
  authentication: sub((_ctx, s) => s, authBlock),
  virtual_ipaddress: values((ctx, s, lines) => {
    const onMissingInterface = (): void => void (s.vrrp.missingInterface = true);
    // An index loop: for-of allocates at every step of code the JIT has not optimised yet.
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as ValueLine;
      const vip = parseVirtualAddress(l, ctx.host, onMissingInterface);
      if (!vip) continue;
      if (!sameFamily(s, vip.address.family)) {
        l.report(E, `${p(s)}: address family must match VRRP instance [${l.words[0] as string}] - ignoring`);
        continue;
      }
      s.inst.virtualAddresses = appended(s.inst.virtualAddresses, vip);
    }
  }),
  virtual_ipaddress_excluded: values((ctx, s, lines) => {
    for (const l of lines) {
      const vip = parseVirtualAddress(l, ctx.host, () => (s.vrrp.missingInterface = true));
      if (vip) s.inst.excludedAddresses = appended(s.inst.excludedAddresses, vip);
    }
  }),
  virtual_routes: values((ctx, s, lines) => {
    const routes: RouteOrRule[] = [];
    collectRoutes(lines, routes, 'instance', ctx.host, () => (s.vrrp.missingInterface = true));
    s.inst.virtualRoutes = appendedAll(s.inst.virtualRoutes, routes);
  }),
  virtual_rules: values((ctx, s, lines) => {
    const rules: RouteOrRule[] = [];
    collectRules(ctx, lines, rules, 'instance');
    s.inst.virtualRules = appendedAll(s.inst.virtualRules, rules);
  }),
  promote_secondaries: k(keep),
  linkbeat_use_polling: k((ctx, s) => {
    ctx.report(ConfigErrorClass.Deprecated, `${p(s)} 'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block`);
    keep(ctx, s);
  }),
  accept: k((_c, s) => void (s.inst.accept = true)),
  no_accept: k((_c, s) => void (s.inst.accept = false)),
  skip_check_adv_addr: flagKeyword((i, v) => (i.skipCheckAdvAddr = v), (s, w) => `${p(s)} invalid skip_check_adv_addr ${w} specified`),
  strict_mode: flagKeyword((i, v) => (i.strictMode = v), (s, w) => `${p(s)} invalid strict_mode ${w} specified`),
  preempt: k((_c, s) => void (s.inst.nopreempt = false)),
  nopreempt: k((_c, s) => void (s.inst.nopreempt = true)),
  preempt_delay: k((ctx, s) => {
    const us = readTimerUs(ctx.requireWord(1), 0, 1_000_000_000, ctx.report);
    if (us === undefined) return ctx.report(E, `${p(s)} Preempt_delay not valid! must be between 0-1000`);
    s.inst.preemptDelayMs = us / 1000;
  }),
  debug: k(keep),
  notify_backup: notifyKeyword('backup'),
  notify_master: notifyKeyword('master'),
  notify_fault: notifyKeyword('fault'),
  notify_stop: notifyKeyword('stop'),
  notify_deleted: notifyKeyword('deleted'),
  notify_master_rx_lower_pri: notifyKeyword('masterRxLowerPri'),
  notify: notifyKeyword('any'),
  notify_priority_changes: flagKeyword(
    (i, v) => i.other.set('notify_priority_changes', [String(v)]),
    (s, w) => `${p(s)} Invalid value '${w}' for notify_priority_changes specified`,
  ),
  smtp_alert: flagKeyword((i, v) => (i.smtpAlert = v), (_s, w) => `Invalid vrrp_instance smtp_alert parameter ${w}`),
  lvs_sync_daemon_interface: k((ctx, s) => {
    ctx.report(ConfigErrorClass.Deprecated, `${p(s)} Specifying lvs_sync_daemon_interface against a vrrp is deprecated.`);
    ctx.report(ConfigErrorClass.Deprecated, '        Please use global lvs_sync_daemon');
    keep(ctx, s);
  }),
  garp_master_delay: k((ctx, s) => {
    const v = timerSecondsWhole(ctx, s, 'garp_master_delay', "garp_master_delay '%s' invalid - ignoring");
    if (v !== undefined) s.inst.garpMasterDelayMs = v * 1000;
  }),
  garp_master_refresh: k((ctx, s) => {
    const v = timerSecondsWhole(ctx, s, 'garp_master_refresh', "Invalid garp_master_refresh '%s' - ignoring");
    if (v !== undefined) s.inst.garpMasterRefreshMs = v * 1000;
  }),
  garp_master_repeat: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const v = readUnsigned(w, 0, UINT_MAX, ctx.report);
    if (v === undefined) return ctx.report(E, `${p(s)}: garp_master_repeat '${w}' invalid - ignoring`);
    if (v === 0) ctx.report(E, `${p(s)}: garp_master_repeat must be greater than 0, setting to 1`);
    s.inst.garpMasterRepeat = Math.max(1, v);
  }),
  garp_master_refresh_repeat: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const v = readUnsigned(w, 0, UINT_MAX, ctx.report);
    if (v === undefined) return ctx.report(E, `${p(s)}: garp_master_refresh_repeat '${w}' invalid - ignoring`);
    if (v === 0) ctx.report(E, `${p(s)}: garp_master_refresh_repeat must be greater than 0, setting to 1`);
    s.inst.garpMasterRefreshRepeat = Math.max(1, v);
  }),
  garp_lower_prio_delay: k((ctx, s) => {
    const v = timerSecondsWhole(ctx, s, 'garp_lower_prio_delay', "garp_lower_prio_delay '%s' invalid - ignoring");
    if (v !== undefined) s.inst.garpLowerPrioDelayMs = v * 1000;
  }),
  garp_lower_prio_repeat: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const v = readUnsigned(w, 0, 2147483647, ctx.report);
    if (v === undefined) return ctx.report(E, `${p(s)}: garp_lower_prio_repeat '${w}' invalid - ignoring`);
    s.inst.garpLowerPrioRepeat = v;
  }),
  garp_extra_if: k(keep),
  down_timer_adverts: k((ctx, s) => {
    const w = ctx.requireWord(1);
    const v = readUnsigned(w, 1, 100, ctx.report);
    if (v === undefined) return ctx.report(E, `${p(s)} down_timer_adverts '${w}' invalid - ignoring`);
    s.inst.downTimerAdverts = v;
  }),
  lower_prio_no_advert: flagKeyword((i, v) => (i.lowerPrioNoAdvert = v), (s, w) => `${p(s)} invalid lower_prio_no_advert ${w} specified`),
  higher_prio_send_advert: flagKeyword(
    (i, v) => (i.higherPrioSendAdvert = v),
    (s, w) => `${p(s)} invalid higher_prio_send_advert ${w} specified`,
  ),
  kernel_rx_buf_size: k((ctx, s) => {
    const v = readUnsigned(ctx.requireWord(1), 0, UINT_MAX, ctx.report);
    if (v !== undefined) s.inst.kernelRxBufSize = v;
  }),
  track_src_ip: k(keep),
};

export const instanceBlock: BlockSpec<InstanceState> = blockSpec(keywords, (s, ctx) => {
  if (s.inst.unicastTtl !== undefined && s.inst.unicastPeers.length === 0) {
    ctx.report(E, `${p(s)}: Cannot use unicast_ttl without unicast peers - resetting`);
    s.inst.unicastTtl = undefined;
  }
});
