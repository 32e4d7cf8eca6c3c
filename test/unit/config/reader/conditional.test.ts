import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, render, words } from './helpers.js';

test('@id keeps a line only on that config id, @^id everywhere else', () => {
  const conf = ['@host1 a', '@host2 b', '@^host1 c', '@^host2 d', '@host1', '@ e', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }, { configId: 'host1' }), ['a', 'd']);
  assert.deepEqual(words({ 'keepalived.conf': conf }, { configId: 'host2' }), ['b', 'c']);
});

test('@id on a block keyword drops only that line', () => {
  const conf = ['@other vrrp_instance X {', '  state MASTER', '}', ''].join('\n');
  assert.deepEqual(render(read({ 'keepalived.conf': conf })), [
    'keepalived.conf:2 state|MASTER',
    "! (keepalived.conf: Line 3) Extra '}' found",
    'keepalived.conf:3 }',
  ]);
});

test('@id after substitution and with definitions', () => {
  const conf = ['$H=@host1', '$H x', '@host1 $Y=1', 'y $Y', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }, { configId: 'host1' }), ['x', 'y|1']);
});
