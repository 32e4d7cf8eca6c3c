import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './run.js';

test('a clean instance builds the model with keepalived defaults', () => {
  const r = run(`vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 150
  advert_int 2
  authentication {
    auth_type PASS
    auth_pass secret
  }
  virtual_ipaddress {
    192.168.1.100/24 dev eth0 label eth0:1
  }
}`);
  assert.deepEqual(r.lines, []);
  assert.equal(r.exit, 0);
  const i = r.config.vrrp.instances[0];
  assert.ok(i);
  assert.equal(i.virtualRouterId, 51);
  assert.equal(i.priority, 150);
  assert.equal(i.advertIntMs, 2000);
  assert.equal(i.virtualAddresses[0]?.prefixLength, 24);
  assert.equal(i.virtualAddresses[0]?.label, 'eth0:1');
  assert.equal(i.authentication?.pass, 'secret');
});

test('parse-time messages and post-parse checks as keepalived 2.2.7 prints them', () => {
  const r = run(`vrrp_script chk1 {
  script "/nonexistent/x.sh"
  weight 300
  fall 0
}
vrrp_script chk2 {
  script "/bin/true"
}
vrrp_instance VI_1 {
  state MASTERX
  interface eth1
  virtual_router_id 1
  priority 255
  nopreempt
  authentication {
    auth_type XX
    auth_pass 123456789
  }
  track_script {
    chk1
    chk2 weight 10
    nosuch
  }
  track_interface {
    eth1 weight 300
  }
}
vrrp_instance VI_2 {
  state MASTER
  interface eth0
  virtual_router_id 1
  nopreempt
  advert_int 1.5
  virtual_ipaddress {
    10.0.0.1
  }
}
vrrp_instance VI_3 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
    10.0.0.2
  }
}`);
  assert.deepEqual(r.lines, [
    "(k.conf: Line 3) number '300' outside range [-253, 253]",
    '(k.conf: Line 3) vrrp_script chk1 weight 300 must be in [-253, 253]',
    "(k.conf: Line 4) number '0' outside range [1, 2147483647]",
    "(k.conf: Line 4) (chk1): vrrp script fall value '0' invalid, defaulting to 1",
    "(k.conf: Line 10) (VI_1) unknown state 'MASTERX', defaulting to BACKUP",
    "(k.conf: Line 16) (VI_1) unknown authentication type 'XX'",
    '(k.conf: Line 17) Truncating auth_pass to 8 characters',
    '(k.conf: Line 22) (VI_1) track script nosuch not found, ignoring...',
    "(k.conf: Line 25) number '300' outside range [-254, 254]",
    '(k.conf: Line 25) (VI_1) weight 300 for eth1 must be between [-253..253] inclusive. Ignoring...',
    'Disabling track script chk1 since not found/accessible',
    'SECURITY VIOLATION - scripts are being executed but script_security not enabled.',
    '(VI_1) No VIP specified; at least one is sensible',
    '(VI_1) nopreempt is incompatible with priority 255. resetting nopreempt',
    '(VI_1) ignoring tracked script chk2 with weights due to address_owner',
    '(VI_2) nopreempt is incompatible with priority 255. resetting nopreempt',
    '(VI_2) VRRPv2 advertisement interval 1.500000s must be an integer. rounding',
    'VI_2 and VI_3 both use VRID 1 with IPv4 on interface eth0',
  ]);
  assert.equal(r.exit, 6);
});

test('a missing interface stops keepalived before the post-parse checks', () => {
  const r = run(`vrrp_script chk2 {
  script "/bin/true"
}
vrrp_instance VI_1 {
  interface eth9
  virtual_router_id 1
  track_script {
    chk2
  }
}`);
  assert.deepEqual(r.lines, [
    "(k.conf: Line 5) WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist",
    'Non-existent interface specified in configuration',
  ]);
  assert.equal(r.exit, 5);
});

test('virtual_ipaddress lines', () => {
  const r = run(`vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
   10.0.0.5/33
   10.0.0.08
   10.0.0.11 bogus
   10.0.0.12/24 scope bogus
   fe80::1/64
   10.0.0.13 label
  }
}`);
  assert.deepEqual(r.lines, [
    "(k.conf: Line 5) number '33' outside range [0, 32]",
    '(k.conf: Line 5) Invalid address prefix len 33 for address 10.0.0.5/33 - using 32',
    '(k.conf: Line 6) VRRP parsed invalid IP 10.0.0.08. skipping IP...',
    "(k.conf: Line 7) Unknown configuration entry 'bogus' for ip address - ignoring",
    "(k.conf: Line 8) Invalid scope 'bogus' specified for 10.0.0.12/24 - ignoring",
    '(k.conf: Line 9) (VI_1): address family must match VRRP instance [fe80::1/64] - ignoring',
    '(k.conf: Line 10) No label parameter specified for 10.0.0.13',
  ]);
});
