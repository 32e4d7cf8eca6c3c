/** rtnetlink adapters of the AddressManager, LinkMonitor and RoutingMonitor ports. */
export { createNetlinkAddressManager } from './address-manager.js';
export type { NetlinkAddressManager, NetlinkAddressManagerOptions } from './address-manager.js';
export { createNetlinkLinkMonitor } from './link-monitor.js';
export type { NetlinkLinkMonitor, NetlinkLinkMonitorOptions } from './link-monitor.js';
export type { NetlinkTransport } from './transport.js';
export { createNetlinkRoutingMonitor } from './routing-monitor.js';
export type { NetlinkRoutingMonitor, NetlinkRoutingMonitorOptions } from './routing-monitor.js';
