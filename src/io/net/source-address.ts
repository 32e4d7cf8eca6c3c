/**
 * The address adverts carry as their source when the configuration names none, as keepalived
 * picks it: an IPv4 instance uses the interface's first IPv4 address, an IPv6 instance its
 * link-local address (RFC 5798 §5.1.2.1). An interface often gets its address after the daemon
 * starts, so "none yet" is an ordinary, returned answer the caller retries on.
 */
import { networkInterfaces } from 'node:os';
import { isIpv6LinkLocal } from '../../protocol/address.js';
import type { IpFamily } from '../../ports/vrrp-link.js';
import { canonicalAddress } from './demux.js';
import type { Failure } from './socket-pool.js';

export interface HostAddress {
  readonly family: IpFamily;
  readonly address: string;
}

/** The addresses on an interface now, in kernel order; empty when it has none or does not exist. */
export type InterfaceAddresses = (interfaceName: string) => readonly HostAddress[];

/** getifaddrs(3) in the process's own network namespace, read afresh on every call. */
export const systemInterfaceAddresses: InterfaceAddresses = (interfaceName) =>
  (networkInterfaces()[interfaceName] ?? []).map((info) => ({
    family: info.family === 'IPv6' ? 'ipv6' : 'ipv4',
    address: info.address,
  }));

/** The configured source (canonical form), or the interface's default one, or why there is none. */
export function resolveSourceAddress(
  family: IpFamily, interfaceName: string, configured: string | undefined, addressesOf: InterfaceAddresses,
): string | Failure {
  if (configured !== undefined) {
    const canonical = canonicalAddress(configured);
    const right = canonical !== undefined && canonical.includes(':') === (family === 'ipv6');
    return right ? canonical : { error: `source address ${configured} is not an ${family} address` };
  }
  const candidates = addressesOf(interfaceName).filter((a) => a.family === family);
  const chosen = family === 'ipv4' ? candidates[0] : candidates.find((a) => isIpv6LinkLocal(a.address));
  if (chosen === undefined) {
    const wanted = family === 'ipv4' ? 'IPv4 address' : 'IPv6 link-local address';
    return { error: `${interfaceName} has no ${wanted} (yet)` };
  }
  return canonicalAddress(chosen.address) ?? { error: `${interfaceName}: unreadable address ${chosen.address}` };
}
