/** VRRP side of the model: instances, sync groups, tracked objects, static addresses/routes/rules. */
import type { RouteOrRule, VirtualAddress } from './vrrp/address.js';
import type { SyncGroup, VrrpInstance } from './vrrp/instance.js';
import type { GarpGroup, TrackFile, TrackProcess, VrrpScript } from './vrrp/tracking.js';

export interface VrrpConfig {
  instances: VrrpInstance[];
  syncGroups: SyncGroup[];
  scripts: VrrpScript[];
  trackFiles: TrackFile[];
  trackProcesses: TrackProcess[];
  garpGroups: GarpGroup[];
  staticAddresses: VirtualAddress[];
  staticRoutes: RouteOrRule[];
  staticRules: RouteOrRule[];
  linkbeatInterfaces: string[];
  /** Interfaces named anywhere that did not exist; keepalived then stops before its post-parse checks. */
  missingInterface: boolean;
}

export function emptyVrrpConfig(): VrrpConfig {
  return {
    instances: [],
    syncGroups: [],
    scripts: [],
    trackFiles: [],
    trackProcesses: [],
    garpGroups: [],
    staticAddresses: [],
    staticRoutes: [],
    staticRules: [],
    linkbeatInterfaces: [],
    missingInterface: false,
  };
}

export type * from './vrrp/address.js';
export type * from './vrrp/instance.js';
export type * from './vrrp/tracking.js';
