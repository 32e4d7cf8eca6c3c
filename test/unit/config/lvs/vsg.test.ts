import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, vs } from './harness.js';
import { parseRange } from '../../../../src/config/keywords/lvs/vsg.js';

test('address ranges in their three forms', () => {
  assert.deepEqual(parseRange('192.168.200.3-10'), { family: 'inet', first: '192.168.200.3', last: '192.168.200.10' });
  assert.deepEqual(parseRange('192.168.200.250-192.168.201.10'), { family: 'inet', first: '192.168.200.250', last: '192.168.201.10' });
  assert.deepEqual(parseRange('192.168.202.13/29'), { family: 'inet', first: '192.168.202.8', last: '192.168.202.15' });
  assert.deepEqual(parseRange('2001:db8::1-ff'), { family: 'inet6', first: '2001:db8::1', last: '2001:db8::ff' });
  assert.equal(parseRange('10.0.0.300'), undefined);
  assert.equal(parseRange('10.0.0.9-3'), undefined);
});

test('a group with addresses, ranges and fwmarks serves a virtual server', () => {
  const r = parse(
    'virtual_server_group VSG_1 {\n  10.0.0.1 8080\n  192.168.200.3-10 80\n  fwmark 1\n}\n' + vs('  real_server 10.2.2.2 80 {\n  }', 'group VSG_1'),
  );
  assert.deepEqual(r.lines, []);
  const g = r.config.lvs.groups[0];
  assert.equal(g?.ranges.length, 2);
  assert.deepEqual(g?.fwmarks, [{ mark: 1, family: undefined }]);
  assert.deepEqual(r.config.lvs.virtualServers[0]?.address, { kind: 'group', name: 'VSG_1' });
});

test('bad entries, empty groups and mixed families without fwmark family', () => {
  const r = parse('virtual_server_group G1 {\n  10.0.0.300 80\n  fwmark 0x10\n  fwmark 5\n  10.0.0.1 80\n  2001:db8::1 80\n}\nvirtual_server_group EMPTY {\n}\n');
  assert.deepEqual(r.lines, [
    '(t.conf: Line 2) Invalid virtual server group IP address 10.0.0.300 /port/80 - skipping',
    "(t.conf: Line 3) invalid number '0x10'",
    "(t.conf: Line 3) (G1): fwmark '0x10' must be in [0, 4294967295] - ignoring",
    '(t.conf: Line 7) virtual server group G1 cannot have IPv4, IPv6 and fwmark without family - removing',
    '(t.conf: Line 9) virtual server group EMPTY has no entries - removing',
  ]);
  assert.equal(r.config.lvs.groups.length, 0);
});

test('a virtual server naming an unknown group is dropped silently', () => {
  const r = parse('virtual_server group NOPE {\n  real_server 10.2.2.2 80 {\n  }\n}\n');
  assert.deepEqual(r.lines, []);
  assert.equal(r.config.lvs.virtualServers.length, 0);
});

test('group virtual servers are named by the group in defaults notes', () => {
  const r = parse('virtual_server_group G2 {\n  10.0.0.1 80\n}\nvirtual_server group G2 {\n  real_server 10.2.2.2 80 {\n  }\n}\n');
  assert.deepEqual(r.lines, [
    'Virtual server [G2]:0: no protocol set - defaulting to UDP',
    "Virtual server [G2]:0: no scheduler set, setting default 'wlc'",
    'Virtual server [G2]:0: no forwarding method set, setting default NAT',
  ]);
});
