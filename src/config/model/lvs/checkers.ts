/** Health checkers of a real server: one interface per checker block, tagged by `type`. */
import type { SourcePosition } from '../../diagnostics.js';
import type { AddressFamily, LvsScript } from '../lvs.js';

/** Connection options shared by the network checkers (every checker but MISC, FILE and BFD). */
export interface CheckerConnection {
  connectIp?: { readonly family: AddressFamily; readonly address: string } | undefined;
  connectPort?: number | undefined;
  bindTo?: { readonly family: AddressFamily; readonly address: string } | undefined;
  bindInterface?: string | undefined;
  bindPort?: number | undefined;
  /** fwmark put on the checker's own packets. */
  fwmark?: number | undefined;
}

/** Timing options every checker but FILE and BFD has; unset values come from the real server. */
export interface CheckerTiming {
  alpha?: boolean | undefined;
  connectTimeoutMs?: number | undefined;
  retry?: number | undefined;
  delayBeforeRetryMs?: number | undefined;
  warmupMs?: number | undefined;
  delayLoopMs?: number | undefined;
  logAllFailures?: boolean | undefined;
}

interface CheckerBase {
  readonly position: SourcePosition;
}

export interface HttpUrl {
  path?: string | undefined;
  /** Lower-case hex MD5 digests (32 characters each). */
  readonly digests: string[];
  /** Inclusive ranges; empty means the default 200-299. */
  readonly statusCodes: { readonly from: number; readonly to: number }[];
  virtualhost?: string | undefined;
  regex?: string | undefined;
  regexNoMatch: boolean;
  readonly regexOptions: string[];
  regexMinOffset?: number | undefined;
  regexMaxOffset?: number | undefined;
  regexStack?: { readonly start: number; readonly max: number } | undefined;
  readonly position: SourcePosition;
}

export type HttpProtocolVersion = '1.0' | '1.0C' | '1.1';

export interface HttpChecker extends CheckerBase, CheckerConnection, CheckerTiming {
  readonly type: 'HTTP_GET' | 'SSL_GET';
  readonly urls: HttpUrl[];
  httpProtocol?: HttpProtocolVersion | undefined;
  virtualhost?: string | undefined;
  enableSni: boolean;
  fastRecovery: boolean;
}

export interface TcpChecker extends CheckerBase, CheckerConnection, CheckerTiming {
  readonly type: 'TCP_CHECK';
}

export interface SmtpChecker extends CheckerBase, CheckerConnection, CheckerTiming {
  readonly type: 'SMTP_CHECK';
  heloName?: string | undefined;
}

export type DnsQueryType = 'A' | 'NS' | 'CNAME' | 'SOA' | 'MX' | 'TXT' | 'AAAA' | 'RRSIG' | 'DNSKEY';

export interface DnsChecker extends CheckerBase, CheckerConnection, CheckerTiming {
  readonly type: 'DNS_CHECK';
  /** Default SOA. */
  queryType: DnsQueryType;
  /** Default '.'. */
  name: string;
}

export interface MiscChecker extends CheckerBase, CheckerTiming {
  readonly type: 'MISC_CHECK';
  script?: LvsScript | undefined;
  miscTimeoutMs?: number | undefined;
  dynamic: boolean;
  user?: string | undefined;
  group?: string | undefined;
}

export interface UdpChecker extends CheckerBase, CheckerConnection, CheckerTiming {
  readonly type: 'UDP_CHECK';
  /** Bytes to send; random when absent. */
  payload?: readonly number[] | undefined;
  requireReply: boolean;
  /** Reply pattern: byte values, nibbles written X/x are wildcards (kept in `replyMask`). */
  reply?: readonly number[] | undefined;
  replyMask?: readonly number[] | undefined;
  /** Default 0. */
  minReplyLength: number;
  /** Default 255. */
  maxReplyLength: number;
}

export interface PingChecker extends CheckerBase, CheckerConnection, CheckerTiming {
  readonly type: 'PING_CHECK';
}

export interface FileChecker extends CheckerBase {
  readonly type: 'FILE_CHECK';
  trackFile?: string | undefined;
  dynamic: boolean;
  weight?: number | undefined;
  reverse: boolean;
}

export interface BfdChecker extends CheckerBase {
  readonly type: 'BFD_CHECK';
  name?: string | undefined;
}

export type Checker =
  | HttpChecker
  | TcpChecker
  | SmtpChecker
  | DnsChecker
  | MiscChecker
  | UdpChecker
  | PingChecker
  | FileChecker
  | BfdChecker;

export type CheckerType = Checker['type'];
