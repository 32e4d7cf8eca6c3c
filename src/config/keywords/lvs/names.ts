/** How keepalived names virtual and real servers in its messages: `[10.0.0.1]:tcp:80`, `FWM 1`. */
import type { LvsProtocol, RealServer, VirtualServer } from '../../model/lvs.js';

function protocolName(protocol: LvsProtocol | undefined): string {
  return protocol ? protocol.toLowerCase() : 'none';
}

export function virtualServerName(vs: VirtualServer): string {
  const a = vs.address;
  if (a.kind === 'fwmark') return `FWM ${a.mark}`;
  if (a.kind === 'group') return `[${a.name}]:0`;
  return `[${a.address}]:${protocolName(vs.protocol)}:${a.port}`;
}

/** keepalived names a duplicate script by the virtual server's group, `(null)` when there is none. */
export function groupName(s: { readonly vs: VirtualServer }): string {
  return s.vs.address.kind === 'group' ? s.vs.address.name : '(null)';
}

export function realServerName(vs: VirtualServer, rs: RealServer): string {
  return `[${rs.address}]:${protocolName(vs.protocol)}:${rs.port}`;
}
