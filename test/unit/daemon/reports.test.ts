import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstanceStatus, VrrpStatus } from '../../../src/actors/vrrp/subsystem.js';
import { loadConfig } from '../../../src/config/load.js';
import { formatStats } from '../../../src/cli/daemon/report-stats.js';
import { formatParentData, formatTimeval, formatVrrpData } from '../../../src/cli/daemon/report-data.js';
import { formatJson } from '../../../src/cli/daemon/report-json.js';
import { writeReportFile } from '../../../src/io/process/report-file.js';
import { MemoryConfigHost } from '../../../src/sim/memory-config-host.js';
import type { StatsCounter } from '../../../src/protocol/index.js';

const conf = `global_defs {
  router_id test1
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  advert_int 1
  virtual_ipaddress {
    10.9.9.100/24
  }
}
`;

function config() {
  const loaded = loadConfig('/etc/keepalived/keepalived.conf', { configId: 'x', allConfig: false, configTest: false }, new MemoryConfigHost({ files: { '/etc/keepalived/keepalived.conf': conf }, interfaces: ['lo', 'eth0'] }));
  assert.equal(loaded.config.vrrp.instances.length, 1);
  return loaded.config;
}

const counters = (values: Partial<Record<StatsCounter, number>>): Record<StatsCounter, number> => {
  const all = ['advert_rcvd', 'advert_sent', 'become_master', 'release_master', 'packet_len_err', 'advert_interval_err', 'ip_ttl_err', 'invalid_type_rcvd', 'addr_list_err', 'invalid_authtype', 'authtype_mismatch', 'auth_failure', 'pri_zero_rcvd', 'pri_zero_sent', 'chk_err', 'vers_err', 'vrid_err'] as const;
  return Object.fromEntries(all.map((c) => [c, values[c] ?? 0])) as Record<StatsCounter, number>;
};

const instance: InstanceStatus = {
  name: 'VI_1', vrid: 51, family: 'ipv4', interfaceName: 'eth0', state: 'MASTER', basePriority: 100, effectivePriority: 100,
  masterAddress: '10.9.9.1', masterPriority: 100, lastTransitionMs: 1795310729001.732, lastTransitionReason: undefined, syncGroup: undefined,
  counters: counters({ advert_sent: 3, become_master: 1, ip_ttl_err: 2, auth_failure: 5, pri_zero_sent: 1 }), vipsInstalled: true,
};
const status: VrrpStatus = { instances: [instance], syncGroups: [] };

test('stats file: keepalived 2.2.7 layout, counter for counter', () => {
  assert.equal(formatStats(status), [
    'VRRP Instance: VI_1', '  Advertisements:', '    Received: 0', '    Sent: 3', '  Became master: 1', '  Released master: 0',
    '  Packet Errors:', '    Length: 0', '    TTL: 2', '    Invalid Type: 0', '    Advertisement Interval: 0', '    Address List: 0',
    '  Authentication Errors:', '    Invalid Type: 0', '    Type Mismatch: 0', '    Failure: 5',
    '  Priority Zero:', '    Received: 0', '    Sent: 1', '',
  ].join('\n'));
  assert.equal(formatStats({ instances: [], syncGroups: [] }), '');
});

test('data files: global definitions, then the VRRP topology', () => {
  const cfg = config();
  const parent = formatParentData(cfg, 'host');
  assert.match(parent, /^------< Global definitions >------\n Network namespace = \(default\)\n Router ID = test1\n/);
  assert.match(parent, /\n VRRP IPv4 mcast group = 224\.0\.0\.18\n/);
  assert.match(parent, /\n Gratuitous ARP delay = 5\n Gratuitous ARP repeat = 5\n/);
  const data = formatVrrpData(cfg, status, 'host');
  assert.ok(data.startsWith(parent.trimEnd()));
  const topology = data.slice(data.indexOf('------< VRRP Topology >------'));
  assert.match(topology, /^------< VRRP Topology >------\n VRRP Instance = VI_1\n {3}VRRP Version = 2\n {3}State = MASTER\n/);
  assert.match(topology, /\n {3}Last transition = 1795310729\.001732 \(\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d\.001732 2026\)\n/);
  assert.match(topology, /\n {3}Virtual Router ID = 51\n {3}Priority = 100\n {3}Effective priority = 100\n {3}Advert interval = 1 sec\n/);
  assert.match(topology, /\n {3}Virtual IP \(1\):\n {5}10\.9\.9\.100\/24 dev eth0 scope global set\n/);
  // A monotonic transition time is not shown as a date.
  assert.doesNotMatch(formatVrrpData(cfg, { instances: [{ ...instance, lastTransitionMs: 1234 }], syncGroups: [] }, 'h'), /Last transition/);
  assert.equal(formatTimeval(1000.5), '1.000500 (' + formatTimeval(1000.5).slice(10));
});

test('json file: keepalived\'s v1 array with escaped slashes and numeric states', () => {
  const text = formatJson(config(), status);
  assert.match(text, /"vips":\["10\.9\.9\.100\\\/24 dev eth0 scope global"\]/);
  const parsed = JSON.parse(text) as { data: Record<string, unknown>; stats: Record<string, number> }[];
  assert.equal(parsed.length, 1);
  assert.deepEqual([parsed[0]!.data['iname'], parsed[0]!.data['state'], parsed[0]!.data['vrid'], parsed[0]!.data['last_transition']], ['VI_1', 2, 51, 1795310729.001732]);
  assert.deepEqual(Object.keys(parsed[0]!.stats).slice(0, 6), ['advert_rcvd', 'advert_sent', 'become_master', 'release_master', 'packet_len_err', 'advert_interval_err']);
  assert.equal(parsed[0]!.stats['auth_failure'], 5);
});

test('report files are owner-only and never written through a symlink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-report-'));
  try {
    const path = join(dir, 'keepalived.stats');
    writeFileSync(path, 'old old old old\n');
    assert.equal(writeReportFile(path, 'new\n'), undefined);
    assert.equal(readFileSync(path, 'utf8'), 'new\n');
    assert.equal(lstatSync(path).mode & 0o777, 0o600);
    const target = join(dir, 'target');
    writeFileSync(target, 'precious');
    const link = join(dir, 'keepalived.data');
    symlinkSync(target, link);
    assert.match(writeReportFile(link, 'x') ?? '', /^Unable to open .*keepalived\.data - errno \d+$/);
    assert.equal(readFileSync(target, 'utf8'), 'precious');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
