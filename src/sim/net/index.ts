/** In-memory network ports for tests and the simulator. */
export { VirtualNetwork, VirtualNode } from './virtual-network.js';
export type { InFlight, LinkPolicy, SentAdvert, SentFrame } from './virtual-network.js';
export { MemoryLinkMonitor } from './link-table.js';
export type { InterfaceInit, SimInterface } from './link-table.js';
export { MemoryAddressManager } from './address-table.js';
export type { AddressOp } from './address-table.js';
