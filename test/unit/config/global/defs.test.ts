import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../vrrp/run.js';
import { stubHost } from '../../../support/stub-host.js';

test('global_defs reports without the file name, as keepalived does', () => {
  const r = run(`global_defs {
  router_id x
  vrrp_garp_master_delay 99999
  vrrp_garp_master_delay abc
  vrrp_version 4
  smtp_server 1.2.3.4 99999
  vrrp_lower_prio_no_advert bogus
  vrrp_garp_master_refresh 1.5
  vrrp_startup_delay 99999
  vrrp_iptables
  vrrp_garp_master_repeat 0
}`);
  assert.deepEqual(r.lines, [
    "(Line 3) number '99999' outside range [0, 4294]",
    "(Line 3) vrrp_garp_master_delay '99999' invalid - ignoring",
    "(Line 4) invalid number 'abc'",
    "(Line 4) vrrp_garp_master_delay 'abc' invalid - ignoring",
    "(Line 5) number '4' outside range [2, 3]",
    '(Line 5) VRRP Error: Version must be either 2 or 3',
    "(Line 6) number '99999' outside range [1, 65535]",
    '(Line 6) Invalid smtp server 1.2.3.4 99999',
    '(Line 7) Invalid value for vrrp_lower_prio_no_advert specified',
    "(Line 8) invalid number '1.5'",
    "(Line 8) Invalid vrrp_garp_master_refresh '1.5' - ignoring",
    "(Line 9) number '99999' outside range [0.001000, 4294.967295]",
    "(Line 9) vrrp_startup_delay '99999' is invalid",
    "(Line 10) iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option",
    '(Line 11) vrrp_garp_master_repeat must be greater than 0, setting to 1',
  ]);
  assert.equal(r.config.global.routerId, 'x');
  assert.equal(r.config.global.vrrpGarpMasterDelayMs, 5000);
});

test('script_user of a missing user removes scripts without their own user', () => {
  const r = run(
    `global_defs {
  enable_script_security
  script_user node
}
vrrp_script chk {
  script "/bin/true"
}`,
    stubHost(),
  );
  assert.deepEqual(r.lines, [
    '(Line 3) Error setting global script uid/gid',
    '(k.conf: Line 7) Unable to set default user for vrrp script chk - removing',
  ]);
  assert.equal(r.config.vrrp.scripts.length, 0);
  assert.equal(r.exit, 5);
});
