import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeHmacMd5 } from '../../../src/io/crypto.js';

test('HMAC-MD5 matches RFC 2104 test vectors, across split parts', () => {
  const key = new Uint8Array(16).fill(0x0b);
  const data = new TextEncoder().encode('Hi There');
  assert.equal(Buffer.from(nodeHmacMd5(key, [data])).toString('hex'), '9294727a3638bb1c13f48ef8158bfc9d');
  assert.equal(Buffer.from(nodeHmacMd5(key, [data.subarray(0, 3), data.subarray(3)])).toString('hex'), '9294727a3638bb1c13f48ef8158bfc9d');
  const jefe = new TextEncoder().encode('Jefe');
  const what = new TextEncoder().encode('what do ya want for nothing?');
  assert.equal(Buffer.from(nodeHmacMd5(jefe, [what])).toString('hex'), '750c783e6ab0b503eaa86e310a5db738');
});
