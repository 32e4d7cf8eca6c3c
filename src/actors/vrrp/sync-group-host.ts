/**
 * One vrrp_sync_group at run time: the sync group machine on the Clock port. Members' reports
 * come in synchronously (from their syncReport action) and the group's commands go straight to
 * the member hosts, so a whole group moves within the same instant, as keepalived's does.
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

  constructor(deps: SyncGroupHostDeps, params: SyncGroupParams) {
    this.#deps = deps;
    this.#params = params;
    const machine = vrrpSyncGroupMachine.provide({
      actions: {
        commandMembers: (_, command) => deps.command(command),
        notifyGroup: (_, notice) => this.#onNotify(notice),
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
    try {
      this.#actor.send({ type: 'MEMBER_REPORT', member: report.member, state: report.state, wantMaster: report.wantMaster, ownFault: report.ownFault });
    } catch (error) {
      this.#crash(error);
    }
  }

  status(): SyncGroupStatus {
    return { name: this.#params.name, state: this.#state, members: this.#params.members };
  }

  dispose(): void {
    this.#dead = true;
    this.#actor.stop();
  }

  #onNotify(notice: GroupNotifyParams): void {
    const from = this.#state;
    this.#state = notice.state;
    this.#deps.log.info(`sync group entering ${notice.state} state`, { group: this.#params.name });
    this.#deps.emit({ type: 'group-state', group: this.#params.name, from, to: notice.state, atMs: this.#deps.clock.nowMs() });
  }

  #crash(error: unknown): void {
    if (this.#dead) return;
    this.dispose();
    this.#deps.crash(error);
  }
}
