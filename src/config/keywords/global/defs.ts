/**
 * The global_defs block: every keyword keepalived 2.2.7 knows there, with its messages. Keywords
 * whose values only matter to parts of keepalived this project does not model are accepted and
 * kept in `other` (they are not "Unknown keyword").
 */
import { ConfigErrorClass } from '../../diagnostics.js';
import { blockSpec, leaf, values, type BlockSpec, type KeywordSpec, type LineContext } from '../../tree/spec.js';
import type { GlobalDefs, NotifyFifo } from '../../model/global.js';
import { parseTrueFalse } from '../../values/bool.js';
import { noteScriptUserConfigured } from '../script-user-note.js';
import { readInt, readTimerUs, readUnsigned, UINT_MAX, INT_MAX, MICROS_PER_SECOND } from '../../values/number.js';
import { parseIpAddress } from '../../values/ip.js';
import { scriptCommand, withHiddenFile } from '../vrrp/context.js';
import { setScriptUser } from './script-user.js';
import { statusKeywords } from './status.js';

type Handler = (ctx: LineContext, g: GlobalDefs) => void;

const TIMER_HZ = MICROS_PER_SECOND;
const E = ConfigErrorClass.GeneralError;

/** A global_defs keyword: handlers see a context that reports `(Line N)` like keepalived. */
function g(handle: Handler): KeywordSpec<GlobalDefs> {
  return leaf((ctx, state) => handle(withHiddenFile(ctx), state));
}

function keep(ctx: LineContext, gd: GlobalDefs): void {
  gd.other.set(ctx.words[0] as string, ctx.words.slice(1));
}

/** `keyword [true|false]` → flag (absent value means true); `message` words the complaint. */
function flag(set: (gd: GlobalDefs, v: boolean) => void, message: (word: string) => string): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const word = ctx.words[1];
    if (word === undefined) return set(gd, true);
    const v = parseTrueFalse(word);
    if (v === undefined) ctx.report(E, message(word));
    else set(gd, v);
  });
}

function globalFlag(name: string, set: (gd: GlobalDefs, v: boolean) => void = (gd, v) => gd.other.set(name, [String(v)])): KeywordSpec<GlobalDefs> {
  return flag(set, (w) => `Invalid value '${w}' for global ${name} specified`);
}

function noArg(set: (gd: GlobalDefs) => void): KeywordSpec<GlobalDefs> {
  return g((_ctx, gd) => set(gd));
}

/** Unsigned whole seconds with `name 'x' invalid - ignoring` style complaints. */
function secondsKeyword(ctx: LineContext, min: number, max: number, invalid: string): number | undefined {
  const word = ctx.requireWord(1);
  const v = readUnsigned(word, min, max, ctx.report);
  if (v === undefined) ctx.report(E, invalid.replace('%s', word));
  return v;
}

function notifyFifo(type: string, pick: (gd: GlobalDefs) => NotifyFifo): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const fifo = pick(gd);
    const name = ctx.words[1];
    if (name === undefined) return ctx.report(E, `No ${type}notify_fifo name specified`);
    if (fifo.name !== undefined) return ctx.report(E, `${type}notify_fifo already specified - ignoring ${name}`);
    fifo.name = name;
  });
}

function notifyFifoScript(type: string, pick: (gd: GlobalDefs) => NotifyFifo): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const fifo = pick(gd);
    if (ctx.words[1] === undefined) return ctx.report(E, `No ${type}notify_fifo_script specified`);
    if (fifo.script !== undefined) return ctx.report(E, `${type}notify_fifo_script already specified - ignoring ${ctx.words[1]}`);
    fifo.script = scriptCommand(ctx, 1, true);
  });
}

function processName(ctx: LineContext, gd: GlobalDefs): void {
  const name = ctx.requireWord(1);
  if (name.length >= 16) ctx.report(E, `Process name ${name} more than 15 characters, truncating`);
  gd.other.set(ctx.words[0] as string, [name.slice(0, 15)]);
}

function priorityKeyword(process: string): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const word = ctx.words[1];
    if (word === undefined) return ctx.report(E, `No ${process} process priority specified`);
    if (readInt(word, -20, 19, ctx.report) === undefined) return ctx.report(E, `Invalid ${process} process priority specified`);
    keep(ctx, gd);
  });
}

function rtPriorityKeyword(process: string): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const word = ctx.words[1];
    if (word === undefined) return ctx.report(E, `No ${process} process real-time priority specified`);
    const v = readInt(word, -2147483648, INT_MAX, ctx.report);
    if (v === undefined) return ctx.report(E, `${process} process real-time priority '${word}' invalid`);
    // SCHED_RR priorities on Linux are 1..99.
    if (v < 1) ctx.report(E, `${process} process real-time priority ${v} less than minimum 1 - setting to minimum`);
    else if (v > 99) ctx.report(E, `${process} process real-time priority ${v} greater than maximum 99 - setting to maximum`);
    gd.other.set(ctx.words[0] as string, [String(Math.min(99, Math.max(1, v)))]);
  });
}

function rlimitKeyword(process: string): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const word = ctx.requireWord(1);
    if (readUnsigned(word, 1, UINT_MAX, ctx.report) === undefined) return ctx.report(E, `Invalid ${process} real-time limit - ${word}`);
    keep(ctx, gd);
  });
}

function rcvBufs(type: string): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const word = ctx.words[1];
    if (word === undefined) return ctx.report(E, `${type}_rcv_bufs size missing`);
    if (readUnsigned(word, 0, UINT_MAX, ctx.report) === undefined) return ctx.report(E, `${type}_rcv_bufs size (${word}) invalid`);
    keep(ctx, gd);
  });
}

function mcastGroup(name: string, family: 4 | 6, set: (gd: GlobalDefs, v: string) => void): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const word = ctx.requireWord(1);
    const a = parseIpAddress(word);
    if (!a) return ctx.report(E, `Can't parse ${name} [${word}]. Skipping`);
    if (a.family !== family) return ctx.report(E, `Can't parse ${name} [${word}]. Skipping`);
    set(gd, a.text);
  });
}

function garpInterval(name: string, set: (gd: GlobalDefs, ms: number) => void): KeywordSpec<GlobalDefs> {
  return g((ctx, gd) => {
    const word = ctx.requireWord(1);
    const us = readTimerUs(word, 1, UINT_MAX, ctx.report);
    if (us === undefined) ctx.report(E, `${name} '${word}' is invalid`);
    else set(gd, us / 1000);
  });
}

const keywords: Record<string, KeywordSpec<GlobalDefs>> = {
  process_names: noArg((gd) => gd.other.set('process_names', [])),
  process_name: g(processName),
  vrrp_process_name: g(processName),
  checker_process_name: g(processName),
  lvs_process_name: g(processName),
  bfd_process_name: g(processName),
  router_id: g((ctx, gd) => {
    if (ctx.words.length < 2) return ctx.report(E, 'routerid name missing - ignoring');
    gd.routerId = ctx.words[1];
  }),
  notification_email_from: g((ctx, gd) => {
    if (ctx.words.length < 2) return ctx.report(E, 'emailfrom missing - ignoring');
    gd.notificationEmailFrom = ctx.words[1];
  }),
  smtp_server: g((ctx, gd) => {
    const host = ctx.requireWord(1);
    const portWord = ctx.words[2] ?? '25';
    const port = ctx.words[2] === undefined ? 25 : readUnsigned(portWord, 1, 65535, ctx.report);
    // A name that is not an address would be resolved; the config test only checks its form.
    const ok = port !== undefined && (parseIpAddress(host) !== undefined || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host));
    if (!ok || port === undefined) return ctx.report(E, `Invalid smtp server ${host} ${portWord}`);
    gd.smtpServer = { host, port };
  }),
  smtp_helo_name: g((ctx, gd) => {
    if (ctx.words[1] !== undefined) gd.smtpHeloName = ctx.words[1];
  }),
  smtp_connect_timeout: g((ctx, gd) => {
    const word = ctx.requireWord(1);
    const max = Math.floor(UINT_MAX / TIMER_HZ);
    const v = readUnsigned(word, 0, max, ctx.report);
    if (v === undefined) return ctx.report(E, `smtp_connect_timeout '${word}' must be in [0, ${max}] - ignoring`);
    if (v === 0) ctx.report(E, 'smtp_conect_timeout must be greater than 0, setting to 1');
    gd.smtpConnectTimeoutMs = Math.max(1, v) * 1000;
  }),
  notification_email: values((ctx, gd, lines) => {
    if (lines.length === 0) return withHiddenFile(ctx).report(E, 'Warning - empty notification_email block');
    for (const l of lines) gd.notificationEmails.push(...l.words);
  }),
  smtp_alert: globalFlag('smtp_alert', (gd, v) => (gd.smtpAlert = v)),
  smtp_alert_vrrp: globalFlag('smtp_alert_vrrp', (gd, v) => (gd.smtpAlertVrrp = v)),
  smtp_alert_checker: globalFlag('smtp_alert_checker', (gd, v) => (gd.smtpAlertChecker = v)),
  checker_log_all_failures: flag((gd, v) => gd.other.set('checker_log_all_failures', [String(v)]), () => 'Invalid value for checker_log_all_failures specified'),
  startup_script: g((ctx, gd) => {
    if (gd.startupScript) return ctx.report(E, 'startup script already specified');
    if (ctx.words.length < 2) return ctx.report(E, 'startup script missing');
    gd.startupScript = scriptCommand(ctx, 1, true);
  }),
  shutdown_script: g((ctx, gd) => {
    if (gd.shutdownScript) return ctx.report(E, 'shutdown script already specified');
    if (ctx.words.length < 2) return ctx.report(E, 'shutdown script missing');
    gd.shutdownScript = scriptCommand(ctx, 1, true);
  }),
  startup_script_timeout: g((ctx, gd) => scriptTimeout(ctx, gd, 'startup')),
  shutdown_script_timeout: g((ctx, gd) => scriptTimeout(ctx, gd, 'shutdown')),
  max_auto_priority: g((ctx, gd) => {
    const word = ctx.words[1];
    if (word === undefined) return void (gd.maxAutoPriority = 99);
    const v = readInt(word, -1, 99, ctx.report);
    if (v === undefined) return ctx.report(E, `max_auto_priority '${word}' must be in [0, 99] (or -1 to disable) - ignoring`);
    gd.maxAutoPriority = v;
  }),
  min_auto_priority_delay: g((ctx, gd) => {
    const word = ctx.words[1];
    if (word === undefined) return ctx.report(E, 'min_auto_priority_delay requires delay time');
    if (readInt(word, 1, 10000000, ctx.report) === undefined)
      return ctx.report(E, `min_auto_priority_delay '${word}' must be in [1, 10000000] - ignoring`);
    keep(ctx, gd);
  }),
  dynamic_interfaces: g((ctx, gd) => {
    gd.dynamicInterfaces = true;
    const opt = ctx.words[1];
    if (opt === undefined) return;
    if (opt === 'allow_if_changes') gd.allowIfChanges = true;
    else ctx.report(E, `Unknown dynamic_interfaces option '${opt}'`);
  }),
  no_email_faults: noArg((gd) => gd.other.set('no_email_faults', [])),
  default_interface: g((ctx, gd) => {
    if (ctx.words.length < 2) return ctx.report(E, 'default_interface requires interface name');
    gd.defaultInterface = ctx.words[1];
  }),
  disable_local_igmp: g(keep),
  lvs_timeouts: g((ctx, gd) => {
    if (ctx.words.length < 3) return ctx.report(E, 'lvs_timeouts requires at least one option');
    for (let i = 1; i < ctx.words.length; i++) {
      const opt = ctx.words[i] as string;
      if (opt === 'tcp' || opt === 'tcpfin' || opt === 'udp') {
        const v = ctx.words[i + 1];
        if (v === undefined) {
          ctx.report(E, `No value specified for lvs_timeout ${opt} - ignoring`);
          continue;
        }
        if (readUnsigned(v, 0, 86400 * 31, ctx.report) === undefined) ctx.report(E, `Invalid lvs_timeout ${opt} (${v}) - ignoring`);
        i++;
        continue;
      }
      ctx.report(E, `Unknown option ${opt} specified for lvs_timeouts`);
    }
    keep(ctx, gd);
  }),
  lvs_flush: g(keep),
  lvs_flush_on_stop: g(lvsFlushOnStop),
  lvs_flush_onstop: g(lvsFlushOnStop),
  lvs_sync_daemon: g((ctx, gd) => {
    if (gd.other.has('lvs_sync_daemon')) return ctx.report(E, `lvs_sync_daemon has already been specified - ignoring`);
    if (ctx.words.length < 2) return ctx.report(E, 'lvs_sync_daemon requires interface');
    keep(ctx, gd);
  }),
  vrrp_mcast_group4: mcastGroup('vrrp_mcast_group4', 4, (gd, v) => (gd.vrrpMcastGroup4 = v)),
  vrrp_mcast_group6: mcastGroup('vrrp_mcast_group6', 6, (gd, v) => (gd.vrrpMcastGroup6 = v)),
  vrrp_garp_master_delay: g((ctx, gd) => {
    const v = secondsKeyword(ctx, 0, Math.floor(UINT_MAX / TIMER_HZ), "vrrp_garp_master_delay '%s' invalid - ignoring");
    if (v !== undefined) gd.vrrpGarpMasterDelayMs = v * 1000;
  }),
  vrrp_garp_master_repeat: g((ctx, gd) => {
    const v = secondsKeyword(ctx, 0, UINT_MAX, "vrrp_garp_master_repeat '%s' invalid - ignoring");
    if (v === undefined) return;
    if (v === 0) ctx.report(E, 'vrrp_garp_master_repeat must be greater than 0, setting to 1');
    gd.vrrpGarpMasterRepeat = Math.max(1, v);
  }),
  vrrp_garp_master_refresh: g((ctx, gd) => {
    const v = secondsKeyword(ctx, 0, UINT_MAX, "Invalid vrrp_garp_master_refresh '%s' - ignoring");
    gd.vrrpGarpMasterRefreshMs = (v ?? 0) * 1000;
  }),
  vrrp_garp_master_refresh_repeat: g((ctx, gd) => {
    const v = secondsKeyword(ctx, 0, UINT_MAX, "vrrp_garp_master_refresh_repeat '%s' invalid - ignoring");
    if (v === undefined) return;
    if (v === 0) ctx.report(E, 'vrrp_garp_master_refresh_repeat must be greater than 0, setting to 1');
    gd.vrrpGarpMasterRefreshRepeat = Math.max(1, v);
  }),
  vrrp_garp_lower_prio_delay: g((ctx, gd) => {
    const v = secondsKeyword(ctx, 0, Math.floor(UINT_MAX / TIMER_HZ), "vrrp_garp_lower_prio_delay '%s' invalid - ignoring");
    if (v !== undefined) gd.vrrpGarpLowerPrioDelayMs = v * 1000;
  }),
  vrrp_garp_lower_prio_repeat: g((ctx, gd) => {
    const v = secondsKeyword(ctx, 0, INT_MAX, "Invalid vrrp_garp_lower_prio_repeat '%s'");
    if (v !== undefined) gd.vrrpGarpLowerPrioRepeat = v;
  }),
  vrrp_garp_interval: garpInterval('vrrp_garp_interval', (gd, ms) => (gd.vrrpGarpIntervalMs = ms)),
  vrrp_gna_interval: garpInterval('vrrp_gna_interval', (gd, ms) => (gd.vrrpGnaIntervalMs = ms)),
  vrrp_min_garp: flag(
    (gd, v) => {
      if (!v) return;
      if (gd.vrrpGarpMasterRepeat === 5) gd.vrrpGarpMasterRepeat = 1;
      if (gd.vrrpGarpMasterDelayMs === 5000) gd.vrrpGarpMasterDelayMs = 0;
      if (gd.vrrpGarpMasterRefreshRepeat === 1) gd.vrrpGarpMasterRefreshRepeat = 0;
    },
    () => 'Invalid value for vrrp_min_garp specified',
  ),
  vrrp_garp_extra_if: g(garpExtraIf),
  vrrp_vmac_garp_intvl: g((ctx, gd) => {
    ctx.report(ConfigErrorClass.Deprecated, 'Keyword "vrrp_vmac_garp_intvl" is deprecated - please use "vrrp_garp_extra_if"');
    garpExtraIf(ctx, gd);
  }),
  vrrp_lower_prio_no_advert: flag((gd, v) => (gd.vrrpLowerPrioNoAdvert = v), () => 'Invalid value for vrrp_lower_prio_no_advert specified'),
  vrrp_higher_prio_send_advert: flag(
    (gd, v) => (gd.vrrpHigherPrioSendAdvert = v),
    () => 'Invalid value for vrrp_higher_prio_send_advert specified',
  ),
  vrrp_version: g((ctx, gd) => {
    const v = readInt(ctx.requireWord(1), 2, 3, ctx.report);
    if (v === undefined) return ctx.report(E, 'VRRP Error: Version must be either 2 or 3');
    gd.vrrpVersion = v as 2 | 3;
  }),
  vrrp_iptables: g((ctx, gd) => {
    // Built without iptables support, keepalived maps the legacy keyword to nftables.
    ctx.report(
      E,
      "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option",
    );
    gd.nftablesTable = 'keepalived';
  }),
  nftables: g((ctx, gd) => {
    if (gd.nftablesTable !== undefined) return ctx.report(E, 'nftables already specified - ignoring');
    const name = ctx.words[1] ?? 'keepalived';
    if (name.length >= 256) return ctx.report(E, 'nftables table name too long - ignoring');
    gd.nftablesTable = name;
  }),
  nftables_priority: g((ctx, gd) => {
    const word = ctx.requireWord(1);
    if (readInt(word, -2147483648, INT_MAX, ctx.report) === undefined)
      return ctx.report(ConfigErrorClass.InvalidNumber, `invalid nftables chain priority '${word}'`);
    keep(ctx, gd);
  }),
  nftables_ifindex: g(keep),
  nftables_ipvs: g(keep),
  nftables_ipvs_priority: g((ctx, gd) => {
    const word = ctx.requireWord(1);
    if (readInt(word, -2147483648, INT_MAX, ctx.report) === undefined)
      return ctx.report(ConfigErrorClass.InvalidNumber, `invalid ipvs nftables chain priority '${word}'`);
    keep(ctx, gd);
  }),
  nftables_ipvs_start_fwmark: g((ctx, gd) => {
    const word = ctx.requireWord(1);
    if (readUnsigned(word, 1, UINT_MAX, ctx.report) === undefined)
      return ctx.report(ConfigErrorClass.InvalidNumber, `invalid ipvs nftables start_fwmark priority '${word}'`);
    keep(ctx, gd);
  }),
  nftables_counters: g(keep),
  vrrp_check_unicast_src: noArg((gd) => (gd.vrrpCheckUnicastSrc = true)),
  vrrp_skip_check_adv_addr: noArg((gd) => (gd.vrrpSkipCheckAdvAddr = true)),
  vrrp_strict: noArg((gd) => (gd.vrrpStrict = true)),
  vrrp_priority: priorityKeyword('vrrp'),
  vrrp_no_swap: g(keep),
  vrrp_rt_priority: rtPriorityKeyword('vrrp'),
  vrrp_cpu_affinity: g(keep),
  vrrp_rlimit_rttime: rlimitKeyword('vrrp'),
  vrrp_rlimit_rtime: rlimitKeyword('vrrp'),
  notify_fifo: notifyFifo('', (gd) => gd.notifyFifo),
  notify_fifo_script: notifyFifoScript('', (gd) => gd.notifyFifo),
  vrrp_notify_fifo: notifyFifo('vrrp_', (gd) => gd.vrrpNotifyFifo),
  vrrp_notify_fifo_script: notifyFifoScript('vrrp_', (gd) => gd.vrrpNotifyFifo),
  vrrp_notify_priority_changes: globalFlag('vrrp_notify_priority_changes'),
  lvs_notify_fifo: notifyFifo('lvs_', (gd) => gd.lvsNotifyFifo),
  lvs_notify_fifo_script: notifyFifoScript('lvs_', (gd) => gd.lvsNotifyFifo),
  checker_priority: priorityKeyword('checker'),
  checker_no_swap: g(keep),
  checker_rt_priority: rtPriorityKeyword('checker'),
  checker_cpu_affinity: g(keep),
  checker_rlimit_rttime: rlimitKeyword('checker'),
  checker_rlimit_rtime: rlimitKeyword('checker'),
  bfd_priority: priorityKeyword('bfd'),
  bfd_no_swap: g(keep),
  bfd_rt_priority: rtPriorityKeyword('bfd'),
  bfd_cpu_affinity: g(keep),
  bfd_rlimit_rttime: rlimitKeyword('bfd'),
  bfd_rlimit_rtime: rlimitKeyword('bfd'),
  snmp_socket: g((ctx, gd) => {
    if (ctx.words.length > 2) return ctx.report(E, 'Too many parameters specified for snmp_socket - ignoring');
    if (ctx.words.length < 2) return ctx.report(E, 'SNMP error : snmp socket name missing');
    if (gd.other.has('snmp_socket')) return ctx.report(E, `SNMP socket already set to ${gd.other.get('snmp_socket')?.[0] ?? ''} - ignoring`);
    keep(ctx, gd);
  }),
  enable_traps: g(keep),
  enable_snmp_vrrp: g(keep),
  enable_snmp_keepalived: g(keep),
  enable_snmp_rfc: g(keep),
  enable_snmp_rfcv2: g(keep),
  enable_snmp_rfcv3: g(keep),
  enable_snmp_checker: g(keep),
  enable_dbus: g(keep),
  dbus_service_name: g((ctx, gd) => {
    if (ctx.words.length < 2) return ctx.report(E, 'dbus_service_name missing - ignoring');
    keep(ctx, gd);
  }),
  script_user: g((ctx, gd) => {
    const user = ctx.words[1];
    if (user === undefined) return ctx.report(E, 'No script username specified');
    noteScriptUserConfigured(ctx);
    // The daemon (not a config test) names what it could not find first, as keepalived does.
    if (!ctx.options.configTest && ctx.host.userByName(user) === undefined) ctx.diagnostics.report(ConfigErrorClass.Warning, `Script user '${user}' does not exist`);
    if (!setScriptUser(ctx.host, gd, user, ctx.words[2])) ctx.report(E, 'Error setting global script uid/gid');
  }),
  enable_script_security: noArg((gd) => (gd.enableScriptSecurity = true)),
  vrrp_netlink_cmd_rcv_bufs: rcvBufs('vrrp_netlink_cmd'),
  vrrp_netlink_cmd_rcv_bufs_force: globalFlag('vrrp_netlink_cmd_rcv_bufs_force'),
  vrrp_netlink_monitor_rcv_bufs: rcvBufs('vrrp_netlink_monitor'),
  vrrp_netlink_monitor_rcv_bufs_force: globalFlag('vrrp_netlink_monitor_rcv_bufs_force'),
  process_monitor_rcv_bufs: rcvBufs('process_monitor'),
  process_monitor_rcv_bufs_force: globalFlag('process_monitor_rcv_bufs_force'),
  lvs_netlink_cmd_rcv_bufs: rcvBufs('lvs_netlink_cmd'),
  lvs_netlink_cmd_rcv_bufs_force: globalFlag('lvs_netlink_cmd_rcv_bufs_force'),
  lvs_netlink_monitor_rcv_bufs: rcvBufs('lvs_netlink_monitor'),
  lvs_netlink_monitor_rcv_bufs_force: globalFlag('lvs_netlink_monitor_rcv_bufs_force'),
  rs_init_notifies: globalFlag('rs_init_notifies'),
  no_checker_emails: globalFlag('no_checker_emails'),
  vrrp_rx_bufs_policy: g((ctx, gd) => {
    if (ctx.words.length < 2) return ctx.report(E, 'vrrp_rx_bufs_policy missing');
    keep(ctx, gd);
  }),
  vrrp_rx_bufs_multiplier: g((ctx, gd) => {
    if (ctx.words.length !== 2) return ctx.report(E, 'Invalid vrrp_rx_bufs_multiplier');
    if (readUnsigned(ctx.words[1] as string, 1, UINT_MAX, ctx.report) === undefined)
      return ctx.report(E, `Invalid vrrp_rx_bufs_multiplier ${ctx.words[1] as string}`);
    keep(ctx, gd);
  }),
  vrrp_startup_delay: g((ctx, gd) => {
    const word = ctx.requireWord(1);
    const us = readTimerUs(word, 1000, UINT_MAX, ctx.report);
    if (us === undefined) ctx.report(E, `vrrp_startup_delay '${word}' is invalid`);
    else gd.vrrpStartupDelayMs = us / 1000;
  }),
  log_unknown_vrids: g(keep),
  vmac_prefix: g(keep),
  vmac_addr_prefix: g(keep),
  umask: g(keep),
  random_seed: g((ctx, gd) => {
    const word = ctx.requireWord(1);
    if (readUnsigned(word, 0, UINT_MAX, ctx.report) === undefined) return ctx.report(E, `random_seed ${word} invalid`);
    keep(ctx, gd);
  }),
  reload_check_config: g(keep),
  reload_time_file: g((ctx, gd) => {
    if (ctx.words.length !== 2) return ctx.report(E, 'reload_time_file invalid');
    keep(ctx, gd);
  }),
  reload_repeat: g(keep),
  reload_file: g(keep),
  include_check: g(keep),
  tmp_config_directory: g(keep),
  data_use_instance: flag((gd, v) => gd.other.set('data_use_instance', [String(v)]), (w) => `Invalid value '${w}' for global date_use_instance specified`),
  ...statusKeywords,
};

function scriptTimeout(ctx: LineContext, gd: GlobalDefs, type: string): void {
  const word = ctx.words[1];
  if (word === undefined) return ctx.report(E, `${type}_script_timeout requires value`);
  if (readUnsigned(word, 1, 1000, ctx.report) === undefined)
    return ctx.report(E, `${type}_script_timeout '${word}' must be in [1, 1000] - ignoring`);
  keep(ctx, gd);
}

function lvsFlushOnStop(ctx: LineContext, gd: GlobalDefs): void {
  const type = ctx.words[1];
  if (type !== undefined && type !== 'VS') return ctx.report(E, `Unknown lvs_flush_on_stop type ${type}`);
  gd.other.set('lvs_flush_on_stop', [type ?? 'full']);
}

function garpExtraIf(ctx: LineContext, gd: GlobalDefs): void {
  const name = ctx.words[0] as string;
  let delay = 0;
  for (const word of ctx.words.slice(1)) {
    if (word === 'all') continue;
    const v = readUnsigned(word, 1, 86400, ctx.report);
    if (v === undefined) return ctx.report(E, `${name} '${word}' invalid - ignoring`);
    delay = v;
  }
  if (delay === 0) return ctx.report(E, `${name} specified without time - ignoring`);
  keep(ctx, gd);
}

export const globalDefsBlock: BlockSpec<GlobalDefs> = blockSpec(keywords, undefined, { hideFile: true });
