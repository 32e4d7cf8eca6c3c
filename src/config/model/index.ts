/** The typed model of a whole keepalived.conf, one section per subsystem. */
import { defaultGlobalDefs, type GlobalDefs } from './global.js';
import { emptyVrrpConfig, type VrrpConfig } from './vrrp.js';
import { emptyLvsConfig, type LvsConfig } from './lvs.js';
import { emptyBfdConfig, type BfdConfig } from './bfd.js';

export interface KeepalivedConfig {
  global: GlobalDefs;
  vrrp: VrrpConfig;
  lvs: LvsConfig;
  bfd: BfdConfig;
}

export function emptyConfig(): KeepalivedConfig {
  return { global: defaultGlobalDefs(), vrrp: emptyVrrpConfig(), lvs: emptyLvsConfig(), bfd: emptyBfdConfig() };
}

export type { GlobalDefs, VrrpConfig, LvsConfig, BfdConfig };
