/** `virtual_server_group NAME { addresses, ranges, fwmarks }`: a data-line block. */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { KeepalivedConfig } from '../../model/index.js';
import type { AddressFamily, VirtualServerGroup, VsgAddressRange } from '../../model/lvs.js';
import type { LineContext, ValueLine } from '../../tree/spec.js';
import { bytesToAddress, parseAddress, parsePort } from '../../lvs-values/addresses.js';
import { readInteger, UINT32_MAX } from '../../lvs-values/numbers.js';

/**
 * `A.B.C.D-E`, `A.B.C.D-E.F.G.H`, `A.B.C.D/nn` (and IPv6 forms, whose short form replaces the
 * last group). Undefined when the text is not a valid range.
 */
export function parseRange(text: string): Omit<VsgAddressRange, 'port'> | undefined {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const base = parseAddress(text.slice(0, slash));
    const prefixWord = text.slice(slash + 1);
    if (!base || !/^\d+$/.test(prefixWord)) return undefined;
    const bits = base.bytes.length * 8;
    const prefix = Number(prefixWord);
    if (prefix > bits) return undefined;
    const first = base.bytes.map((b, i) => b & maskByte(prefix, i));
    const last = base.bytes.map((b, i) => (b & maskByte(prefix, i)) | (~maskByte(prefix, i) & 0xff));
    return { family: base.family, first: bytesToAddress(base.family, first), last: bytesToAddress(base.family, last) };
  }
  const dash = text.lastIndexOf('-');
  if (dash < 0) {
    const single = parseAddress(text);
    return single && { family: single.family, first: single.address, last: single.address };
  }
  const start = parseAddress(text.slice(0, dash));
  const endText = text.slice(dash + 1);
  if (!start) return undefined;
  const full = parseAddress(endText);
  if (full) {
    if (full.family !== start.family || compare(full.bytes, start.bytes) < 0) return undefined;
    return { family: start.family, first: start.address, last: full.address };
  }
  const last = [...start.bytes];
  if (start.family === 'inet') {
    if (!/^\d{1,3}$/.test(endText) || Number(endText) > 255) return undefined;
    last[3] = Number(endText);
  } else {
    if (!/^[0-9a-fA-F]{1,4}$/.test(endText)) return undefined;
    const group = parseInt(endText, 16);
    last[14] = group >> 8;
    last[15] = group & 0xff;
  }
  if (compare(last, start.bytes) < 0) return undefined;
  return { family: start.family, first: start.address, last: bytesToAddress(start.family, last) };
}

function maskByte(prefix: number, index: number): number {
  const bits = Math.max(0, Math.min(8, prefix - index * 8));
  return (0xff << (8 - bits)) & 0xff;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

function fwmarkEntry(group: VirtualServerGroup, v: ValueLine): void {
  const word = v.words[1];
  if (word === undefined) return;
  const mark = readInteger(word, 0, UINT32_MAX, v.report);
  if (mark === undefined) {
    v.report(ConfigErrorClass.GeneralError, `(${group.name}): fwmark '${word}' must be in [0, ${UINT32_MAX}] - ignoring`);
    return;
  }
  const familyWord = v.words[2];
  let family: AddressFamily | undefined;
  if (familyWord === 'inet' || familyWord === 'inet6') family = familyWord;
  else if (familyWord !== undefined) {
    v.report(ConfigErrorClass.GeneralError, `(${group.name}): fwmark '${mark}' family ${familyWord} unknown - ignoring`);
    return;
  }
  group.fwmarks.push({ mark, family });
}

function addressEntry(group: VirtualServerGroup, v: ValueLine): void {
  const text = v.words[0] as string;
  const portWord = v.words[1];
  const range = parseRange(text);
  const port = portWord === undefined ? 0 : parsePort(portWord);
  if (!range || port === undefined) {
    v.report(ConfigErrorClass.GeneralError, `Invalid virtual server group IP address ${text}${portWord === undefined ? '' : ` /port/${portWord}`} - skipping`);
    return;
  }
  group.ranges.push({ ...range, port });
}

export function readVirtualServerGroup(ctx: LineContext, config: KeepalivedConfig, lines: readonly ValueLine[], closingLine: ValueLine): void {
  const name = ctx.requireWord(1);
  const group: VirtualServerGroup = { name, ranges: [], fwmarks: [], position: ctx.line.position };
  for (const v of lines) {
    if (v.words[0] === 'fwmark') fwmarkEntry(group, v);
    else addressEntry(group, v);
  }
  // keepalived judges the group at its closing line.
  const closing = closingLine.line.position;
  const hasV4 = group.ranges.some((r) => r.family === 'inet');
  const hasV6 = group.ranges.some((r) => r.family === 'inet6');
  if (group.ranges.length === 0 && group.fwmarks.length === 0) {
    ctx.diagnostics.report(ConfigErrorClass.GeneralError, `virtual server group ${name} has no entries - removing`, closing);
    return;
  }
  if (hasV4 && hasV6 && group.fwmarks.some((f) => f.family === undefined)) {
    ctx.diagnostics.report(ConfigErrorClass.GeneralError, `virtual server group ${name} cannot have IPv4, IPv6 and fwmark without family - removing`, closing);
    return;
  }
  config.lvs.groups.push(group);
}
