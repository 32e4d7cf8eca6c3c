/** Shared value parsers for every keyword handler: numbers, booleans, addresses, durations. */
export * from './number.js';
export * from './bool.js';
export * from './ip.js';
