/** `lvs_method NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]` for any server kind. */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { LvsMethod, TunnelChecksum, TunnelType } from '../../model/lvs.js';
import type { LineContext } from '../../tree/spec.js';
import { parsePort } from '../../lvs-values/addresses.js';

export type ServerKind = 'virtual' | 'real' | 'sorry';

const CHECKSUMS: readonly string[] = ['nocsum', 'csum', 'remcsum'];

/** Reads the method from word 1 on; undefined (after reporting) when it is not valid. */
export function readLvsMethod(ctx: LineContext, kind: ServerKind): LvsMethod | undefined {
  const words = ctx.words;
  const err = (message: string): undefined => {
    ctx.report(ConfigErrorClass.GeneralError, message);
    return undefined;
  };
  const name = ctx.requireWord(1);
  if (name === 'NAT' || name === 'DR') return { method: name };
  if (name !== 'TUN') return err(`PARSER : unknown [${name}] routing method for ${kind} server.`);

  let tunnelType: TunnelType | undefined;
  let tunnelPort: number | undefined;
  let tunnelChecksum: TunnelChecksum | undefined;
  for (let i = 2; i < words.length; i++) {
    const word = words[i] as string;
    if (word === 'type') {
      const type = words[++i];
      if (type === undefined) return err(`Missing tunnel type for ${kind} server.`);
      if (type !== 'ipip' && type !== 'gue' && type !== 'gre') return err(`Unknown tunnel type ${type} for ${kind} server.`);
      tunnelType = type;
    } else if (word === 'port') {
      const portWord = words[++i];
      if (portWord === undefined) return err(`Missing port for ${kind} server gue tunnel.`);
      const port = parsePort(portWord);
      if (port === undefined || port === 0) return err(`Invalid gue tunnel port ${portWord} for ${kind} server.`);
      tunnelPort = port;
    } else if (CHECKSUMS.includes(word)) {
      tunnelChecksum = word as TunnelChecksum;
    } else {
      return err(`Invalid tunnel option ${word} for ${kind} server.`);
    }
  }
  if ((tunnelType === 'gue') !== (tunnelPort !== undefined)) return err('gue tunnels require port, otherwise cannot have port.');
  if ((tunnelType ?? 'ipip') === 'ipip' && tunnelChecksum !== undefined) return err('ipip tunnels do not support checksum option.');
  if (tunnelType === 'gre' && tunnelChecksum === 'remcsum') return err('gre tunnels do not support remote checksum option.');
  return { method: 'TUN', tunnelType: tunnelType ?? 'ipip', tunnelPort, tunnelChecksum };
}
