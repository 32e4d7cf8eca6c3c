/**
 * Installs the daemon's signal handlers (the names of src/cli/signals.ts plus SIGINT, which
 * keepalived treats as STOP) and removes them again. `ignore` installs no-op handlers so that a
 * signal meant for the parent does not kill a child by its default action.
 */
import { SIGNAL_FUNCTIONS, type SignalFunction } from '../../cli/signals.js';

export function installSignalHandlers(handle: (fn: SignalFunction) => void): () => void {
  const installed: [NodeJS.Signals, () => void][] = [];
  for (const [name, { signal }] of Object.entries(SIGNAL_FUNCTIONS) as [SignalFunction, { signal: NodeJS.Signals }][]) {
    installed.push([signal, () => handle(name)]);
  }
  installed.push(['SIGINT', () => handle('STOP')]);
  for (const [signal, listener] of installed) process.on(signal, listener);
  return () => {
    for (const [signal, listener] of installed) process.removeListener(signal, listener);
  };
}
