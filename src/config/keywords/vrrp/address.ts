/** One line of virtual_ipaddress / virtual_ipaddress_excluded / static_ipaddress. */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { ConfigHost } from '../../../ports/config-host.js';
import type { VirtualAddress } from '../../model/vrrp.js';
import type { ValueLine } from '../../tree/spec.js';
import { parseIpAddress, maxPrefixLength } from '../../values/ip.js';
import { readUnsigned, UINT_MAX } from '../../values/number.js';

const E = ConfigErrorClass.GeneralError;
const SCOPES = new Set(['global', 'site', 'link', 'host', 'nowhere']);

/**
 * Parses a VIP line; undefined when keepalived skips it. Reports a missing `dev` interface via
 * `onMissingInterface`. `isStatic` for static_ipaddress, the one place `track_group` is a keyword
 * (keepalived 2.2.7 never finds the group there: see LineContext in values/route.ts).
 */
export function parseVirtualAddress(
  line: ValueLine,
  host: ConfigHost,
  onMissingInterface: () => void,
  isStatic = false,
): VirtualAddress | undefined {
  const w = line.words;
  const first = w[0] as string;
  const slash = first.indexOf('/');
  const addrText = slash < 0 ? first : first.slice(0, slash);
  const address = parseIpAddress(addrText);
  if (!address) {
    line.report(E, `VRRP parsed invalid IP ${first}. skipping IP...`);
    return undefined;
  }
  const max = maxPrefixLength(address.family);
  let prefixLength = max;
  if (slash >= 0 && slash < first.length - 1) {
    const p = first.slice(slash + 1);
    const v = readUnsigned(p, 0, max, line.report);
    if (v === undefined) line.report(E, `Invalid address prefix len ${p} for address ${first} - using ${max}`);
    else prefixLength = v;
  }
  const vip: VirtualAddress = {
    address,
    prefixLength,
    dev: undefined,
    broadcast: undefined,
    scope: undefined,
    label: undefined,
    peer: undefined,
    preferredLft: undefined,
    noPrefixRoute: false,
    home: false,
    noDad: false,
    track: true,
    position: line.line.position,
  };
  for (let i = 1; i < w.length; i++) {
    const key = w[i] as string;
    const next = w[i + 1];
    switch (key) {
      case 'dev':
        if (next === undefined) {
          line.report(E, `No dev parameter specified for ${first}`);
          break;
        }
        i++;
        vip.dev = next;
        if (!host.interfaceExists(next)) {
          line.report(E, `WARNING - interface ${next} for ip address ${first} doesn't exist`);
          onMissingInterface();
        }
        break;
      case 'scope':
        if (next === undefined) break;
        i++;
        if (SCOPES.has(next) || /^[0-9]+$/.test(next)) vip.scope = next;
        else line.report(E, `Invalid scope '${next}' specified for ${first} - ignoring`);
        break;
      case 'brd':
      case 'broadcast':
        if (next === undefined) break;
        i++;
        if (address.family === 4 && prefixLength > 30 && (next === '+' || next === '-'))
          line.report(E, `Address prefix length ${prefixLength} too long for broadcast`);
        else vip.broadcast = next;
        break;
      case 'label':
        if (next === undefined) {
          line.report(E, `No label parameter specified for ${first}`);
          break;
        }
        i++;
        vip.label = next;
        break;
      case 'peer': {
        if (next === undefined) break;
        i++;
        const peer = parseIpAddress(next);
        if (!peer) {
          line.report(E, `VRRP parsed invalid IP ${next}. skipping IP...`);
          line.report(E, `Invalid peer address ${next}`);
        } else vip.peer = peer;
        break;
      }
      case 'preferred_lft':
        if (next === undefined) break;
        i++;
        if (next !== 'forever') vip.preferredLft = readUnsigned(next, 0, UINT_MAX, line.report);
        break;
      case 'home':
        vip.home = true;
        break;
      case 'noprefixroute':
        vip.noPrefixRoute = true;
        break;
      case 'no_track':
        vip.track = false;
        break;
      case 'track':
        vip.track = true;
        break;
      case 'autojoin':
        break;
      case 'track_group':
        if (!isStatic) {
          // Unknown in an instance, like any other word (its group name is then one too).
          line.report(E, `Unknown configuration entry '${key}' for ip address - ignoring`);
          break;
        }
        if (next === undefined) break;
        i++;
        line.report(E, `track_group ${next} not found`);
        break;
      case '-nodad':
      case 'nodad':
        if (address.family === 6) {
          vip.noDad = true;
          break;
        }
        line.report(E, `Unknown configuration entry '${key}' for ip address - ignoring`);
        break;
      case 'mngtmpaddr':
        if (address.family === 6) break;
        line.report(E, `Unknown configuration entry '${key}' for ip address - ignoring`);
        break;
      default:
        line.report(E, `Unknown configuration entry '${key}' for ip address - ignoring`);
    }
  }
  return vip;
}
