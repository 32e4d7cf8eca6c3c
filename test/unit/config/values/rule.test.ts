import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRule } from '../../../../src/config/values/rule.js';

const ok = (line: string) => {
  const r = parseRule(line.split(' '));
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r;
};
const fails = (line: string, message: string | RegExp) => {
  const r = parseRule(line.split(' '));
  assert.equal(r.ok, false, line);
  if (r.ok) return;
  if (typeof message === 'string') assert.equal(r.message, message);
  else assert.match(r.message, message);
};

test('rule: from, to, table, priority', () => {
  assert.deepEqual(ok('from 192.168.2.0/24 table 1 priority 100').spec, {
    family: 'ipv4', from: '192.168.2.0', fromPrefixLength: 24, table: 1, action: 'table', priority: 100,
  });
  assert.deepEqual(ok('to 192.168.2.0/24 lookup main preference 7').spec, {
    family: 'ipv4', to: '192.168.2.0', toPrefixLength: 24, table: 254, action: 'table', priority: 7,
  });
  assert.equal(ok('from 10.0.0.1 table 1 order 3').spec.fromPrefixLength, 32);
  assert.equal(ok('from all table 1 priority 3').spec.from, undefined);
});

test('rule: fwmark/mask, tos, iif, oif, not, inet6', () => {
  assert.deepEqual(ok('not from 10.0.0.0/8 fwmark 0x10/0xff tos 22 iif eth0 oif eth1 table 5 priority 8').spec, {
    family: 'ipv4', from: '10.0.0.0', fromPrefixLength: 8, priority: 8, table: 5, action: 'table', fwmark: 16, fwmask: 255, tos: 22,
    iif: 'eth0', oif: 'eth1', invert: true,
  });
  assert.equal(ok('fwmark 3 table 3 priority 1').spec.fwmask, undefined);
  assert.equal(ok('inet6 fwmark 3 table 3 priority 1').spec.family, 'ipv6');
  assert.equal(ok('to 1:2:3:4:5:6:7:0/112 from 7:6:5:4:3:2::/96 table 6908 priority 2').spec.family, 'ipv6');
});

test('rule: actions', () => {
  for (const action of ['blackhole', 'unreachable', 'prohibit', 'nop'] as const) {
    assert.equal(ok(`from 10.0.0.0/8 ${action} priority 10`).spec.action, action);
  }
  const g = ok('from 10.0.0.0/8 goto 20 priority 11').spec;
  assert.equal(g.action, 'goto');
  assert.deepEqual(g.attributes, { goto: 20 });
});

test('rule: other selectors are kept as attributes', () => {
  assert.deepEqual(
    ok('from 8:6:5:4:3:2::/96 l3mdev protocol 12 ip_proto udp sport 10-20 dport 20-30 uidrange 10000-19999 realms 30/20 suppress_prefixlength 0 table 1 priority 4').spec.attributes,
    { l3mdev: 1, protocol: '12', ip_proto: 'udp', sport: '10-20', dport: '20-30', uidrange: '10000-19999', realms: '30/20', suppress_prefixlength: 0 },
  );
  assert.equal(ok('from 10.0.0.0/8 table 1 priority 4 no_track track_group G').spec.priority, 4);
});

test('rule: errors and warnings', () => {
  fails('from 10.0.0.0/8 to 2001::/64 table 1 priority 1', 'rule specification has mixed IPv4 and IPv6');
  fails('not from 10.0.0.0/8 table 5 pref 8', 'Unknown rule option pref');
  fails('from 10.0.0.0/8 table bogus priority 12', 'Routing table bogus not found for rule');
  fails('from 10.0.0.0/8 priority 13', 'No action specified for rule - ignoring');
  fails('from 10.0.0.0/8 fwmark 1/x table 1', 'Invalid rule fwmark 1/x specified');
  fails('from 10.0.0.0/8 table 1 priority x', 'Invalid rule preference x specified');
  fails('from bogus table 1', 'Invalid rule from address bogus');
  fails('from 10.0.0.0/8 table', /missing a parameter after keyword `table`/);
  const r = ok('from 10.0.0.0/8 table 1');
  assert.match((r.ok && r.warnings[0]) || '', /no preference specified/);
});
