/** The vrrp_sync_group block. */
import { ConfigErrorClass } from '../../diagnostics.js';
import { blockSpec, leaf, values, type BlockSpec, type KeywordSpec } from '../../tree/spec.js';
import type { SyncGroup } from '../../model/vrrp.js';
import { parseTrueFalse } from '../../values/bool.js';
import { setNotifyScript } from './context.js';

const keywords: Record<string, KeywordSpec<SyncGroup>> = {
  group: values((_ctx, g, lines, closing) => {
    if (lines.length === 0) closing.report(ConfigErrorClass.GeneralError, `Warning - sync group ${g.name} has empty group block`);
    for (const l of lines) for (const name of l.words) g.members.push({ name, position: l.line.position });
  }),
  track_interface: values((_ctx, g, lines) => {
    for (const l of lines) g.trackInterfaces.push({ name: l.words[0] as string, weight: undefined, reverse: false, position: l.line.position });
  }),
  track_script: values((_ctx, g, lines) => {
    for (const l of lines) g.trackScripts.push({ name: l.words[0] as string, weight: undefined, reverse: false, position: l.line.position });
  }),
  track_file: values((_ctx, g, lines) => {
    for (const l of lines) g.trackFiles.push({ name: l.words[0] as string, weight: undefined, reverse: false, position: l.line.position });
  }),
  track_process: values((_ctx, g, lines) => {
    for (const l of lines) g.trackProcesses.push({ name: l.words[0] as string, weight: undefined, reverse: false, position: l.line.position });
  }),
  track_bfd: values((_ctx, g, lines) => {
    for (const l of lines) g.trackBfds.push({ name: l.words[0] as string, weight: undefined, reverse: false, position: l.line.position });
  }),
  notify_backup: leaf((ctx, g) => setNotifyScript(ctx, g.notify, 'backup', `vrrp group ${g.name}:`)),
  notify_master: leaf((ctx, g) => setNotifyScript(ctx, g.notify, 'master', `vrrp group ${g.name}:`)),
  notify_fault: leaf((ctx, g) => setNotifyScript(ctx, g.notify, 'fault', `vrrp group ${g.name}:`)),
  notify_stop: leaf((ctx, g) => setNotifyScript(ctx, g.notify, 'stop', `vrrp group ${g.name}:`)),
  notify: leaf((ctx, g) => setNotifyScript(ctx, g.notify, 'any', `vrrp group ${g.name}:`)),
  smtp_alert: leaf((ctx, g) => {
    const w = ctx.words[1];
    const v = w === undefined ? true : parseTrueFalse(w);
    if (v === undefined) return ctx.report(ConfigErrorClass.GeneralError, `Invalid vrrp_group smtp_alert parameter ${w ?? ''}`);
    g.smtpAlert = v;
  }),
  global_tracking: leaf((_ctx, g) => void (g.globalTracking = true)),
  sync_group_tracking_weight: leaf((ctx, g) => void g.other.set('sync_group_tracking_weight', ctx.words.slice(1))),
  notify_priority_changes: leaf((ctx, g) => void g.other.set('notify_priority_changes', ctx.words.slice(1))),
};

export const syncGroupBlock: BlockSpec<SyncGroup> = blockSpec(keywords);
