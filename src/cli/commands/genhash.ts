/** `keepalived-ts genhash` and `-T/--genhash`: reserved; filled in by a later issue. */
import { notAvailableYet } from './not-yet.js';

export const run = notAvailableYet('genhash');
