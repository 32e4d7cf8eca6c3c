/**
 * The sync group machine's vocabulary. Members report (MEMBER_REPORT, produced from the instance
 * machine's `syncReport` action); the group answers with `commandMembers`, which the host turns
 * into SYNC_* events on the named instance actors.
 */
export interface SyncGroupParams {
  readonly name: string;
  readonly members: readonly string[];
  /** sync_group_tracking_weight (instances use it; kept here for the chart and notifications). */
  readonly trackingWeight: boolean;
}

export type MemberState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT';

export interface MemberStatus {
  readonly state: MemberState;
  readonly wantMaster: boolean;
  readonly ownFault: boolean;
}

export type SyncGroupEvent = {
  readonly type: 'MEMBER_REPORT';
  readonly member: string;
  readonly state: Exclude<MemberState, 'INIT'>;
  readonly wantMaster: boolean;
  readonly ownFault: boolean;
  /** The member left MASTER on its own (a deleted address or virtual item), not beaten. */
  readonly yielded?: boolean;
};

export type MemberCommand = 'SYNC_GOTO_MASTER' | 'SYNC_GOTO_BACKUP' | 'SYNC_YIELD' | 'SYNC_GOTO_FAULT' | 'SYNC_LEAVE_FAULT';

export interface CommandMembersParams {
  readonly group: string;
  readonly command: MemberCommand;
  readonly members: readonly string[];
}

export interface GroupNotifyParams {
  readonly group: string;
  readonly state: 'MASTER' | 'BACKUP' | 'FAULT';
}

export interface SyncGroupContext {
  readonly params: SyncGroupParams;
  readonly members: Readonly<Record<string, MemberStatus>>;
}
