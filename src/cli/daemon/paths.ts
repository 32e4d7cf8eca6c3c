/**
 * Where the daemon keeps its files. Defaults as keepalived's man page gives them. keepalived 2.2.7
 * writes the report files under the same names whatever `-i` says (measured), the parent's data
 * to keepalived_parent.data and the VRRP child's to keepalived.data.
 */
import type { CliOptions } from '../options.js';

export type ChildSubsystem = 'vrrp' | 'checker' | 'bfd';

export interface PidFiles {
  readonly parent: string;
  readonly vrrp: string;
  readonly checker: string;
  readonly bfd: string;
}

export const DEFAULT_PID_FILES: PidFiles = {
  parent: '/run/keepalived.pid',
  vrrp: '/run/keepalived_vrrp.pid',
  checker: '/run/keepalived_checkers.pid',
  bfd: '/run/keepalived_bfd.pid',
};

export function pidFiles(options: Pick<CliOptions, 'pidFile' | 'vrrpPidFile' | 'checkersPidFile' | 'bfdPidFile'>): PidFiles {
  return {
    parent: options.pidFile ?? DEFAULT_PID_FILES.parent,
    vrrp: options.vrrpPidFile ?? DEFAULT_PID_FILES.vrrp,
    checker: options.checkersPidFile ?? DEFAULT_PID_FILES.checker,
    bfd: options.bfdPidFile ?? DEFAULT_PID_FILES.bfd,
  };
}

/** keepalived's KA_TMP_DIR. */
export const TMP_DIR = '/tmp';

export const REPORT_FILES = {
  parentData: `${TMP_DIR}/keepalived_parent.data`,
  data: `${TMP_DIR}/keepalived.data`,
  stats: `${TMP_DIR}/keepalived.stats`,
  json: `${TMP_DIR}/keepalived.json`,
} as const;
