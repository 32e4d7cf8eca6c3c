import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, render, words } from './helpers.js';

test('braces become lines of their own, outside quotes', () => {
  const conf = [
    'vrrp_instance VI_1 { state MASTER',
    'track_script { chk_haproxy }',
    'virtual_ipaddress { 10.0.0.2 }',
    'VI_1{',
    '}k9',
    '"k14{" x',
    'k15"{"x',
    '}',
    '}',
    '}',
    '}',
  ].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), [
    'vrrp_instance|VI_1',
    '{',
    'state|MASTER',
    'track_script',
    '{',
    'chk_haproxy',
    '}',
    'virtual_ipaddress',
    '{',
    '10.0.0.2',
    '}',
    'VI_1',
    '{',
    '}',
    'k9',
    'k14{|x',
    'k15|{|x',
    '}',
    '}',
    '}',
    '}',
  ]);
});

test("extra '}' is reported where it is read and still reaches the tree", () => {
  const out = read({ 'keepalived.conf': 'a {\n}\nk8}\n' });
  assert.deepEqual(render(out), [
    'keepalived.conf:1 a',
    'keepalived.conf:1 {',
    'keepalived.conf:2 }',
    'keepalived.conf:3 k8',
    "! (keepalived.conf: Line 3) Extra '}' found",
    'keepalived.conf:3 }',
  ]);
});

test("missing '}'s are counted at the end, without a position", () => {
  const out = read({ 'keepalived.conf': '{k10\nk11{\nk12 { k13 }\n' });
  assert.deepEqual(render(out).at(-1), "! There are 2 missing '}'s or extra '{'s");
  assert.equal(out.trailing[0]?.position, undefined);
});
