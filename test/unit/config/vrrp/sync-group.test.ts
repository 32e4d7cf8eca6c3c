import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './run.js';

const instance = (name: string, vrid: number): string => `vrrp_instance ${name} {
  interface eth0
  virtual_router_id ${vrid}
  virtual_ipaddress {
    10.0.0.${vrid}
  }
}`;

test('sync groups: unknown and doubly grouped members ignored, empty groups removed, groups of one warned', () => {
  const r = run(`vrrp_sync_group G {
  group {
    VI_1
    VI_X
  }
}
vrrp_sync_group H {
  group {
    VI_1
  }
}
vrrp_sync_group E {
  group {
  }
}
vrrp_sync_group OK {
  group {
    VI_2
    VI_3
  }
}
${instance('VI_1', 1)}
${instance('VI_2', 2)}
${instance('VI_3', 3)}`);
  assert.deepEqual(r.lines, [
    '(k.conf: Line 14) Warning - sync group E has empty group block',
    "Virtual router VI_X specified in sync group G doesn't exist - ignoring",
    "Sync group G has only 1 virtual router(s) - this probably isn't what you want",
    'Virtual router VI_1 cannot exist in more than one sync group; ignoring H',
    'Sync group H, no matching virtual router found in group declaration - removing',
    'Sync group E has no virtual router(s). removing',
  ]);
  assert.equal(r.exit, 5);
  assert.deepEqual(
    r.config.vrrp.syncGroups.map((g) => [g.name, g.members.map((m) => m.name)]),
    [['G', ['VI_1']], ['OK', ['VI_2', 'VI_3']]],
  );
});

test('a notify script given twice keeps the first and names the ignored command', () => {
  const r = run(`vrrp_sync_group G {
  group {
    VI_1
    VI_2
  }
  notify_master /bin/a
  notify_master "/bin/b arg"
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  notify_backup /x
  notify_backup /y z
  notify /q
  notify /r
  virtual_ipaddress {
    10.0.0.1
  }
}
${instance('VI_2', 2)}`);
  assert.deepEqual(r.lines, [
    '(k.conf: Line 7) vrrp group G: notify_master script already specified - ignoring /bin/b arg',
    '(k.conf: Line 13) (VI_1) notify_backup script already specified - ignoring /y',
    '(k.conf: Line 15) (VI_1) notify script already specified - ignoring /r',
  ]);
  assert.equal(r.config.vrrp.instances[0]?.notify.backup?.command, '/x');
  assert.equal(r.config.vrrp.syncGroups[0]?.notify.master?.command, '/bin/a');
});

test('routes and rules are checked at parse time with keepalived\'s wording; rules get default preferences', () => {
  const r = run(`static_routes {
  10.1.0.0/16 gw 192.168.0.1
  10.2.0.0/16 via 192.168.0.1 or 192.168.0.2
}
static_rules {
  from 10.1.0.0/16 table 100
  to 10.2.0./24 table 100
  from 10.3.0.0/16 table 101
}
${instance('VI_1', 1)}`);
  assert.deepEqual(r.lines, [
    '(k.conf: Line 2) "gw" for routes is deprecated. Please use "via"',
    '(k.conf: Line 2) Warning - cannot track route 10.1.0.0/16 with no interface specified, not tracking',
    '(k.conf: Line 3) "or" for routes is deprecated. Please use "nexthop"',
    '(k.conf: Line 3) Warning - cannot track route 10.2.0.0/16 with no interface specified, not tracking',
    '(k.conf: Line 6) Rule has no preference specified - setting to 16384. This is probably not what you want.',
    '(k.conf: Line 7) VRRP parsed invalid IP 10.2.0./24. skipping IP...',
    '(k.conf: Line 7) Invalid rule to address 10.2.0./24',
    '(k.conf: Line 8) Rule has no preference specified - setting to 16383. This is probably not what you want.',
  ]);
  // Multipath routes are kept (keepalived accepts them); the assigned preferences are kept too.
  assert.equal(r.config.vrrp.staticRoutes.length, 2);
  assert.deepEqual(r.config.vrrp.staticRules.map((x) => x.words.slice(-2)), [['preference', '16384'], ['preference', '16383']]);
});

test("track_group: a keyword of the static blocks only, whose group keepalived 2.2.7 never finds; unknown inside an instance", () => {
  const r = run(`vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
}
static_ipaddress {
  10.9.0.1/24 dev eth0 track_group G1
}
static_routes {
  10.8.0.0/16 via 10.0.0.254 dev eth0 track_group G1
}
static_rules {
  from 10.7.0.0/16 table 100 priority 5 track_group G1
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
    10.0.0.1 track_group G1
  }
  virtual_routes {
    10.6.0.0/16 via 10.0.0.254 dev eth0 track_group G1
  }
  virtual_rules {
    from 10.5.0.0/16 table 100 priority 6 track_group G1
  }
}
${instance('VI_2', 2)}`);
  assert.deepEqual(r.lines, [
    '(k.conf: Line 8) track_group G1 not found',
    '(k.conf: Line 11) track_group G1 not found',
    '(k.conf: Line 14) track_group G1 not found',
    "(k.conf: Line 20) Unknown configuration entry 'track_group' for ip address - ignoring",
    "(k.conf: Line 20) Unknown configuration entry 'G1' for ip address - ignoring",
    '(k.conf: Line 23) VRRP parsed invalid IP track_group. skipping IP...',
    '(k.conf: Line 23) unknown route keyword track_group',
    '(k.conf: Line 26) Unknown rule option track_group',
  ]);
  // The static entries are kept; the instance's route and rule are not.
  assert.equal(r.config.vrrp.staticAddresses.length, 1);
  assert.equal(r.config.vrrp.staticRoutes.length, 1);
  assert.equal(r.config.vrrp.staticRules.length, 1);
  assert.equal(r.config.vrrp.instances[0]?.virtualRoutes.length, 0);
  assert.equal(r.config.vrrp.instances[0]?.virtualRules.length, 0);
});
