/** Top-level keywords of the bfd section of keepalived.conf and their handlers. */
import { sub, type KeywordSpec } from '../tree/spec.js';
import type { KeepalivedConfig } from '../model/index.js';
import type { TreeEnvironment } from '../tree/run.js';
import { bfdInstanceBlock, openBfdInstance } from './bfd/instance.js';

export const bfdKeywords: Record<string, KeywordSpec<KeepalivedConfig>> = {
  bfd_instance: sub(openBfdInstance, bfdInstanceBlock),
};

/** Checks made after the whole file is read (keepalived's post-parse validation). */
export function validateBfd(_config: KeepalivedConfig, _env: TreeEnvironment): void {}
