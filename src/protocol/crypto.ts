/**
 * The one cryptographic primitive the codec needs, injected so src/protocol stays pure:
 * src/io/crypto.ts supplies the node:crypto implementation, tests may supply their own.
 */

/** HMAC-MD5 (RFC 2104) of the concatenation of `parts` under `key`; returns the 16-byte MAC. */
export type HmacMd5 = (key: Uint8Array, parts: readonly Uint8Array[]) => Uint8Array;
