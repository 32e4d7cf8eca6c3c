/** node:crypto implementation of the codec's injected HMAC-MD5 (used by VRRPv2 auth_type AH). */
import { createHmac } from 'node:crypto';
import type { HmacMd5 } from '../protocol/crypto.js';

export const nodeHmacMd5: HmacMd5 = (key, parts) => {
  const hmac = createHmac('md5', key);
  for (const part of parts) hmac.update(part);
  const digest = hmac.digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
};
