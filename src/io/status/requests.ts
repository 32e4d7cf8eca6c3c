/**
 * The status socket's request language: one line in, one line out.
 *
 *   HEALTH            MASTER | BACKUP | FAULT (the daemon as a whole)
 *   HEALTH <instance> MASTER | BACKUP | FAULT for one vrrp_instance
 *   LIVE              LIVE | DOWN   (the daemon and every subsystem up)
 *   READY [instance]  READY | NOT_READY   (live and Master)
 *   STATUS            the status document (versioned JSON) on one line
 *   anything else     ERROR <why>
 *
 * Commands are case-insensitive; instance names are not.
 */
import type { StatusView } from '../../actors/aggregator/aggregator.js';

/** The answer to one request line (without its newline). */
export function answerRequest(line: string, view: StatusView): string {
  const words = line.trim().split(/\s+/).filter((w) => w !== '');
  const command = words[0]?.toUpperCase();
  const arg = words[1];
  if (command === undefined) return 'ERROR empty request';
  if (words.length > 2) return `ERROR too many arguments for ${command}`;
  switch (command) {
    case 'HEALTH':
      if (arg === undefined) return view.document().health;
      return view.instanceHealth(arg) ?? `ERROR unknown instance ${printable(arg)}`;
    case 'LIVE':
      if (arg !== undefined) return 'ERROR LIVE takes no argument';
      return view.document().live ? 'LIVE' : 'DOWN';
    case 'READY': {
      const doc = view.document();
      if (arg === undefined) return doc.ready ? 'READY' : 'NOT_READY';
      const health = view.instanceHealth(arg);
      if (health === undefined) return `ERROR unknown instance ${printable(arg)}`;
      return doc.live && health === 'MASTER' ? 'READY' : 'NOT_READY';
    }
    case 'STATUS':
      if (arg !== undefined) return 'ERROR STATUS takes no argument';
      return view.json();
    default:
      return `ERROR unknown request ${printable(words[0] as string)} (try HEALTH, HEALTH <instance>, LIVE, READY, STATUS)`;
  }
}

/** Echoed client text is cut short and stripped of control characters (it may reach a terminal). */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\x00-\x1f\x7f]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}
