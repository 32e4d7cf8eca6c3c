/** Interfaces as the daemon sees them: state, MAC and addresses, and their changes (netlink). */
import type { IpFamily } from './vrrp-link.js';

export interface InterfaceAddress {
  readonly family: IpFamily;
  readonly address: string;
  readonly prefixLength: number;
}

export interface LinkState {
  readonly name: string;
  readonly ifindex: number;
  /** Administratively up and carrier present (IFF_UP and IFF_RUNNING), as keepalived judges a link. */
  readonly up: boolean;
  /** MAC as aa:bb:cc:dd:ee:ff ('' when the link has none). */
  readonly mac: string;
  readonly addresses: readonly InterfaceAddress[];
}

export type LinkEvent =
  | { readonly type: 'link'; readonly link: LinkState }
  | { readonly type: 'link-removed'; readonly name: string; readonly ifindex: number }
  | { readonly type: 'address-added' | 'address-removed'; readonly name: string; readonly ifindex: number; readonly address: InterfaceAddress };

export interface LinkMonitor {
  /** The current state of an interface, undefined when it does not exist. */
  link(name: string): LinkState | undefined;
  links(): readonly LinkState[];
  /** Calls `listener` for every change until the returned function is called. */
  subscribe(listener: (event: LinkEvent) => void): () => void;
}
