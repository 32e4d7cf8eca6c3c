import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptArgvFromCommand, scriptArgvFromLine, shellCommandLine, splitQuotedEscaped } from '../../../src/config/values/script-line.js';

// Lines and argv observed with keepalived 2.2.7 (a vrrp_script recording its own argv; the lab
// test tracking-argv re-checks the first rows against the installed keepalived).
const lines: readonly (readonly [string, readonly string[] | undefined])[] = [
  [`script "/x/rec.sh s1 'a b' c\\"d e\\"f g\\\\ h"`, ['/x/rec.sh', 's1', 'a b', 'cd ef', 'g h']],
  ['script /x/rec.sh s2 extra', ['/x/rec.sh']],
  [`script "/x/rec.sh s3 x\\\\\\\\ y \\\\x41\\\\101 \\\\t"`, ['/x/rec.sh', 's3', 'x\\', 'y', 'AA', '\t']],
  [`script '/x/rec.sh s4 "q r"'`, ['/x/rec.sh', 's4', 'q r']],
  ['script "/x/a"', ['/x/a']],
  ['script "/x/a \'unterminated"', undefined],
  ['script', undefined],
];

for (const [line, argv] of lines) {
  test(`splits ${line}`, () => {
    assert.deepEqual(scriptArgvFromLine(line)?.argv, argv);
  });
}

test('escapes: C escapes, hex runs, octal, control', () => {
  const split = splitQuotedEscaped('a\\nb \\x4142 \\0101 \\cA \\q');
  assert.deepEqual(split, { ok: true, words: ['a\nb', 'B', '\x08' + '1', '\x01', 'q'] });
});

test('quotes glue to neighbouring text and escapes work inside single quotes', () => {
  assert.deepEqual(splitQuotedEscaped(`a"b c"d 'e\\'f'`), { ok: true, words: ['ab cd', "e'f"] });
});

test('trailing backslash and unmatched quotes are refused', () => {
  assert.equal(splitQuotedEscaped('a\\').ok, false);
  assert.equal(splitQuotedEscaped('"a').ok, false);
});

test('only a </path redirection needs a shell, quoted as keepalived quotes it', () => {
  assert.equal(scriptArgvFromCommand('</dev/tcp/127.0.0.1/80')?.needsShell, true);
  assert.equal(scriptArgvFromCommand("'< /etc/passwd'")?.needsShell, true);
  // A lone `<` word is not a redirection for keepalived (it checks argv[0] only).
  assert.equal(scriptArgvFromCommand('< /etc/passwd')?.needsShell, false);
  assert.equal(scriptArgvFromCommand('/bin/true')?.needsShell, false);
  assert.equal(shellCommandLine(['</dev/null', "it's"]), `</dev/null 'it'\\''s'`);
});

test('a joined command keeps every word (the config model lost the quoting)', () => {
  assert.deepEqual(scriptArgvFromCommand("/bin/check 'a b' c")?.argv, ['/bin/check', 'a b', 'c']);
});
