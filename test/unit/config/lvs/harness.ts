/** Runs a config text through the LVS/BFD keyword tree and the post-parse checks. */
import { Diagnostics, configTestExitCode, formatDiagnostic, type ExitCode } from '../../../../src/config/diagnostics.js';
import { emptyConfig, type KeepalivedConfig } from '../../../../src/config/model/index.js';
import { runTree } from '../../../../src/config/tree/run.js';
import { blockSpec } from '../../../../src/config/tree/spec.js';
import { lvsKeywords, validateLvs } from '../../../../src/config/keywords/lvs.js';
import { bfdKeywords, validateBfd } from '../../../../src/config/keywords/bfd.js';
import { naiveLines } from '../../../support/naive-lines.js';
import { stubHost, type StubHostOptions } from '../../../support/stub-host.js';

export interface Parsed {
  readonly config: KeepalivedConfig;
  /** Printed diagnostic lines, in order. */
  readonly lines: string[];
  readonly exitCode: ExitCode;
}

const root = blockSpec<KeepalivedConfig>({ ...lvsKeywords, ...bfdKeywords });

export function parse(text: string, host: StubHostOptions = {}, prepare?: (config: KeepalivedConfig) => void): Parsed {
  const diagnostics = new Diagnostics();
  const config = emptyConfig();
  prepare?.(config);
  const env = { diagnostics, host: stubHost(host), options: { configId: 'vm', allConfig: false, configTest: true } };
  if (runTree(naiveLines(text, 't.conf'), root, config, env)) {
    validateLvs(config, env);
    validateBfd(config, env);
  }
  return {
    config,
    lines: diagnostics.items.map(formatDiagnostic),
    exitCode: diagnostics.abortExitCode ?? configTestExitCode(diagnostics.status),
  };
}

/** A virtual server with everything set that keepalived would otherwise default (and report). */
export function vs(body: string, head = '10.1.1.1 80'): string {
  return `virtual_server ${head} {\n  protocol TCP\n  lb_algo rr\n  lb_kind NAT\n${body}\n}\n`;
}
