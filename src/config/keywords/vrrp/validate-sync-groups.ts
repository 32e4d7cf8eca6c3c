/**
 * Post-parse checks of vrrp_sync_group as keepalived 2.2.7 makes them (wording and order measured
 * against the binary): unknown members and members already in another group are ignored, a group
 * left without members is removed, a group of one is legal but suspicious, and groups declared
 * without any member are removed last.
 */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { KeepalivedConfig } from '../../model/index.js';
import type { TreeEnvironment } from '../../tree/run.js';

const E = ConfigErrorClass.GeneralError;

export function validateSyncGroups(config: KeepalivedConfig, env: TreeEnvironment): void {
  // Most configs have none; the set of instance names is then not worth making.
  if (config.vrrp.syncGroups.length === 0) return;
  const d = env.diagnostics;
  const instances = new Set(config.vrrp.instances.map((i) => i.name));
  const grouped = new Set<string>();
  const kept = config.vrrp.syncGroups.filter((g) => {
    if (g.members.length === 0) return true; // judged after the others, as keepalived does
    g.members = g.members.filter((m) => {
      if (!instances.has(m.name)) {
        d.report(E, `Virtual router ${m.name} specified in sync group ${g.name} doesn't exist - ignoring`);
        return false;
      }
      if (grouped.has(m.name)) {
        d.report(E, `Virtual router ${m.name} cannot exist in more than one sync group; ignoring ${g.name}`);
        return false;
      }
      grouped.add(m.name);
      return true;
    });
    if (g.members.length === 0) {
      d.report(E, `Sync group ${g.name}, no matching virtual router found in group declaration - removing`);
      return false;
    }
    if (g.members.length === 1) d.report(E, `Sync group ${g.name} has only 1 virtual router(s) - this probably isn't what you want`);
    return true;
  });
  config.vrrp.syncGroups = kept.filter((g) => {
    if (g.members.length > 0) return true;
    d.report(E, `Sync group ${g.name} has no virtual router(s). removing`);
    return false;
  });
}
