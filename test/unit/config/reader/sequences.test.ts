import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, render, words } from './helpers.js';

test('~SEQ forms and ~SEQx', () => {
  const conf = ['~SEQ(i, 1, 3) s$i', '~SEQx(i, 9, 3, 15) h$i', '~SEQ(i, 3) t$i', '~SEQ(i,2,0) d$i', '~SEQ(i,0) z$i', '$E=2', '~SEQ(i, 1, $E) e$i', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), ['s1', 's2', 's3', 'h9', 'hc', 'hf', 't1', 't2', 't3', 'd2', 'd1', 'd0', 'z1', 'z0', 'e1', 'e2']);
});

test('~LST with one and with several variables', () => {
  const conf = ['~LST(v, a, b, c) l$v', '~LST({p,q}, {1,2}, {3}) w$p $q', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), ['la', 'lb', 'lc', 'w1|2', 'w3']);
});

test('~SEQ over a multi-line definition repeats a block; nested ~SEQ', () => {
  const conf = ['$BLK=blk_$i \\', ' inner_$i', '', '~SEQ(i, 1, 2) $BLK', '~SEQ(i, 1, 2) ~SEQ(j, 1, 2) n $i $j', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), [
    'blk_1',
    'inner_1',
    'blk_2',
    'inner_2',
    'n|1|1',
    'n|1|2',
    'n|2|1',
    'n|2|2',
  ]);
});

test('invalid ~SEQ and ~LST are reported as keepalived does', () => {
  const conf = ['~SEQ(i, 1, 0, 3) bad', '~SEQx(i, -1, 3) bad3', '~LST(a, 1, 2, 3', '~LST({a}, {1,2}) bad5', '~SEQ(i, 1, 2)', '~SEQ i', 'after', ''].join('\n');
  assert.deepEqual(render(read({ 'keepalived.conf': conf })), [
    "! (keepalived.conf: Line 1) Invalid ~SEQ values '~SEQ(i, 1, 0, 3) bad'",
    "! (keepalived.conf: Line 1) Invalid ~SEQ specification '~SEQ(i, 1, 0, 3) bad'",
    "! (keepalived.conf: Line 2) ~SEQx is only valid for positive numbers '~SEQx(i, -1, 3) bad3'",
    "! (keepalived.conf: Line 2) Invalid ~SEQ specification '~SEQx(i, -1, 3) bad3'",
    "! (keepalived.conf: Line 3) Invalid ~LST specification '~LST(a, 1, 2, 3'",
    "! (keepalived.conf: Line 4) ~LST specification has too many values '~LST({a}, {1,2}) bad5'",
    "! (keepalived.conf: Line 4) Invalid ~LST specification '~LST({a}, {1,2}) bad5'",
    "! (keepalived.conf: Line 6) Invalid ~SEQ specification '~SEQ i'",
    'keepalived.conf:7 after',
  ]);
});

test('a huge ~SEQ stops with a report instead of running for ever', () => {
  const out = read({ 'keepalived.conf': '~SEQ(i, 1, 100000000000) x$i\n' });
  assert.ok(out.lines.length > 0);
  assert.match(render(out).at(-1) as string, /too many lines/);
});
