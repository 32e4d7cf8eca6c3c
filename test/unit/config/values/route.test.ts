import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoute, type LineContext } from '../../../../src/config/values/route.js';

const ok = (line: string) => {
  const r = parseRoute(line.split(' '));
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r;
};
const fails = (line: string, message: string | RegExp, context?: LineContext) => {
  const r = parseRoute(line.split(' '), context);
  assert.equal(r.ok, false, line);
  if (!r.ok) assert.match(r.message, typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
  return r;
};
/** The lines keepalived 2.2.7 prints for a line, in order (`-t` in a namespace). */
const said = (line: string, context?: LineContext): readonly string[] => {
  const r = parseRoute(line.split(' '), context);
  return r.ok ? r.warnings : [...(r.preceding ?? []), r.message];
};

test('route: destination, via/gw, src, dev/oif, table, metric, scope, protocol, onlink', () => {
  assert.deepEqual(ok('src 192.168.100.1 to 192.168.109.0/24 via 192.168.200.254 dev eth1').spec, {
    family: 'ipv4', destination: '192.168.109.0', prefixLength: 24, via: '192.168.200.254', interfaceName: 'eth1', source: '192.168.100.1',
  });
  const r = ok('0.0.0.0/0 gw 192.168.0.1 table 100 metric 5 scope link protocol bird onlink oif eth2').spec;
  assert.deepEqual(r, {
    family: 'ipv4', destination: '0.0.0.0', prefixLength: 0, via: '192.168.0.1', interfaceName: 'eth2', table: 100, metric: 5,
    scope: 'link', protocol: 12, onlink: true,
  });
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 preference 9').spec.metric, 9);
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 priority 0x10').spec.metric, 16);
  assert.equal(ok('10.0.0.0/8 via inet 1.2.3.4').spec.via, '1.2.3.4');
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 scope 200').spec.scope, '200');
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 protocol 99').spec.protocol, 99);
  assert.equal(ok('10.1.2.3 via 1.2.3.4').spec.prefixLength, 32);
  assert.equal(ok('default via 1.2.3.4').spec.destination, 'default');
});

test('route: table names and numbers', () => {
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 table main').spec.table, 254);
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 table local').spec.table, 255);
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 table default').spec.table, 253);
  assert.equal(ok('10.0.0.0/8 via 1.2.3.4 table 4294967295').spec.table, 4294967295);
  fails('10.0.0.0/8 via 1.2.3.4 table foo', 'Routing table foo not found for route');
  fails('10.0.0.0/8 via 1.2.3.4 table 4294967296', 'Routing table 4294967296 not found for route');
});

test('route: types', () => {
  assert.equal(ok('blackhole 192.168.114.0/24').spec.type, 'blackhole');
  for (const type of ['unreachable', 'prohibit', 'throw', 'local', 'unicast', 'broadcast', 'anycast', 'multicast', 'nat']) {
    assert.equal(ok(`${type} 10.1.0.0/16`).spec.type, type);
  }
});

test('route: IPv6, inet6 and expires', () => {
  assert.deepEqual(ok('2001:db8::/64 via fe80::1 dev eth0 expires 30').spec, {
    family: 'ipv6', destination: '2001:db8::', prefixLength: 64, via: 'fe80::1', interfaceName: 'eth0', attributes: { expires: 30 },
  });
  assert.equal(ok('inet6 default via 2001:db8::1').spec.family, 'ipv6');
  fails('10.0.0.0/8 via 1.2.3.4 expires 5', 'expires is only valid for IPv6');
  fails('10.5.0.0/16 via 2001::1', 'Cannot mix IPv4 and IPv6 addresses for route');
  fails('inet6 10.5.0.0/16', 'Cannot mix IPv4 and IPv6 addresses for route');
});

test('route: metrics and other attributes', () => {
  const r = ok('10.9.0.0/16 via 1.2.3.4 mtu lock 1400 advmss 1200 hoplimit 3 window 5 rtt 6 rttvar 7 reordering 8 cwnd 9 ssthresh 10 rto_min 11 initcwnd 12 initrwnd 13 quickack 1 fastopen_no_cookie 1 tos 0x10 realms 3/4 congctl cubic features ecn pref high append');
  assert.deepEqual(r.spec.attributes, {
    mtu_lock: 1, mtu: 1400, advmss: 1200, hoplimit: 3, window: 5, rtt: 6, rttvar: 7, reordering: 8, cwnd: 9, ssthresh: 10,
    rto_min: 11, initcwnd: 12, initrwnd: 13, quickack: 1, fastopen_no_cookie: 1, tos: 16, realms: '3/4', congctl: 'cubic',
    features: 'ecn', pref: 'high', mode: 'append',
  });
  fails('10.9.0.0/16 via 1.2.3.4 mtu abc', 'Invalid mtu abc for route');
  fails('10.9.0.0/16 via 1.2.3.4 mtu lock', /missing a parameter after keyword `lock`/);
});

test('route: keepalived-only words are accepted', () => {
  assert.equal(ok('10.0.0.0/8 dev eth0 no_track').spec.interfaceName, 'eth0');
  assert.equal(ok('10.0.0.0/8 dev eth0 track_group G1').spec.interfaceName, 'eth0');
});

test('route: track_group is a keyword of static_routes only, and keepalived 2.2.7 never finds its group', () => {
  assert.deepEqual(said('10.0.0.0/8 dev eth0 track_group G1', 'static'), ['track_group G1 not found']);
  assert.deepEqual(said('10.0.0.0/8 dev eth0 track_group G1', 'instance'), ['VRRP parsed invalid IP track_group. skipping IP...', 'unknown route keyword track_group']);
});

test('route: without an interface (and without no_track) keepalived says it cannot track it, in the words written', () => {
  assert.deepEqual(said('10.0.0.0/8 via 1.2.3.4'), ['Warning - cannot track route 10.0.0.0/8 with no interface specified, not tracking']);
  assert.deepEqual(said('default via 1.2.3.4 table 5'), ['Warning - cannot track route default with no interface specified, not tracking']);
  assert.deepEqual(said('src 1.2.3.5 to 10.1.2.3 via 1.2.3.4'), ['Warning - cannot track route 10.1.2.3 with no interface specified, not tracking']);
  assert.deepEqual(said('blackhole 10.9.0.0/16'), ['Warning - cannot track route 10.9.0.0/16 with no interface specified, not tracking']);
  assert.deepEqual(said('10.0.0.0/8 via 1.2.3.4 oif eth0'), []);
  assert.deepEqual(said('10.0.0.0/8 via 1.2.3.4 no_track'), []);
});

test('route: errors', () => {
  // Any other word is read as the destination: no address, two lines; another address replaces it.
  assert.deepEqual(said('10.1.0.0/16 bogus 3'), ['VRRP parsed invalid IP bogus. skipping IP...', 'unknown route keyword bogus']);
  assert.deepEqual(said('bogus'), ['VRRP parsed invalid IP bogus. skipping IP...', 'unknown route keyword bogus']);
  assert.deepEqual(said('to bogus dev eth0'), ['VRRP parsed invalid IP bogus. skipping IP...', 'unknown route keyword bogus']);
  assert.equal(ok('10.1.0.0/16 to 10.2.0.0/16 dev eth0').spec.destination, '10.2.0.0');
  fails('10.2.0.0/16 metric abc', 'Invalid metric abc specified for route');
  fails('10.2.0.0/16 metric -1', 'Invalid metric -1 specified for route');
  fails('10.6.0.0/16 scope weird', 'Scope weird not found or invalid for route');
  fails('10.7.0.0/16 protocol 300', 'Protocol 300 not found or invalid for route');
  fails('10.10.0.0/16 table', 'Configuration line starting `10.10.0.0/16` is missing a parameter after keyword `table` at word position 2');
  fails('via 1.2.3.4', 'Route must have a destination');
  fails('10.0.0.0/8 via 1.2.3', 'Invalid gateway address 1.2.3 for route');
  fails('10.0.0.0/8 src x', 'Invalid source address x for route');
  fails('10.0.0.0/8 via 1.2.3.4 tos 300', 'Invalid TOS 300 for route');
  fails('10.23.0.0/16 nexthop via 1.2.3.4 realms 3', /multipath/);
  fails('10.23.0.0/16 via 1.2.3.4 or 1.2.3.5', /multipath/);
  fails('10.23.0.0/16 nexthop weight 2', /multipath/);
});

test('route: multipath next hops with via, dev, weight and onlink', () => {
  const r = ok('10.88.0.0/16 table 200 nexthop via 192.168.50.254 dev eth0 weight 2 nexthop dev eth1 onlink');
  assert.deepEqual(r.spec.nexthops, [{ via: '192.168.50.254', interfaceName: 'eth0', weight: 2 }, { interfaceName: 'eth1', onlink: true }]);
  assert.equal(r.spec.table, 200);
  // No interface of its own: keepalived does not follow it.
  assert.deepEqual(r.ok && r.warnings, ['Warning - cannot track route 10.88.0.0/16 with no interface specified, not tracking']);
  fails('10.88.0.0/16 nexthop via 2001:db8::1', 'Cannot mix IPv4 and IPv6 addresses for route');
});

test('route: a prefix length over the maximum, or no number, is the maximum, with the number\'s line and the address\'s', () => {
  const r = ok('10.4.0.0/33 dev eth0');
  assert.equal(r.spec.prefixLength, 32);
  assert.deepEqual(r.ok && r.warnings, ["number '33' outside range [0, 32]", 'Invalid address prefix len 33 for address 10.4.0.0/33 - using 32']);
  assert.deepEqual(said('2001:db8::/129 dev eth0'), ["number '129' outside range [0, 128]", 'Invalid address prefix len 129 for address 2001:db8::/129 - using 128']);
  assert.deepEqual(said('10.5.0.0/abc dev eth0'), ["invalid number 'abc'", 'Invalid address prefix len abc for address 10.5.0.0/abc - using 32']);
});
