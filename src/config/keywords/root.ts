/** The top level of keepalived.conf: every subsystem's root keywords in one table. */
import { blockSpec, type BlockSpec } from '../tree/spec.js';
import type { KeepalivedConfig } from '../model/index.js';
import { globalKeywords } from './global.js';
import { vrrpKeywords } from './vrrp.js';
import { lvsKeywords } from './lvs.js';
import { bfdKeywords } from './bfd.js';

export const rootBlock: BlockSpec<KeepalivedConfig> = blockSpec({
  ...globalKeywords,
  ...vrrpKeywords,
  ...lvsKeywords,
  ...bfdKeywords,
});
