/**
 * The one-word answers probes use, from the document alone (so the socket, HTTP and the client
 * agree): FAULT when any instance is in Fault or a subsystem is down, MASTER when an instance is
 * Master and none is in Fault, otherwise BACKUP. Live: every subsystem up. Ready: live and Master.
 */
import type { Health, InstanceDoc, SubsystemDoc } from './document.js';

export function healthOf(instances: readonly InstanceDoc[], subsystems: readonly SubsystemDoc[]): Health {
  if (!subsystemsUp(subsystems) || instances.some((i) => i.state === 'FAULT')) return 'FAULT';
  return instances.some((i) => i.state === 'MASTER') ? 'MASTER' : 'BACKUP';
}

export function subsystemsUp(subsystems: readonly SubsystemDoc[]): boolean {
  return subsystems.every((s) => s.up);
}
