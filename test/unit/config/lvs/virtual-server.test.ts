import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, vs } from './harness.js';

test('a complete virtual server parses quietly with its settings', () => {
  const r = parse(
    vs(`  delay_loop 6
  persistence_timeout 50
  quorum 2
  hysteresis 1
  sorry_server 10.9.9.9 80
  sorry_server_inhibit
  real_server 10.2.2.2 80 {
    weight 3
    inhibit_on_failure
    TCP_CHECK {
      connect_port 80
      connect_timeout 3
    }
  }`),
  );
  assert.deepEqual(r.lines, []);
  assert.equal(r.exitCode, 0);
  const v = r.config.lvs.virtualServers[0];
  assert.ok(v);
  assert.deepEqual(v.address, { kind: 'address', family: 'inet', address: '10.1.1.1', port: 80 });
  assert.equal(v.delayLoopMs, 6000);
  assert.equal(v.persistenceTimeoutS, 50);
  assert.equal(v.quorum, 2);
  assert.equal(v.sorryServer?.inhibit, true);
  const rs = v.realServers[0];
  assert.equal(rs?.weight, 3);
  assert.equal(rs?.inhibitOnFailure, true);
  assert.deepEqual(rs?.checkers.map((c) => c.type), ['TCP_CHECK']);
});

test('missing protocol, scheduler and method are defaulted with keepalived\'s notes', () => {
  const r = parse('virtual_server 10.1.1.1 80 {\n  real_server 10.2.2.2 80 {\n  }\n}\n');
  assert.deepEqual(r.lines, [
    'Virtual server [10.1.1.1]:none:80: no protocol set - defaulting to UDP',
    "Virtual server [10.1.1.1]:udp:80: no scheduler set, setting default 'wlc'",
    'Virtual server [10.1.1.1]:udp:80: no forwarding method set, setting default NAT',
  ]);
  assert.equal(r.exitCode, 5);
  assert.equal(r.config.lvs.virtualServers[0]?.protocol, 'UDP');
});

test('protocol on a fwmark service is a warning', () => {
  const r = parse(vs('  real_server 10.2.2.2 {\n  }', 'fwmark 1'));
  assert.deepEqual(r.lines, ['Warning: Virtual server FWM 1: protocol specified for fwmark - protocol will be ignored']);
  assert.equal(r.exitCode, 5);
});

test('a virtual server without real servers is dropped', () => {
  const r = parse(vs(''));
  assert.deepEqual(r.lines, ['Virtual server [10.1.1.1]:tcp:80 has no real servers - ignoring']);
  assert.equal(r.config.lvs.virtualServers.length, 0);
});

test('port 0 needs persistence', () => {
  const r = parse(vs('  real_server 10.2.2.2 80 {\n  }', '10.1.1.1'));
  assert.deepEqual(r.lines, ['Virtual server [10.1.1.1]:tcp:0: zero port only valid for persistent services - setting']);
});

test('bad values are reported with keepalived\'s wording and ignored', () => {
  const r = parse(
    vs(`  delay_loop abc
  connect_timeout x
  retry 0
  delay_before_retry -1
  lb_algo zzz
  persistence_timeout 0
  quorum 0
  hysteresis -1
  real_server 10.2.2.2 80 {
    weight -1
  }`),
  );
  assert.deepEqual(r.lines, [
    "(t.conf: Line 5) invalid number 'abc'",
    "(t.conf: Line 5) virtual server delay loop 'abc' invalid - ignoring",
    "(t.conf: Line 6) invalid number 'x'",
    '(t.conf: Line 6) virtual server connect_timeout x invalid - ignoring',
    "(t.conf: Line 7) number '0' outside range [1, 4294967295]",
    '(t.conf: Line 7) retry value invalid - 0',
    "(t.conf: Line 8) negative number '-1'",
    "(t.conf: Line 8) virtual server delay before retry '-1' invalid - ignoring",
    "(t.conf: Line 9) Invalid lvs_scheduler 'zzz' - ignoring",
    "(t.conf: Line 10) number '0' outside range [1, 2678400]",
    '(t.conf: Line 10) persistence_timeout invalid',
    "(t.conf: Line 11) number '0' outside range [1, 4294967295]",
    '(t.conf: Line 11) Quorum 0 must be in [1, 4294967295]. Setting to 1.',
    "(t.conf: Line 12) negative number '-1'",
    '(t.conf: Line 12) Hysteresis -1 must be in [0, 4294967295] - ignoring',
    "(t.conf: Line 14) negative number '-1'",
    '(t.conf: Line 14) Real server weight -1 is outside range 0-2147483647',
  ]);
  const v = r.config.lvs.virtualServers[0];
  assert.equal(v?.scheduler, 'rr');
  assert.equal(v?.delayLoopMs, undefined);
});

test('a warmup that is not a number reads as 0 after the complaint', () => {
  const r = parse(vs('  warmup z\n  real_server 10.2.2.2 80 {\n  }'));
  assert.deepEqual(r.lines, ["(t.conf: Line 5) invalid number 'z'"]);
  assert.equal(r.config.lvs.virtualServers[0]?.warmupMs, 0);
});

test('invalid addresses skip the whole server block', () => {
  const r = parse(vs('  real_server 10.2.2.x 80 {\n    weight 2\n  }', '10.1.1.300 80'));
  assert.deepEqual(r.lines, ['(t.conf: Line 1) Invalid virtual server IP address/port 10.1.1.300/80 - skipping']);
  const r2 = parse(vs('  real_server 10.2.2.x 80 {\n    weight 2\n  }'));
  assert.deepEqual(r2.lines, [
    '(t.conf: Line 5) Invalid real server ip address/port 10.2.2.x/80 - skipping',
    'Virtual server [10.1.1.1]:tcp:80 has no real servers - ignoring',
  ]);
});

test('real servers of another family are skipped unless tunnelled', () => {
  const r = parse(vs('  real_server 10.2.2.2 80 {\n  }\n  real_server 2001:db8::2 80 {\n    lvs_method TUN\n  }', '2001:db8::1 80'));
  assert.equal(r.lines[0], "(t.conf: Line 6) Address family of virtual server and real server 10.2.2.2 don't match - skipping real server.");
  assert.deepEqual(r.config.lvs.virtualServers[0]?.realServers.map((s) => s.address), ['2001:db8::2']);
});

test('duplicate real servers, ops on TCP and hysteresis over quorum are corrected', () => {
  const r = parse(vs('  ops\n  quorum 3\n  hysteresis 5\n  real_server 10.2.2.2 80 {\n  }\n  real_server 10.2.2.2 80 {\n  }'));
  assert.deepEqual(r.lines, [
    'Virtual server [10.1.1.1]:tcp:80: one packet scheduling requires UDP - resetting',
    'VS [10.1.1.1]:tcp:80: real server [10.2.2.2]:tcp:80 is duplicated - removing second rs',
    'Virtual server [10.1.1.1]:tcp:80: hysteresis 5 >= quorum 3; setting hysteresis to 2',
  ]);
  assert.equal(r.config.lvs.virtualServers[0]?.hysteresis, 2);
});

test('tunnel options are checked', () => {
  const r = parse(vs('  lvs_method TUN type gue\n  sorry_server_inhibit\n  real_server 10.2.2.2 80 {\n    lvs_method TUN type gue port 6080 csum\n  }'));
  assert.deepEqual(r.lines, [
    '(t.conf: Line 5) gue tunnels require port, otherwise cannot have port.',
    '(t.conf: Line 6) Ignoring sorry_server inhibit used before or without sorry_server',
  ]);
  assert.deepEqual(r.config.lvs.virtualServers[0]?.realServers[0]?.method, {
    method: 'TUN',
    tunnelType: 'gue',
    tunnelPort: 6080,
    tunnelChecksum: 'csum',
  });
});

test('lb_kind is a virtual server keyword only', () => {
  const r = parse(vs('  real_server 10.2.2.2 80 {\n    lb_kind DR\n  }'));
  assert.deepEqual(r.lines, ["(t.conf: Line 6) Unknown keyword 'lb_kind'"]);
});
