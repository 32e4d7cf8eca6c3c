/**
 * LVS side of the model: virtual_server_group, virtual_server, real_server, checkers, SSL.
 * Times are kept in milliseconds. Optional settings stay `undefined` when the config leaves them
 * out, because keepalived lets a real server inherit from its virtual server and a checker from
 * its real server; {@link ./lvs/defaults.ts} resolves the effective values.
 */
import type { SourcePosition } from '../diagnostics.js';
import type { Checker } from './lvs/checkers.js';

export type * from './lvs/checkers.js';

export type AddressFamily = 'inet' | 'inet6';
export type LvsProtocol = 'TCP' | 'UDP' | 'SCTP';
export type ForwardingMethod = 'NAT' | 'DR' | 'TUN';
export type TunnelType = 'ipip' | 'gue' | 'gre';
export type TunnelChecksum = 'nocsum' | 'csum' | 'remcsum';

/** `lvs_method` with its tunnel options (`TUN type gue port 6080 csum`). */
export interface LvsMethod {
  readonly method: ForwardingMethod;
  readonly tunnelType?: TunnelType | undefined;
  /** Only for gue tunnels, where it is required. */
  readonly tunnelPort?: number | undefined;
  readonly tunnelChecksum?: TunnelChecksum | undefined;
}

/** A script line (notify_up, quorum_up, misc_path…): the command words and who runs it. */
export interface LvsScript {
  /** The command line as written (first word the program). */
  readonly words: readonly string[];
  readonly user?: string | undefined;
  readonly group?: string | undefined;
  readonly position: SourcePosition;
}

/** One address range line of a virtual_server_group: `10.0.0.1-10 80`, `10.0.0.0/29 80`. */
export interface VsgAddressRange {
  readonly family: AddressFamily;
  /** First and last address of the range, both as written in canonical form. */
  readonly first: string;
  readonly last: string;
  /** 0 when omitted (only valid for persistent services). */
  readonly port: number;
}

export interface VsgFwmark {
  readonly mark: number;
  readonly family?: AddressFamily | undefined;
}

export interface VirtualServerGroup {
  readonly name: string;
  readonly ranges: VsgAddressRange[];
  readonly fwmarks: VsgFwmark[];
  readonly position: SourcePosition;
}

/** What a virtual_server line names. */
export type VirtualServerAddress =
  | { readonly kind: 'address'; readonly family: AddressFamily; readonly address: string; readonly port: number }
  | { readonly kind: 'fwmark'; readonly mark: number }
  | { readonly kind: 'group'; readonly name: string };

/** Settings a virtual server passes down to real servers and a real server to its checkers. */
export interface InheritedTiming {
  delayLoopMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
  retry?: number | undefined;
  delayBeforeRetryMs?: number | undefined;
  warmupMs?: number | undefined;
  /** On a real server `alpha <BOOL>`; on a virtual server `alpha` (no value). */
  alpha?: boolean | undefined;
  inhibitOnFailure?: boolean | undefined;
  smtpAlert?: boolean | undefined;
  virtualhost?: string | undefined;
}

export interface SorryServer {
  family: AddressFamily;
  address: string;
  /** 0 when omitted. */
  port: number;
  inhibit: boolean;
  method?: LvsMethod | undefined;
  readonly position: SourcePosition;
}

export interface RealServer extends InheritedTiming {
  readonly family: AddressFamily;
  readonly address: string;
  /** 0 when omitted (fwmark services). */
  port: number;
  /** Default 1. */
  weight: number;
  method?: LvsMethod | undefined;
  notifyUp?: LvsScript | undefined;
  notifyDown?: LvsScript | undefined;
  upperThreshold?: number | undefined;
  lowerThreshold?: number | undefined;
  snmpName?: string | undefined;
  checkers: readonly Checker[];
  readonly position: SourcePosition;
}

export interface VirtualServer extends InheritedTiming {
  readonly address: VirtualServerAddress;
  /** Resolved from the servers when not given with ip_family. */
  family?: AddressFamily | undefined;
  /** `lvs_sched`; defaulted to 'wlc' by validation. */
  scheduler?: string | undefined;
  /** flag-1…3, sh-port, sh-fallback, mh-port, mh-fallback, hashed. */
  schedulerFlags: readonly string[];
  /** One-packet scheduling (UDP only). */
  ops: boolean;
  /** Defaulted to NAT by validation. */
  method?: LvsMethod | undefined;
  persistenceEngine?: string | undefined;
  persistenceTimeoutS?: number | undefined;
  /** IPv4 netmask as written, or IPv6 prefix length. */
  persistenceGranularity?: string | number | undefined;
  /** Defaulted to UDP by validation (keepalived's choice, not TCP). */
  protocol?: LvsProtocol | undefined;
  haSuspend: boolean;
  snmpName?: string | undefined;
  omega: boolean;
  /** Default 1. */
  quorum: number;
  /** Default 0. */
  hysteresis: number;
  quorumUp?: LvsScript | undefined;
  quorumDown?: LvsScript | undefined;
  sorryServer?: SorryServer | undefined;
  realServers: readonly RealServer[];
  readonly position: SourcePosition;
}

/** The `SSL { }` block used by SSL_GET checkers. */
export interface SslContext {
  password?: string | undefined;
  caFile?: string | undefined;
  certificateFile?: string | undefined;
  keyFile?: string | undefined;
}

export interface LvsConfig {
  readonly groups: VirtualServerGroup[];
  readonly virtualServers: VirtualServer[];
  ssl?: SslContext | undefined;
}

export function emptyLvsConfig(): LvsConfig {
  return { groups: [], virtualServers: [] };
}
