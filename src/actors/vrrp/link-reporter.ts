import type { LinkMonitor } from '../../ports/links.js';
import type { Logger } from '../../ports/logger.js';

/**
 * keepalived's VRRP process logs an interface its configuration uses going down or up ("Netlink
 * reports eth0 down", carrier included) before the transitions that follow from it; operators read
 * the two together. Subscribed before any instance, so the line comes first. Returns the unsubscribe.
 */
export function reportLinkChanges(monitor: LinkMonitor, log: Logger, inUse: (name: string) => boolean): () => void {
  const up = new Map(monitor.links().map((link) => [link.name, link.up]));
  return monitor.subscribe((event) => {
    if (event.type === 'link-removed') up.delete(event.name);
    if (event.type !== 'link') return;
    const { name } = event.link;
    const was = up.get(name);
    up.set(name, event.link.up);
    if (was !== undefined && was !== event.link.up && inUse(name)) log.info(`Netlink reports ${name} ${event.link.up ? 'up' : 'down'}`);
  });
}
