/**
 * One vrrp_sync_group at run time: the sync group machine on the Clock port. Members' reports
 * come in synchronously (from their syncReport action) and the group's commands go straight to
 * the member hosts, so a whole group moves within the same instant, as keepalived's does.
 *
 * What a report sets off is played in keepalived's order, the one its log shows: the reporting
 * member's own move, then the group's line ("VRRP_Group(G1) Syncing instances to FAULT state"),
 * then the other members'.
 */
import { createActor } from 'xstate';
import type { Actor } from 'xstate';
import { vrrpSyncGroupMachine } from '../../machines/index.js';
import type { CommandMembersParams, GroupNotifyParams, SyncGroupParams, SyncReportParams } from '../../machines/index.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { InstanceStateName, SyncGroupStatus, VrrpEvent } from './subsystem.js';
import { xstateClock } from './clock-adapter.js';

export interface SyncGroupHostDeps {
  readonly clock: Clock;
  readonly log: Logger;
  readonly emit: (event: VrrpEvent) => void;
  readonly command: (params: CommandMembersParams) => void;
  readonly crash: (error: unknown) => void;
}

export class SyncGroupHost {
  readonly #deps: SyncGroupHostDeps;
  readonly #params: SyncGroupParams;
  readonly #actor: Actor<typeof vrrpSyncGroupMachine>;
  #state: InstanceStateName = 'INIT';
  #dead = false;
  /** While a report is being taken: what it set off, played once the machine is done. */
  #pending: { readonly commands: CommandMembersParams[]; readonly notices: GroupNotifyParams[] } | undefined;

  constructor(deps: SyncGroupHostDeps, params: SyncGroupParams) {
    this.#deps = deps;
    this.#params = params;
    const machine = vrrpSyncGroupMachine.provide({
      actions: {
        commandMembers: (_, command) => (this.#pending === undefined ? deps.command(command) : this.#pending.commands.push(command)),
        notifyGroup: (_, notice) => (this.#pending === undefined ? this.#onNotify(notice) : this.#pending.notices.push(notice)),
      },
    });
    this.#actor = createActor(machine, { input: params, clock: xstateClock(deps.clock) });
    this.#actor.subscribe({ error: (error) => this.#crash(error) });
    this.#actor.start();
  }

  get name(): string {
    return this.#params.name;
  }

  get params(): SyncGroupParams {
    return this.#params;
  }

  report(report: SyncReportParams): void {
    if (this.#dead) return;
    const outer = this.#pending;
    const pending = { commands: [] as CommandMembersParams[], notices: [] as GroupNotifyParams[] };
    this.#pending = pending;
    try {
      const { member, state, wantMaster, ownFault, yielded } = report;
      this.#actor.send({ type: 'MEMBER_REPORT', member, state, wantMaster, ownFault, yielded });
    } catch (error) {
      this.#crash(error);
      return;
    } finally {
      this.#pending = outer;
    }
    const only = (keep: (member: string) => boolean) => (command: CommandMembersParams): CommandMembersParams =>
      ({ ...command, members: command.members.filter(keep) });
    const own = pending.commands.map(only((member) => member === report.member));
    const others = pending.commands.map(only((member) => member !== report.member));
    for (const command of own) if (command.members.length > 0) this.#deps.command(command);
    for (const notice of pending.notices) this.#onNotify(notice);
    for (const command of others) if (command.members.length > 0) this.#deps.command(command);
  }

  status(): SyncGroupStatus {
    return { name: this.#params.name, state: this.#state, members: this.#params.members };
  }

  /**
   * Daemon shutdown, once the members have been told: keepalived notifies the group's STOP too
   * (scripts, FIFO), without a line of its own.
   */
  shutdown(): void {
    if (this.#dead || this.#state === 'STOP') return;
    const from = this.#state;
    this.#state = 'STOP';
    this.#deps.emit({ type: 'group-state', group: this.#params.name, from, to: 'STOP', atMs: this.#deps.clock.nowMs() });
  }

  dispose(): void {
    this.#dead = true;
    this.#actor.stop();
  }

  #onNotify(notice: GroupNotifyParams): void {
    const from = this.#state;
    this.#state = notice.state;
    // keepalived's words; it has no line for the group's first state (not even with -D), which
    // its members' say.
    if (from !== 'INIT') this.#deps.log.info(`VRRP_Group(${this.#params.name}) Syncing instances to ${notice.state} state`, { group: this.#params.name });
    this.#deps.emit({ type: 'group-state', group: this.#params.name, from, to: notice.state, atMs: this.#deps.clock.nowMs() });
  }

  #crash(error: unknown): void {
    if (this.#dead) return;
    this.dispose();
    this.#deps.crash(error);
  }
}
