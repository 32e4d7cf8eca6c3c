/** Top-level keywords of the lvs section of keepalived.conf and their handlers. */
import type { KeywordSpec } from '../tree/spec.js';
import type { KeepalivedConfig } from '../model/index.js';
import type { TreeEnvironment } from '../tree/run.js';

export const lvsKeywords: Record<string, KeywordSpec<KeepalivedConfig>> = {};

/** Checks made after the whole file is read (keepalived's post-parse validation). */
export function validateLvs(_config: KeepalivedConfig, _env: TreeEnvironment): void {}
