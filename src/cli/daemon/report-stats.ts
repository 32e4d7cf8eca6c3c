/** /tmp/keepalived.stats (SIGUSR2, STATS_CLEAR) in keepalived 2.2.7's layout, one block per instance. */
import type { VrrpStatus } from '../../actors/vrrp/subsystem.js';

export function formatStats(status: VrrpStatus): string {
  const lines: string[] = [];
  for (const instance of status.instances) {
    const c = (name: keyof typeof instance.counters): number => instance.counters[name] ?? 0;
    lines.push(
      `VRRP Instance: ${instance.name}`,
      '  Advertisements:',
      `    Received: ${c('advert_rcvd')}`,
      `    Sent: ${c('advert_sent')}`,
      `  Became master: ${c('become_master')}`,
      `  Released master: ${c('release_master')}`,
      '  Packet Errors:',
      `    Length: ${c('packet_len_err')}`,
      `    TTL: ${c('ip_ttl_err')}`,
      `    Invalid Type: ${c('invalid_type_rcvd')}`,
      `    Advertisement Interval: ${c('advert_interval_err')}`,
      `    Address List: ${c('addr_list_err')}`,
      '  Authentication Errors:',
      `    Invalid Type: ${c('invalid_authtype')}`,
      `    Type Mismatch: ${c('authtype_mismatch')}`,
      `    Failure: ${c('auth_failure')}`,
      '  Priority Zero:',
      `    Received: ${c('pri_zero_rcvd')}`,
      `    Sent: ${c('pri_zero_sent')}`,
    );
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
