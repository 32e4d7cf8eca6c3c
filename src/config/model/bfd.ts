/** BFD side of the model: bfd_instance blocks (RFC 5880 sessions). Intervals in milliseconds. */
import type { SourcePosition } from '../diagnostics.js';
import type { AddressFamily } from './lvs.js';

export interface BfdInstance {
  readonly name: string;
  neighbor?: { readonly family: AddressFamily; readonly address: string } | undefined;
  source?: { readonly family: AddressFamily; readonly address: string } | undefined;
  /** Required minimum receive interval; default 10 ms, microsecond resolution. */
  minRxMs: number;
  /** Desired minimum transmit interval; default 10 ms. */
  minTxMs: number;
  /** Desired idle transmit interval; default 1000 ms. */
  idleTxMs: number;
  /** Missed packets before the session is down; default 5. */
  multiplier: number;
  passive: boolean;
  /** Outgoing TTL (IPv4, default 255) or hop limit (IPv6, default 64); undefined: by family. */
  ttl?: number | undefined;
  /** Maximum TTL reduction accepted; default 0, 255 disables the check, -1 as keepalived allows. */
  maxHops: number;
  /** Tracking weight [-253, 253]; default 0. */
  weight: number;
  reverse: boolean;
  /** Where events go; both when neither keyword is given. */
  notifyVrrp: boolean;
  notifyChecker: boolean;
  readonly position: SourcePosition;
}

export interface BfdConfig {
  readonly instances: BfdInstance[];
}

export const BFD_DEFAULTS = {
  minRxMs: 10,
  minTxMs: 10,
  idleTxMs: 1000,
  multiplier: 5,
  ttlIpv4: 255,
  hopLimitIpv6: 64,
  maxHops: 0,
} as const;

export function emptyBfdConfig(): BfdConfig {
  return { instances: [] };
}
