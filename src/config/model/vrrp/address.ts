/** Addresses, routes and rules keepalived adds (virtual_* in an instance, static_* globally). */
import type { SourcePosition } from '../../diagnostics.js';
import type { IpAddress } from '../../values/ip.js';

export interface VirtualAddress {
  readonly address: IpAddress;
  readonly prefixLength: number;
  dev: string | undefined;
  broadcast: string | undefined;
  scope: string | undefined;
  label: string | undefined;
  peer: IpAddress | undefined;
  preferredLft: number | undefined;
  noPrefixRoute: boolean;
  home: boolean;
  noDad: boolean;
  /** Track the interface's state (`no_track` clears it). */
  track: boolean;
  readonly position: SourcePosition;
}

/** A route or rule line kept as written; only what keepalived checks at parse time is interpreted. */
export interface RouteOrRule {
  readonly words: readonly string[];
  readonly position: SourcePosition;
}
