/**
 * Which children the parent runs, as keepalived decides: a subsystem runs when the command line
 * allows it (`-P`, `-C`, `-B`) and the config has something for it, or with `--all` regardless.
 * Only VRRP is in this version; the others get one clear log line instead of a child.
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { CliOptions } from '../options.js';

export interface SubsystemPlan {
  readonly vrrp: boolean;
  /** Log lines for wanted subsystems this version cannot run. */
  readonly unavailable: readonly string[];
}

export function hasVrrpConfig(config: KeepalivedConfig): boolean {
  const v = config.vrrp;
  return v.instances.length > 0 || v.staticAddresses.length > 0 || v.staticRoutes.length > 0 || v.staticRules.length > 0;
}

export function planSubsystems(options: Pick<CliOptions, 'runVrrp' | 'runCheckers' | 'runBfd' | 'runAll'>, config: KeepalivedConfig): SubsystemPlan {
  const unavailable: string[] = [];
  if (options.runCheckers && (options.runAll || config.lvs.virtualServers.length > 0)) {
    unavailable.push('Healthcheck child process not started: the health-checker subsystem (virtual_server) is not available in this version of keepalived-ts');
  }
  if (options.runBfd && (options.runAll || config.bfd.instances.length > 0)) {
    unavailable.push('BFD child process not started: the BFD subsystem (bfd_instance) is not available in this version of keepalived-ts');
  }
  return { vrrp: options.runVrrp && (options.runAll || hasVrrpConfig(config)), unavailable };
}
