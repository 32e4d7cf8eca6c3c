/** Top-level keywords of the lvs section of keepalived.conf and their handlers. */
import { values, type KeywordSpec } from '../tree/spec.js';
import type { KeepalivedConfig } from '../model/index.js';
import type { TreeEnvironment } from '../tree/run.js';
import { readVirtualServerGroup } from './lvs/vsg.js';
import { virtualServerKeyword } from './lvs/virtual-server.js';
import { sslKeyword } from './lvs/ssl.js';
import { validateLvsConfig } from './lvs/validate.js';

export const lvsKeywords: Record<string, KeywordSpec<KeepalivedConfig>> = {
  virtual_server_group: values(readVirtualServerGroup),
  virtual_server: virtualServerKeyword,
  SSL: sslKeyword,
};

/** Checks made after the whole file is read (keepalived's post-parse validation). */
export function validateLvs(config: KeepalivedConfig, env: TreeEnvironment): void {
  validateLvsConfig(config, env);
}
