/** The real-host ConfigHost, imported only by the modes that read a config. */
import type { ConfigHost } from '../ports/config-host.js';

export async function loadRealConfigHost(): Promise<ConfigHost> {
  const { RealConfigHost } = await import('../io/config-host.js');
  return new RealConfigHost();
}
