/**
 * The vrrp_sync_group machine (keepalived 2.2.7 vrrp_sync.c), as its own actor:
 * - any member with its own fault → the group is FAULT and every other member is sent to FAULT;
 * - the group leaves FAULT only when no member has its own fault (num_member_fault == 0), and
 *   then every member is released to BACKUP;
 * - a member may become MASTER only when every member wants to (vrrp_sync_can_goto_master:
 *   "prefer backup state to avoid thrashing"), and then they all go MASTER together;
 * - a MASTER member falling back to BACKUP (a higher priority advert) takes the others with it;
 * - a MASTER member giving mastership up on its own (a deleted address or virtual route: it sends
 *   priority 0) makes the others do the same, and the group says nothing (no line, no notify)
 *   until they come back, as keepalived 2.2.7 does;
 * - once the group is MASTER, a member that wants MASTER is let in at once.
 * Members never decide these transitions themselves: they report and obey commands.
 */
import { setup } from 'xstate';
import { invariant } from '../assert.js';
import type {
  CommandMembersParams,
  GroupNotifyParams,
  MemberCommand,
  SyncGroupContext,
  SyncGroupEvent,
  SyncGroupParams,
} from './types.js';

function reportOf(event: SyncGroupEvent) {
  return event.type === 'MEMBER_REPORT' ? event : undefined;
}

function statuses(context: SyncGroupContext) {
  return Object.values(context.members);
}

const anyOwnFault = (context: SyncGroupContext) => statuses(context).some((m) => m.ownFault);
const allReported = (context: SyncGroupContext) => statuses(context).every((m) => m.state !== 'INIT');
const allWantMaster = (context: SyncGroupContext) => statuses(context).every((m) => m.wantMaster);

function others(context: SyncGroupContext, except: string | undefined, filter: (state: string) => boolean) {
  return Object.entries(context.members)
    .filter(([name, status]) => name !== except && filter(status.state))
    .map(([name]) => name);
}

function command(context: SyncGroupContext, cmd: MemberCommand, members: readonly string[]): CommandMembersParams {
  return { group: context.params.name, command: cmd, members };
}

const groupSetup = setup({
  types: {} as {
    context: SyncGroupContext;
    events: SyncGroupEvent;
    input: SyncGroupParams;
  },
  actions: {
    /** Deliver `command` to each named member instance (host-provided). */
    commandMembers: (_, _params: CommandMembersParams) => {},
    /** Group notify script / FIFO / SMTP (host-provided). */
    notifyGroup: (_, _params: GroupNotifyParams) => {},
  },
  guards: {
    anyOwnFault: ({ context }) => anyOwnFault(context),
    noOwnFault: ({ context }) => !anyOwnFault(context),
    allReported: ({ context }) => allReported(context),
    allWantMaster: ({ context }) => allWantMaster(context),
    reporterIsBackup: ({ event }) => reportOf(event)?.state === 'BACKUP',
    reporterYielded: ({ event }) => {
      const report = reportOf(event);
      return report !== undefined && report.state === 'BACKUP' && report.yielded === true;
    },
    reporterWantsMasterOutsideMaster: ({ event }) => {
      const report = reportOf(event);
      return report !== undefined && report.wantMaster && report.state === 'BACKUP';
    },
  },
});

export const vrrpSyncGroupMachine = groupSetup
  .extend({
    actions: {
      record: groupSetup.assign({
        members: ({ context, event }) => {
          const report = reportOf(event);
          if (report === undefined) return context.members;
          invariant(report.member in context.members, `${report.member} is not in sync group ${context.params.name}`);
          const { state, wantMaster, ownFault } = report;
          return { ...context.members, [report.member]: { state, wantMaster, ownFault } };
        },
      }),
      faultOthers: groupSetup.enqueueActions(({ context, event, enqueue }) => {
        const members = others(context, reportOf(event)?.member, (s) => s !== 'FAULT');
        if (members.length > 0) enqueue({ type: 'commandMembers', params: command(context, 'SYNC_GOTO_FAULT', members) });
      }),
      /** A member that comes back from INIT or elsewhere while the group is in FAULT. */
      faultReporter: groupSetup.enqueueActions(({ context, event, enqueue }) => {
        const report = reportOf(event);
        if (report !== undefined && report.state !== 'FAULT')
          enqueue({ type: 'commandMembers', params: command(context, 'SYNC_GOTO_FAULT', [report.member]) });
      }),
      releaseAll: groupSetup.enqueueActions(({ context, enqueue }) =>
        enqueue({ type: 'commandMembers', params: command(context, 'SYNC_LEAVE_FAULT', Object.keys(context.members)) }),
      ),
      promoteOthers: groupSetup.enqueueActions(({ context, enqueue }) => {
        const members = others(context, undefined, (s) => s !== 'MASTER');
        if (members.length > 0) enqueue({ type: 'commandMembers', params: command(context, 'SYNC_GOTO_MASTER', members) });
      }),
      promoteReporter: groupSetup.enqueueActions(({ context, event, enqueue }) => {
        const report = reportOf(event);
        if (report !== undefined) enqueue({ type: 'commandMembers', params: command(context, 'SYNC_GOTO_MASTER', [report.member]) });
      }),
      yieldOthers: groupSetup.enqueueActions(({ context, event, enqueue }) => {
        const members = others(context, reportOf(event)?.member, (s) => s === 'MASTER');
        if (members.length > 0) enqueue({ type: 'commandMembers', params: command(context, 'SYNC_YIELD', members) });
      }),
      demoteOthers: groupSetup.enqueueActions(({ context, event, enqueue }) => {
        const members = others(context, reportOf(event)?.member, (s) => s === 'MASTER');
        if (members.length > 0) enqueue({ type: 'commandMembers', params: command(context, 'SYNC_GOTO_BACKUP', members) });
      }),
      notifyMaster: groupSetup.enqueueActions(({ context, enqueue }) =>
        enqueue({ type: 'notifyGroup', params: { group: context.params.name, state: 'MASTER' } }),
      ),
      notifyBackup: groupSetup.enqueueActions(({ context, enqueue }) =>
        enqueue({ type: 'notifyGroup', params: { group: context.params.name, state: 'BACKUP' } }),
      ),
      notifyFault: groupSetup.enqueueActions(({ context, enqueue }) =>
        enqueue({ type: 'notifyGroup', params: { group: context.params.name, state: 'FAULT' } }),
      ),
    },
  })
  .createMachine({
    id: 'vrrpSyncGroup',
    context: ({ input }) => {
      invariant(input.members.length > 0, `sync group ${input.name} has no members`);
      return {
        params: input,
        members: Object.fromEntries(input.members.map((m) => [m, { state: 'INIT', wantMaster: false, ownFault: false }])),
      };
    },
    initial: 'Initialize',
    on: { MEMBER_REPORT: { actions: 'record' } },
    states: {
      Initialize: {
        description: 'Until every member has reported once.',
        always: [
          { guard: 'anyOwnFault', target: 'Fault', actions: 'faultOthers' },
          { guard: 'allReported', target: 'Backup' },
        ],
      },
      Backup: {
        entry: 'notifyBackup',
        always: [
          { guard: 'anyOwnFault', target: 'Fault', actions: 'faultOthers' },
          { guard: 'allWantMaster', target: 'Master', actions: 'promoteOthers' },
        ],
      },
      Master: {
        entry: 'notifyMaster',
        always: { guard: 'anyOwnFault', target: 'Fault', actions: 'faultOthers' },
        on: {
          MEMBER_REPORT: [
            { guard: 'reporterYielded', target: 'Yielded', actions: ['record', 'yieldOthers'] },
            // Someone held back (e.g. just out of FAULT) wants MASTER: the group already is.
            { guard: 'reporterWantsMasterOutsideMaster', actions: ['record', 'promoteReporter'] },
            { guard: 'reporterIsBackup', target: 'Backup', actions: ['record', 'demoteOthers'] },
            { actions: 'record' },
          ],
        },
      },
      Yielded: {
        description: 'Every member gave mastership up with priority 0; like Backup, but unannounced.',
        always: [
          { guard: 'anyOwnFault', target: 'Fault', actions: 'faultOthers' },
          { guard: 'allWantMaster', target: 'Master', actions: 'promoteOthers' },
        ],
      },
      Fault: {
        entry: 'notifyFault',
        always: { guard: 'noOwnFault', target: 'Backup', actions: 'releaseAll' },
        on: {
          MEMBER_REPORT: { actions: ['record', 'faultReporter'] },
        },
      },
    },
  });

export type VrrpSyncGroupMachine = typeof vrrpSyncGroupMachine;
