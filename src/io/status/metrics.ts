/**
 * Prometheus metrics (prom-client) from the status document. Names follow the widely used
 * keepalived exporters (mehdy/keepalived-exporter, cafebazaar/keepalived-exporter) where one
 * exists — `keepalived_up`, `keepalived_vrrp_state` (keepalived's state numbers), the
 * `keepalived_*_total` statistics counters with labels iname/intf/vrid — minus the exporters'
 * `state` label on counters (it splits a counter's series at every transition). The rest are ours.
 *
 * A private registry, refreshed from one document per scrape; scrapes are serialised so two
 * never interleave their reset/fill.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { StatusView } from '../../actors/aggregator/aggregator.js';
import type { InstanceDoc, StatusDocument } from '../../actors/aggregator/document.js';

/** keepalived's state numbers (vrrp.h), as the exporters' keepalived_vrrp_state reports them. */
const STATE_NUMBER: Readonly<Record<string, number>> = { INIT: 0, BACKUP: 1, MASTER: 2, FAULT: 3, DELETED: 97, STOP: 98 };
const STATES = ['INIT', 'BACKUP', 'MASTER', 'FAULT'] as const;

/** keepalived counter → exporter metric name. */
const COUNTER_METRICS: readonly (readonly [string, string, string])[] = [
  ['advert_rcvd', 'keepalived_advertisements_received_total', 'Advertisements received'],
  ['advert_sent', 'keepalived_advertisements_sent_total', 'Advertisements sent'],
  ['become_master', 'keepalived_become_master_total', 'Became master'],
  ['release_master', 'keepalived_release_master_total', 'Released master'],
  ['packet_len_err', 'keepalived_packet_length_errors_total', 'Packet length errors'],
  ['advert_interval_err', 'keepalived_advertisements_interval_errors_total', 'Advertisement interval errors'],
  ['ip_ttl_err', 'keepalived_ip_ttl_errors_total', 'TTL errors'],
  ['invalid_type_rcvd', 'keepalived_invalid_type_received_total', 'Invalid type errors'],
  ['addr_list_err', 'keepalived_address_list_errors_total', 'Address list errors'],
  ['invalid_authtype', 'keepalived_authentication_invalid_total', 'Authentication invalid'],
  ['authtype_mismatch', 'keepalived_authentication_mismatch_total', 'Authentication mismatch'],
  ['auth_failure', 'keepalived_authentication_failure_total', 'Authentication failure'],
  ['pri_zero_rcvd', 'keepalived_priority_zero_received_total', 'Priority zero received'],
  ['pri_zero_sent', 'keepalived_priority_zero_sent_total', 'Priority zero sent'],
];

/** Counters that count a received packet keepalived dropped, by reason. */
const PACKET_ERRORS = ['packet_len_err', 'advert_interval_err', 'ip_ttl_err', 'invalid_type_rcvd', 'addr_list_err', 'invalid_authtype', 'authtype_mismatch', 'auth_failure', 'chk_err', 'vers_err', 'vrid_err'];

const INSTANCE_LABELS = ['iname', 'intf', 'vrid'] as const;

export interface MetricsExporter {
  render(): Promise<{ body: string; contentType: string }>;
}

export function createMetricsExporter(view: StatusView): MetricsExporter {
  const registry = new Registry();
  const registers = [registry];
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) => new Gauge<L>({ name, help, labelNames, registers });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers });

  const up = gauge('keepalived_up', 'The daemon and every subsystem are up');
  const state = gauge('keepalived_vrrp_state', 'VRRP instance state (keepalived numbers: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT)', INSTANCE_LABELS);
  const statePer = gauge('keepalived_vrrp_instance_state', 'VRRP instance state, one series per state (1 = current)', [...INSTANCE_LABELS, 'state']);
  const basePriority = gauge('keepalived_vrrp_base_priority', 'Configured priority', INSTANCE_LABELS);
  const effectivePriority = gauge('keepalived_vrrp_effective_priority', 'Priority after tracked objects', INSTANCE_LABELS);
  const transitions = counter('keepalived_vrrp_transitions_total', 'State transitions seen by this daemon', INSTANCE_LABELS);
  const counters = COUNTER_METRICS.map(([key, name, help]) => [key, counter(name, help, INSTANCE_LABELS)] as const);
  const packetErrors = counter('keepalived_vrrp_packet_errors_total', 'Received VRRP packets dropped, by reason (keepalived counter name)', [...INSTANCE_LABELS, 'reason']);
  const groupState = gauge('keepalived_vrrp_sync_group_state', 'Sync group state, one series per state (1 = current)', ['group', 'state']);
  const scriptStatus = gauge('keepalived_script_status', 'vrrp_script result (1 good, 0 bad)', ['name']);
  const trackedUp = gauge('keepalived_tracked_object_up', 'Tracked script/process up (1) or down (0)', ['kind', 'name']);
  const trackedValue = gauge('keepalived_tracked_file_value', 'Value read from a track_file', ['name']);
  const subsystemUp = gauge('keepalived_subsystem_up', 'Subsystem child process running', ['subsystem']);
  const restarts = counter('keepalived_subsystem_restarts_total', 'Subsystem respawns after an unexpected exit', ['subsystem']);

  const fill = (doc: StatusDocument): void => {
    registry.resetMetrics();
    up.set(doc.live ? 1 : 0);
    for (const i of doc.instances) {
      const labels = instanceLabels(i);
      state.set(labels, STATE_NUMBER[i.state] ?? -1);
      for (const s of STATES) statePer.set({ ...labels, state: s }, i.state === s ? 1 : 0);
      if (i.basePriority !== null) basePriority.set(labels, i.basePriority);
      if (i.effectivePriority !== null) effectivePriority.set(labels, i.effectivePriority);
      transitions.inc(labels, i.transitions);
      for (const [key, metric] of counters) metric.inc(labels, i.counters[key] ?? 0);
      for (const reason of PACKET_ERRORS) packetErrors.inc({ ...labels, reason }, i.counters[reason] ?? 0);
    }
    for (const g of doc.syncGroups) for (const s of STATES) groupState.set({ group: g.name, state: s }, g.state === s ? 1 : 0);
    for (const t of doc.trackedObjects) {
      if (t.up !== null) trackedUp.set({ kind: t.kind, name: t.name }, t.up ? 1 : 0);
      if (t.kind === 'script' && t.up !== null) scriptStatus.set({ name: t.name }, t.up ? 1 : 0);
      if (t.value !== null) trackedValue.set({ name: t.name }, t.value);
    }
    for (const s of doc.subsystems) {
      subsystemUp.set({ subsystem: s.name }, s.up ? 1 : 0);
      restarts.inc({ subsystem: s.name }, s.restarts);
    }
  };

  let chain: Promise<unknown> = Promise.resolve();
  return {
    render() {
      const next = chain.then(async () => {
        await view.refresh?.();
        fill(view.document());
        return { body: await registry.metrics(), contentType: registry.contentType };
      });
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

function instanceLabels(i: InstanceDoc): Record<(typeof INSTANCE_LABELS)[number], string> {
  return { iname: i.name, intf: i.interface ?? '', vrid: i.vrid === null ? '' : String(i.vrid) };
}
