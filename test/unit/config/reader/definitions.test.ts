import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, render, words } from './helpers.js';

test('definitions are replaced as $NAME (before blank , ) or end) and ${NAME}', () => {
  const conf = ['$A =x', '$B=bee', '$B-y', '${B}-y', '$By', '$B,z', '"$B" "${B}"', '$C= spaced  value  ', '$C', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), ['$A|=x', '$B-y', 'bee-y', '$By', 'bee,z', '$B|bee', 'spaced|value']);
});

test('definitions may use definitions and be redefined', () => {
  const conf = ['$A=1', '$B=$A $A', 'x $B', '$A=2', 'y $B', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), ['x|1|1', 'y|2|2']);
});

test('predefined names: _INSTANCE, _PWD (the included file directory), _HASH, _BANG, _RANDOM', () => {
  const files = {
    'keepalived.conf': '${_INSTANCE} ${_PWD}\ninclude sub/x.conf\nx${_HASH}abc\ny ${_BANG}z\n${_RANDOM 1 1} ${_RANDOM 7}\n',
    'sub/x.conf': 'inner ${_PWD}\n',
  };
  const lines = words(files, { configId: 'node7' });
  assert.deepEqual(lines.slice(0, 4), ['node7|/etc/keepalived', 'inner|/etc/keepalived/sub', 'x', 'y']);
  const [one, seven] = (lines[4] as string).split('|').map(Number);
  assert.equal(one, 1);
  assert.ok((seven as number) >= 7 && (seven as number) <= 32767);
});

test('${NAME params} only works for _RANDOM; otherwise braces split the text', () => {
  assert.deepEqual(words({ 'keepalived.conf': '$B=bee\n${B 1}\n' }), ['$', '{', 'B|1', '}']);
});

test('multi-line definitions: trailing \\ continues, an empty line ends, used at line end only', () => {
  const conf = ['$M=m1 $X \\', '   m2 \\', '# comment inside', '', '   m3', '$X=xx', '$M', 'pre $M', '$M tail', ''].join('\n');
  const out = read({ 'keepalived.conf': conf });
  assert.deepEqual(render(out), [
    'keepalived.conf:5 m3',
    'keepalived.conf:7 m1|xx',
    'keepalived.conf:7 m2',
    'keepalived.conf:8 pre|m1|xx',
    'keepalived.conf:8 m2',
    'keepalived.conf:9 $M|tail',
  ]);
});

test('a block in a multi-line definition', () => {
  const conf = ['$BLK=vrrp_instance VI_$N { \\', '  priority $P \\', '}', '$N=1', '$P=100', '$BLK', ''].join('\n');
  assert.deepEqual(words({ 'keepalived.conf': conf }), ['vrrp_instance|VI_1', '{', 'priority|100', '}']);
});

test('self-referencing definitions do not hang', () => {
  const out = read({ 'keepalived.conf': '$A=$A\n$B=x$B\n$A\n$B\nend\n' });
  assert.equal(out.lines.at(-1)?.words[0], 'end');
});
