/**
 * Routing of received VRRP datagrams to instances: one receive socket serves every instance on
 * an (interface, family), so each datagram goes to the instances of its VRID whose expected
 * destination (the multicast group, or their own unicast address) it was sent to. Pure: no I/O.
 */
import { AH_HEADER_LEN, IPPROTO_AH, IPPROTO_VRRP, IPV4_HEADER_LEN } from '../../protocol/index.js';
import { formatIP, parseIP } from '../../protocol/index.js';
import type { IpFamily } from '../../ports/vrrp-link.js';

/**
 * The VRID a datagram carries, or undefined when it is too short to tell (or not VRRP/AH).
 * IPv4: the whole datagram, the VRRP header after the IP header (and after keepalived's 24-byte
 * AH header for protocol 51). IPv6: the payload, which starts with the VRRP header.
 */
export function vridOf(family: IpFamily, data: Uint8Array): number | undefined {
  if (family === 'ipv6') return data[1];
  if (data.length < IPV4_HEADER_LEN) return undefined;
  const headerLength = (data[0]! & 0x0f) * 4;
  const protocol = data[9];
  if (protocol === IPPROTO_VRRP) return data[headerLength + 1];
  if (protocol === IPPROTO_AH) return data[headerLength + AH_HEADER_LEN + 1];
  return undefined;
}

/** An address in the form the kernel reports it (inet_ntop), so text comparison is exact. */
export function canonicalAddress(text: string): string | undefined {
  const bytes = parseIP(text);
  return bytes === null ? undefined : formatIP(bytes);
}

/** Listeners by (VRID, destination); several may share a key (then all get the datagram). */
export class AdvertDemux<L> {
  private readonly byKey = new Map<string, Set<L>>();

  /** Registers `listener`; `destination` must be canonical (canonicalAddress). Returns the undo. */
  add(vrid: number, destination: string, listener: L): () => void {
    const key = demuxKey(vrid, destination);
    let set = this.byKey.get(key);
    if (set === undefined) {
      set = new Set();
      this.byKey.set(key, set);
    }
    set.add(listener);
    return () => {
      const current = this.byKey.get(key);
      if (current === undefined) return;
      current.delete(listener);
      if (current.size === 0) this.byKey.delete(key);
    };
  }

  /** The listeners for a datagram of `vrid` sent to `destination` (as the kernel reported it). */
  lookup(vrid: number, destination: string): ReadonlySet<L> | undefined {
    return this.byKey.get(demuxKey(vrid, destination));
  }

  get size(): number {
    return this.byKey.size;
  }
}

function demuxKey(vrid: number, destination: string): string {
  return `${vrid}|${destination}`;
}
