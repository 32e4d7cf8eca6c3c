import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDecimalScaled, readInt, readTimerUs, readUnsigned } from '../../../../src/config/values/number.js';
import { parseTrueFalse } from '../../../../src/config/values/bool.js';
import { parseIpAddress } from '../../../../src/config/values/ip.js';

function collect(): { messages: string[]; report: (c: unknown, m: string) => void } {
  const messages: string[] = [];
  return { messages, report: (_c, m) => messages.push(m) };
}

test('readUnsigned matches keepalived messages', () => {
  const c = collect();
  assert.equal(readUnsigned('300', 1, 255, c.report), undefined);
  assert.equal(readUnsigned('-1', 1, 255, c.report), undefined);
  assert.equal(readUnsigned('10abc', 1, 255, c.report), undefined);
  assert.equal(readUnsigned('0x10', 1, 255, c.report), undefined);
  assert.equal(readUnsigned('+5', 1, 255, c.report), 5);
  assert.equal(readUnsigned(' 7', 1, 255, c.report), 7);
  assert.equal(readUnsigned('007', 1, 255, c.report), 7);
  assert.deepEqual(c.messages, [
    "number '300' outside range [1, 255]",
    "negative number '-1'",
    "invalid number '10abc'",
    "invalid number '0x10'",
  ]);
});

test('readInt range message', () => {
  const c = collect();
  assert.equal(readInt('4', 2, 3, c.report), undefined);
  assert.equal(readInt('-253', -253, 253, c.report), -253);
  assert.deepEqual(c.messages, ["number '4' outside range [2, 3]"]);
});

test('decimal timers: range printed with six places, too many places rounded', () => {
  const c = collect();
  assert.equal(readTimerUs('0.001', 10_000, 255_000_000, c.report), undefined);
  assert.equal(readTimerUs('1.2345678', 10_000, 255_000_000, c.report), 1_234_568);
  assert.equal(readTimerUs('1.', 10_000, 255_000_000, c.report), 1_000_000);
  assert.equal(readTimerUs('.5', 10_000, 255_000_000, c.report), 500_000);
  assert.equal(readTimerUs('1e1', 10_000, 255_000_000, c.report), undefined);
  assert.equal(readDecimalScaled('-1', 0, 10, 6, c.report), undefined);
  assert.deepEqual(c.messages, [
    "number '0.001' outside range [0.010000, 255.000000]",
    "number '1.2345678' has too many decimal places",
    "invalid number '1e1'",
    "negative number '-1'",
  ]);
});

test('booleans and addresses', () => {
  assert.equal(parseTrueFalse('on'), true);
  assert.equal(parseTrueFalse('no'), false);
  assert.equal(parseTrueFalse('True'), undefined);
  assert.equal(parseIpAddress('10.0.0.08'), undefined);
  assert.equal(parseIpAddress('1.2.3'), undefined);
  assert.equal(parseIpAddress('fe80::1')?.text, 'fe80::1');
  assert.equal(parseIpAddress('::ffff:1.2.3.4')?.text, '::ffff:102:304');
  assert.equal(parseIpAddress('2001:db8:0:0:1:0:0:1')?.text, '2001:db8::1:0:0:1');
});
