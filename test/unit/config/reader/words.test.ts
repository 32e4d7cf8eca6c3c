import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, render, words } from './helpers.js';

test('comments, quotes and escapes split as keepalived 2.2.7 does', () => {
  const conf = [
    '"a b" c',
    '"x"y z',
    "'p q'",
    '\\#h1',
    '\\!h2',
    '"h3#h4" r',
    'h5"#"h6',
    'k1\\',
    '   k3    \t',
    'k4 # "unterminated',
    'k5 ! bang comment',
    '# whole line',
    '! whole line',
    '',
  ].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), [
    'a b|c',
    'x|y|z',
    "'p|q'",
    '#h1',
    '!h2',
    'h3#h4|r',
    'h5|#|h6',
    'k1\\',
    'k3',
    'k4',
    'k5',
  ]);
});

test('unterminated and unmatched quotes are reported with the line text', () => {
  const out = read({ 'keepalived.conf': 'ok\n"k5 # still\nk6 "k7\n' });
  assert.deepEqual(render(out), [
    'keepalived.conf:1 ok',
    "! (keepalived.conf: Line 2) Unterminated quote '\"k5 # still'",
    "! (keepalived.conf: Line 2) Unmatched quote: '\"k5 # still'",
    "! (keepalived.conf: Line 3) Unterminated quote 'k6 \"k7'",
    "! (keepalived.conf: Line 3) Unmatched quote: 'k6 \"k7'",
    'keepalived.conf:3 k6',
  ]);
});

test('a trailing backslash does not join lines outside definitions', () => {
  assert.deepEqual(words({ 'keepalived.conf': 'a \\\nb\n' }), ['a\\', 'b']);
});

test('CRLF line ends, NUL bytes and a missing final newline', () => {
  const out = read({ 'keepalived.conf': 'a\r\nx\0y z\nlast' });
  assert.deepEqual(render(out), ['keepalived.conf:1 a', 'keepalived.conf:2 x', 'keepalived.conf:3 last']);
});

test('lines longer than 1023 bytes are read in pieces', () => {
  const out = read({ 'keepalived.conf': `${'b'.repeat(1100)} tail\nnext\n` });
  assert.deepEqual(
    out.lines.map((l) => [l.position.line, l.words.map((w) => w.length)]),
    [
      [1, [1023]],
      [2, [77, 4]],
      [3, [4]],
    ],
  );
});
