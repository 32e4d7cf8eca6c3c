import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRemovedRoute, isRemovedRule } from '../../../../src/actors/vrrp/routing-match.js';
import type { RemovedRoute, RemovedRule } from '../../../../src/ports/routing.js';

const ifindexOf = (name: string) => ({ eth0: 2, eth1: 3 } as Record<string, number | undefined>)[name];
const removed: RemovedRoute = { family: 'ipv4', destination: '198.51.100.0', prefixLength: 24, table: 254, ifindex: 2, gateway: '192.0.2.254', metric: 0 };

test('a deleted route is ours when everything our line names matches', () => {
  const spec = { family: 'ipv4', destination: '198.51.100.0', prefixLength: 24, via: '192.0.2.254', interfaceName: 'eth0' } as const;
  assert.equal(isRemovedRoute(spec, removed, ifindexOf), true);
  assert.equal(isRemovedRoute({ ...spec, interfaceName: 'eth1' }, removed, ifindexOf), false);
  assert.equal(isRemovedRoute({ ...spec, via: '192.0.2.1' }, removed, ifindexOf), false);
  assert.equal(isRemovedRoute({ ...spec, table: 100 }, removed, ifindexOf), false);
  assert.equal(isRemovedRoute({ ...spec, metric: 5 }, removed, ifindexOf), false);
  assert.equal(isRemovedRoute({ ...spec, prefixLength: 25 }, removed, ifindexOf), false);
  // Unnamed fields are whatever the kernel chose; IPv6 text compares in canonical form.
  assert.equal(isRemovedRoute({ family: 'ipv4', destination: '198.51.100.0', prefixLength: 24 }, removed, ifindexOf), true);
  const v6: RemovedRoute = { family: 'ipv6', destination: '2001:db8::', prefixLength: 64, table: 254, ifindex: 2, metric: 1024 };
  assert.equal(isRemovedRoute({ family: 'ipv6', destination: '2001:0db8:0::', prefixLength: 64, interfaceName: 'eth0' }, v6, ifindexOf), true);
  const defaultRoute: RemovedRoute = { family: 'ipv4', destination: '0.0.0.0', prefixLength: 0, table: 254, ifindex: 2 };
  assert.equal(isRemovedRoute({ family: 'ipv4', destination: 'default', prefixLength: 0, interfaceName: 'eth0' }, defaultRoute, ifindexOf), true);
});

test('a deleted rule is ours when its selectors and what our line names match', () => {
  const rule: RemovedRule = { family: 'ipv4', from: '198.18.0.0', fromPrefixLength: 16, toPrefixLength: 0, priority: 1000, table: 100 };
  const spec = { family: 'ipv4', from: '198.18.0.0', fromPrefixLength: 16, table: 100, action: 'table' } as const;
  assert.equal(isRemovedRule(spec, rule), true);
  assert.equal(isRemovedRule({ ...spec, priority: 1000 }, rule), true);
  assert.equal(isRemovedRule({ ...spec, priority: 2000 }, rule), false);
  assert.equal(isRemovedRule({ ...spec, fromPrefixLength: 24 }, rule), false);
  assert.equal(isRemovedRule({ ...spec, to: '10.0.0.0', toPrefixLength: 8 }, rule), false);
  // `from all` (no selector) matches only a rule without one; a bare address is a host prefix.
  assert.equal(isRemovedRule({ family: 'ipv4', table: 100, action: 'table' }, { ...rule, from: undefined, fromPrefixLength: 0 }), true);
  assert.equal(isRemovedRule({ family: 'ipv4', from: '198.18.0.1', table: 100, action: 'table' }, { ...rule, from: '198.18.0.1', fromPrefixLength: 32 }), true);
});
