/** `keepalived-ts sim`: reserved; filled in by a later issue. */
import { notAvailableYet } from './not-yet.js';

export const run = notAvailableYet('sim');
