/** A notifier over a config text, with recording doubles and virtual time. */
import { run } from '../../config/vrrp/run.js';
import { VirtualClock } from '../../../../src/sim/virtual-time.js';
import { MemoryFifo, MemoryMailSender } from '../../../../src/sim/notify/memory.js';
import { VrrpNotifier, type NotifierOptions } from '../../../../src/actors/notify/notifier.js';
import { RecordingRunner, collectingLogger } from './fakes.js';

export function setup(text: string, options: { runner?: RecordingRunner; mail?: MemoryMailSender; notifier?: Partial<NotifierOptions> } = {}) {
  const { config, lines } = run(text);
  if (lines.some((l) => !l.includes('Warning'))) throw new Error(`config: ${lines.join('\n')}`);
  const clock = new VirtualClock();
  const runner = options.runner ?? new RecordingRunner();
  const fifo = new MemoryFifo();
  const mail = options.mail ?? new MemoryMailSender();
  const logger = collectingLogger();
  const notifier = new VrrpNotifier(config, { clock, logger, scripts: runner, fifos: [fifo], mail }, {
    identity: { localName: 'host1', userName: 'root' },
    ...options.notifier,
  });
  return { config, clock, runner, fifo, mail, logger, notifier };
}

/** An instance with every notify script, each recording its own name. */
export const instance = (name: string, vrid: number, extra = ''): string => `vrrp_instance ${name} {
  interface eth0
  virtual_router_id ${vrid}
  priority 100
  virtual_ipaddress {
    10.0.0.${vrid}
  }
  notify_master "/s/master ${name}"
  notify_backup "/s/backup ${name}"
  notify_fault "/s/fault ${name}"
  notify_stop "/s/stop ${name}"
  notify_master_rx_lower_pri "/s/rxlow ${name}"
  notify "/s/any 'x y'"
${extra}
}
`;
