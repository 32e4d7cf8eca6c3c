/** `keepalived-ts chart`: reserved; filled in by a later issue. */
import { notAvailableYet } from './not-yet.js';

export const run = notAvailableYet('chart');
