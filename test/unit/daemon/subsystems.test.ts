import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyConfig } from '../../../src/config/model/index.js';
import { planSubsystems } from '../../../src/cli/daemon/subsystems.js';
import { pidFiles } from '../../../src/cli/daemon/paths.js';
import type { KeepalivedConfig } from '../../../src/config/model/index.js';

const all = { runVrrp: true, runCheckers: true, runBfd: true, runAll: false };

test('VRRP runs when the config has instances or static addresses, unless -C; --all forces it', () => {
  const empty = emptyConfig();
  assert.equal(planSubsystems(all, empty).vrrp, false);
  assert.equal(planSubsystems({ ...all, runAll: true }, empty).vrrp, true);
  const withInstance = emptyConfig();
  withInstance.vrrp.instances.push({ name: 'VI_1' } as KeepalivedConfig['vrrp']['instances'][number]);
  assert.equal(planSubsystems(all, withInstance).vrrp, true);
  assert.equal(planSubsystems({ ...all, runVrrp: false }, withInstance).vrrp, false);
  const withStatic = emptyConfig();
  withStatic.vrrp.staticAddresses.push({} as KeepalivedConfig['vrrp']['staticAddresses'][number]);
  assert.equal(planSubsystems(all, withStatic).vrrp, true);
});

test('checkers and BFD: one clear line when wanted, nothing under -P / -B', () => {
  const cfg = emptyConfig();
  cfg.lvs.virtualServers.push({} as KeepalivedConfig['lvs']['virtualServers'][number]);
  cfg.bfd.instances.push({} as KeepalivedConfig['bfd']['instances'][number]);
  const plan = planSubsystems(all, cfg);
  assert.equal(plan.unavailable.length, 2);
  assert.match(plan.unavailable[0]!, /health-checker subsystem \(virtual_server\) is not available in this version/);
  assert.match(plan.unavailable[1]!, /BFD subsystem .* not available in this version/);
  assert.deepEqual(planSubsystems({ ...all, runCheckers: false, runBfd: false }, cfg).unavailable, []);
  assert.equal(planSubsystems({ ...all, runAll: true }, emptyConfig()).unavailable.length, 2);
});

test('pid file defaults as the man page gives them; options override', () => {
  assert.deepEqual(pidFiles({ pidFile: undefined, vrrpPidFile: undefined, checkersPidFile: undefined, bfdPidFile: undefined }), {
    parent: '/run/keepalived.pid', vrrp: '/run/keepalived_vrrp.pid', checker: '/run/keepalived_checkers.pid', bfd: '/run/keepalived_bfd.pid',
  });
  assert.equal(pidFiles({ pidFile: '/x/p', vrrpPidFile: '/x/v', checkersPidFile: undefined, bfdPidFile: undefined }).vrrp, '/x/v');
});
