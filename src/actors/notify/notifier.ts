/**
 * The VRRP subsystem's notifier: consumes VrrpEvents in the order the subsystem emits them and
 * turns each into keepalived's notifications, without ever making a transition wait.
 *
 * Order, as we guarantee it (keepalived itself lets one transition's scripts race each other):
 * - FIFO lines are written synchronously while handling the event, so they appear in event order
 *   across all instances and groups.
 * - An instance's (or group's) scripts run one at a time, in event order: the notify_<state>
 *   script, then the generic `notify` script (the man page's "called AFTER"); the next
 *   transition's scripts start only once these have exited. A script still running after
 *   `scriptWaitMs` is left running (logged) and the queue moves on, so one hung script cannot
 *   hold an instance's notifications forever. Different instances never wait for each other.
 * - SMTP alerts are sent one at a time in event order, with bounded retries (MailQueue).
 *
 * keepalived's rules kept here: DELETED is reported as FAULT unless the instance has
 * notify_deleted; notify_stop scripts are killed after 1 s (keepalived's child timer at
 * shutdown); one mail per state change (a repeated state sends none); no_email_faults; priority
 * changes reach the FIFO only with notify_priority_changes; groups report priority 0.
 *
 * A sync group's members are notified as well as the group: keepalived runs a member's own
 * notify scripts and FIFO line on its transitions, and the group's on the group's
 * (send_instance_notifies / send_group_notifies). keepalived skips an instance's notifies only
 * once it has sent some and the instance enters the state its group is already in; not modelled
 * here (members' transitions are reported before their group's state changes).
 */
import type { KeepalivedConfig } from '../../config/model/index.js';
import type { ScriptCommand } from '../../config/model/global.js';
import type { NotifyScripts } from '../../config/model/vrrp/instance.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { FifoWriter, MailSender } from '../../ports/notify.js';
import type { ScriptRunner, ScriptSpec } from '../../ports/scripts.js';
import type { InstanceStateName, VrrpEvent } from '../vrrp/subsystem.js';
import { fifoLine, genericNotifyArgs, vrrpAlert, type FifoEvent, type NotifyState, type Subject } from './format.js';
import { MailQueue, DEFAULT_MAIL_RETRY, type MailRetryPolicy } from './mail-queue.js';
import { defaultScriptResolver, type ScriptResolver } from './script-spec.js';
import { SerialQueues } from './serial-queues.js';
import { notifySettings, type LocalIdentity, type NotifySettings, type NotifyTarget } from './settings.js';

export interface NotifierPorts {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scripts: ScriptRunner;
  /** The open notify FIFOs (`notify_fifo` and `vrrp_notify_fifo`); each line goes to every one. */
  readonly fifos: readonly FifoWriter[];
  /** Undefined: no SMTP alerts (no smtp_server configured). */
  readonly mail: MailSender | undefined;
}

export interface NotifierOptions {
  /** Local host name and daemon user: default router_id and sender (`root@<host>`). */
  readonly identity: LocalIdentity;
  /** Defaults to splitting the line and running as script_user (or root). */
  readonly resolveScript?: ScriptResolver;
  /** How long an instance's queue waits for one script before moving on. */
  readonly scriptWaitMs?: number;
  /** notify_stop scripts are killed after this long (keepalived: 1 s). */
  readonly stopScriptTimeoutMs?: number;
  /** Per instance/group: transitions waiting for their scripts beyond this are dropped (logged). */
  readonly maxPendingTransitions?: number;
  readonly mailRetry?: MailRetryPolicy;
}

export const DEFAULT_SCRIPT_WAIT_MS = 60_000;
export const STOP_SCRIPT_TIMEOUT_MS = 1_000;

const NOTIFIED: ReadonlySet<InstanceStateName> = new Set(['MASTER', 'BACKUP', 'FAULT', 'STOP', 'DELETED']);

const SPECIFIC: Readonly<Record<NotifyState, keyof NotifyScripts>> = {
  MASTER: 'master',
  BACKUP: 'backup',
  FAULT: 'fault',
  STOP: 'stop',
  DELETED: 'deleted',
};

export class VrrpNotifier {
  #settings: NotifySettings;
  #resolve: ScriptResolver;
  readonly #queues: SerialQueues;
  readonly #mail: MailQueue | undefined;
  /** Last notified state per instance (for MASTER_/BACKUP_PRIORITY). */
  readonly #instanceState = new Map<string, NotifyState>();
  /** keepalived's last_email_state: one mail per state change. */
  readonly #lastMailState = new Map<string, NotifyState>();
  /** Instances removed by a reload, kept until their DELETED/STOP has been notified. */
  readonly #removed = new Map<string, NotifyTarget>();
  readonly #scriptWaitMs: number;
  readonly #stopTimeoutMs: number;

  constructor(
    config: KeepalivedConfig,
    private readonly ports: NotifierPorts,
    private readonly options: NotifierOptions,
  ) {
    this.#settings = notifySettings(config, options.identity);
    this.#resolve = options.resolveScript ?? defaultScriptResolver(config.global);
    this.#queues = new SerialQueues(options.maxPendingTransitions ?? 64);
    this.#mail = ports.mail ? new MailQueue(ports.mail, ports.clock, ports.logger, options.mailRetry ?? DEFAULT_MAIL_RETRY) : undefined;
    this.#scriptWaitMs = options.scriptWaitMs ?? DEFAULT_SCRIPT_WAIT_MS;
    this.#stopTimeoutMs = options.stopScriptTimeoutMs ?? STOP_SCRIPT_TIMEOUT_MS;
  }

  /** SIGHUP: new scripts and settings apply from the next event; removed instances stay known until notified. */
  reconfigure(config: KeepalivedConfig): void {
    const next = notifySettings(config, this.options.identity);
    for (const [name, target] of this.#settings.instances) if (!next.instances.has(name)) this.#removed.set(name, target);
    for (const name of next.instances.keys()) this.#removed.delete(name);
    this.#settings = next;
    if (!this.options.resolveScript) this.#resolve = defaultScriptResolver(config.global);
  }

  /** Handles one event synchronously (FIFO written, scripts and mail queued) and returns at once. */
  handle(event: VrrpEvent): void {
    switch (event.type) {
      case 'instance-state':
        return this.#instanceState_(event.instance, event.to, event.priority);
      case 'group-state':
        return this.#groupState(event.group, event.to);
      case 'priority':
        return this.#priority(event.instance, event.priority);
      case 'master-rx-lower-pri':
        return this.#rxLowerPri(event.instance, event.priority);
      default:
        return;
    }
  }

  /** Resolves when every queued script has finished (or been waited for) and no mail is in flight. */
  async idle(): Promise<void> {
    while (!this.#queues.idle || !(this.#mail?.idle ?? true)) {
      await this.#queues.whenIdle();
      await this.#mail?.whenIdle();
    }
  }

  /** Shutdown: drop waiting alerts; scripts already queued still run (STOP scripts have their timeout). */
  stop(): void {
    this.#mail?.stop();
  }

  #target(kind: Subject['kind'], name: string): NotifyTarget | undefined {
    if (kind === 'GROUP') return this.#settings.groups.get(name);
    return this.#settings.instances.get(name) ?? this.#removed.get(name);
  }

  #instanceState_(name: string, to: InstanceStateName, priority: number): void {
    if (!NOTIFIED.has(to)) return;
    const target = this.#target('INSTANCE', name);
    let state = to as NotifyState;
    // keepalived reports a deleted instance as FAULT unless it was told otherwise by notify_deleted.
    if (state === 'DELETED' && target?.scripts.deleted === undefined) state = 'FAULT';
    this.#instanceState.set(name, state);
    this.#notify({ kind: 'INSTANCE', name }, target, state, priority);
    if (to === 'DELETED' || to === 'STOP') {
      this.#removed.delete(name);
      this.#instanceState.delete(name);
    }
  }

  #groupState(name: string, to: InstanceStateName): void {
    if (!NOTIFIED.has(to) || to === 'DELETED') return;
    this.#notify({ kind: 'GROUP', name }, this.#target('GROUP', name), to as NotifyState, 0);
  }

  #notify(subject: Subject, target: NotifyTarget | undefined, state: NotifyState, priority: number): void {
    const specs: ScriptSpec[] = [];
    const timeout = state === 'STOP' ? this.#stopTimeoutMs : undefined;
    const specific = target?.scripts[SPECIFIC[state]];
    this.#addScript(specs, specific, [], timeout);
    this.#addScript(specs, target?.scripts.any, genericNotifyArgs(subject, state, priority), timeout);
    this.#runScripts(subject, specs);
    this.#writeFifo(fifoLine(subject, state, priority));
    if (target?.smtpAlert) this.#alert(subject, state);
  }

  #priority(name: string, priority: number): void {
    const target = this.#target('INSTANCE', name);
    if (!target?.priorityChanges) return;
    const event: FifoEvent = this.#instanceState.get(name) === 'MASTER' ? 'MASTER_PRIORITY' : 'BACKUP_PRIORITY';
    this.#writeFifo(fifoLine({ kind: 'INSTANCE', name }, event, priority));
  }

  #rxLowerPri(name: string, priority: number): void {
    const subject: Subject = { kind: 'INSTANCE', name };
    const specs: ScriptSpec[] = [];
    this.#addScript(specs, this.#target('INSTANCE', name)?.scripts.masterRxLowerPri, [], undefined);
    this.#runScripts(subject, specs);
    this.#writeFifo(fifoLine(subject, 'MASTER_RX_LOWER_PRI', priority));
  }

  #addScript(specs: ScriptSpec[], command: ScriptCommand | undefined, extra: readonly string[], timeoutMs: number | undefined): void {
    if (command === undefined) return;
    const spec = this.#resolve(command, extra, timeoutMs);
    if (spec) specs.push(spec);
  }

  #writeFifo(line: string): void {
    for (const fifo of this.ports.fifos) fifo.writeLine(line);
  }

  #runScripts(subject: Subject, specs: readonly ScriptSpec[]): void {
    if (specs.length === 0) return;
    const key = `${subject.kind} ${subject.name}`;
    const queued = this.#queues.push(key, async () => {
      for (const spec of specs) await this.#runOne(spec);
    });
    if (!queued) this.ports.logger.warn(`Too many pending notifications for ${key} - not running ${specs.map((s) => s.commandLine).join(', ')}`);
  }

  async #runOne(spec: ScriptSpec): Promise<void> {
    const { logger, clock } = this.ports;
    const running = this.ports.scripts.run(spec);
    let timer: ReturnType<Clock['setTimer']> | undefined;
    const waited = new Promise<'waited'>((resolve) => (timer = clock.setTimer(this.#scriptWaitMs, () => resolve('waited'))));
    const result = await Promise.race([running.outcome, waited]);
    if (timer) clock.clearTimer(timer);
    if (result === 'waited') {
      logger.warn(`Notify script ${spec.commandLine} still running after ${this.#scriptWaitMs / 1000}s - not waiting for it`);
      return;
    }
    if (result.kind === 'failed-to-start') logger.warn(`Unable to run notify script ${spec.commandLine}: ${result.reason}`);
    else if (result.kind === 'timed-out') logger.info(`Notify script ${spec.commandLine} timed out and was killed`);
    // keepalived says nothing of a notify script that ran, not even with -D.
  }

  #alert(subject: Subject, state: NotifyState): void {
    const mail = this.#settings.mail;
    if (!this.#mail || !mail) return;
    if (mail.noEmailFaults && state === 'FAULT') return;
    const key = `${subject.kind} ${subject.name}`;
    if (this.#lastMailState.get(key) === state) return;
    const text = vrrpAlert(mail.routerId, subject, state);
    if (!text) return;
    this.#lastMailState.set(key, state);
    this.#mail.enqueue({ from: mail.from, to: mail.to, subject: text.subject, body: text.body });
  }
}

/** Wires a notifier to the subsystem's event stream; call the returned function to detach. */
export function attachNotifier(subscribe: (listener: (event: VrrpEvent) => void) => () => void, notifier: VrrpNotifier): () => void {
  return subscribe((event) => notifier.handle(event));
}
