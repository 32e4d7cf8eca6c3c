/**
 * global_defs: the settings every keepalived process shares. Durations are in milliseconds
 * throughout the model (keepalived keeps microseconds; config values are seconds).
 */
import type { SourcePosition } from '../diagnostics.js';

export interface SmtpServer {
  readonly host: string;
  readonly port: number;
}

/** A script command line as written (keepalived splits it into words itself). */
/**
 * A script as keepalived takes it from a line: only the first word after the keyword (quote it
 * to pass arguments; it is split again when run). Notify-style scripts may name a user and group
 * after it (`notify_master /x.sh nobody nogroup`).
 */
export interface ScriptCommand {
  readonly command: string;
  readonly user?: string | undefined;
  readonly group?: string | undefined;
  /** uid/gid of `user`/`group`, resolved by validation (absent: script_user or root). */
  runAs?: { readonly uid: number; readonly gid: number } | undefined;
  readonly position: SourcePosition;
}

export interface NotifyFifo {
  name: string | undefined;
  script: ScriptCommand | undefined;
}

export interface ScriptUser {
  readonly user: string;
  readonly group: string | undefined;
  readonly uid: number;
  readonly gid: number;
}

/**
 * keepalived-ts's status interfaces (no keepalived equivalent): the Unix status socket (on by
 * default) and the HTTP endpoints (off unless `status_http` is given).
 */
export interface StatusInterfaceDefs {
  /** `status_socket PATH`; undefined: the default path. */
  socketPath: string | undefined;
  /** `no_status_socket`. */
  socketDisabled: boolean;
  socketOwner: string | undefined;
  socketGroup: string | undefined;
  /** `status_socket_mode` (octal); undefined: 0660. */
  socketMode: number | undefined;
  /** `status_http [ADDR:]PORT`; the address defaults to 127.0.0.1. */
  http: { readonly host: string; readonly port: number } | undefined;
}

export interface GlobalDefs {
  routerId: string | undefined;
  notificationEmails: string[];
  notificationEmailFrom: string | undefined;
  smtpServer: SmtpServer | undefined;
  smtpHeloName: string | undefined;
  smtpConnectTimeoutMs: number;
  smtpAlert: boolean | undefined;
  smtpAlertVrrp: boolean | undefined;
  smtpAlertChecker: boolean | undefined;
  enableScriptSecurity: boolean;
  /** The default user scripts run as; undefined until set (keepalived then falls back to keepalived_script or root). */
  scriptUser: ScriptUser | undefined;
  /** True once `script_user` named a user or group that does not exist. */
  scriptUserFailed: boolean;
  vrrpVersion: 2 | 3;
  vrrpMcastGroup4: string;
  vrrpMcastGroup6: string;
  vrrpGarpMasterDelayMs: number;
  vrrpGarpMasterRepeat: number;
  vrrpGarpMasterRefreshMs: number;
  vrrpGarpMasterRefreshRepeat: number;
  vrrpGarpLowerPrioDelayMs: number | undefined;
  vrrpGarpLowerPrioRepeat: number | undefined;
  vrrpGarpIntervalMs: number;
  vrrpGnaIntervalMs: number;
  vrrpLowerPrioNoAdvert: boolean;
  vrrpHigherPrioSendAdvert: boolean;
  vrrpStrict: boolean;
  vrrpCheckUnicastSrc: boolean;
  vrrpSkipCheckAdvAddr: boolean;
  vrrpStartupDelayMs: number;
  /** nftables table keepalived may add VIP filtering rules to (`vrrp_iptables` also sets it). */
  nftablesTable: string | undefined;
  dynamicInterfaces: boolean;
  allowIfChanges: boolean;
  defaultInterface: string | undefined;
  maxAutoPriority: number | undefined;
  notifyFifo: NotifyFifo;
  vrrpNotifyFifo: NotifyFifo;
  lvsNotifyFifo: NotifyFifo;
  startupScript: ScriptCommand | undefined;
  shutdownScript: ScriptCommand | undefined;
  status: StatusInterfaceDefs;
  /** Every other accepted global_defs keyword with its parameters, last occurrence wins. */
  other: Map<string, readonly string[]>;
}

export const VRRP_MCAST_GROUP4 = '224.0.0.18';
export const VRRP_MCAST_GROUP6 = 'ff02::12';

export function defaultGlobalDefs(): GlobalDefs {
  return {
    routerId: undefined,
    notificationEmails: [],
    notificationEmailFrom: undefined,
    smtpServer: undefined,
    smtpHeloName: undefined,
    smtpConnectTimeoutMs: 30_000,
    smtpAlert: undefined,
    smtpAlertVrrp: undefined,
    smtpAlertChecker: undefined,
    enableScriptSecurity: false,
    scriptUser: undefined,
    scriptUserFailed: false,
    vrrpVersion: 2,
    vrrpMcastGroup4: VRRP_MCAST_GROUP4,
    vrrpMcastGroup6: VRRP_MCAST_GROUP6,
    vrrpGarpMasterDelayMs: 5_000,
    vrrpGarpMasterRepeat: 5,
    vrrpGarpMasterRefreshMs: 0,
    vrrpGarpMasterRefreshRepeat: 1,
    vrrpGarpLowerPrioDelayMs: undefined,
    vrrpGarpLowerPrioRepeat: undefined,
    vrrpGarpIntervalMs: 0,
    vrrpGnaIntervalMs: 0,
    vrrpLowerPrioNoAdvert: false,
    vrrpHigherPrioSendAdvert: false,
    vrrpStrict: false,
    vrrpCheckUnicastSrc: false,
    vrrpSkipCheckAdvAddr: false,
    vrrpStartupDelayMs: 0,
    nftablesTable: undefined,
    dynamicInterfaces: false,
    allowIfChanges: false,
    defaultInterface: undefined,
    maxAutoPriority: undefined,
    notifyFifo: { name: undefined, script: undefined },
    vrrpNotifyFifo: { name: undefined, script: undefined },
    lvsNotifyFifo: { name: undefined, script: undefined },
    startupScript: undefined,
    shutdownScript: undefined,
    status: { socketPath: undefined, socketDisabled: false, socketOwner: undefined, socketGroup: undefined, socketMode: undefined, http: undefined },
    other: new Map(),
  };
}
