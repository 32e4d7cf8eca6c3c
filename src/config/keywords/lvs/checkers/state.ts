/** What a checker block's handlers work on: the checker and the servers it belongs to. */
import type { KeepalivedConfig } from '../../../model/index.js';
import type { Checker, RealServer, VirtualServer } from '../../../model/lvs.js';

export interface CheckerState<C extends Checker = Checker> {
  readonly config: KeepalivedConfig;
  readonly vs: VirtualServer;
  readonly rs: RealServer;
  readonly checker: C;
  /** Cleared by a handler or the close check when keepalived drops the checker. */
  keep: boolean;
}
