/**
 * keepalived's fixed buffer sizes (which shape its behaviour, so we keep them) and our own caps that
 * stop inputs on which keepalived would loop for ever or exhaust memory.
 */

/** keepalived reads with fgets into a 1024-byte buffer: longer lines arrive in 1023-byte pieces. */
export const READ_CHUNK_BYTES = 1023;
/** A substitution that would make a line this long or longer is abandoned (MAXBUF). */
export const MAX_LINE_LENGTH = 1024;
/** The parameter text of `~SEQ(...)` is expanded in a 64-byte buffer. */
export const SEQ_PARAMS_LENGTH = 64;

/** Definitions replaced within one line before we stop (`$A=$A` would never end). */
export const MAX_SUBSTITUTIONS_PER_LINE = 10_000;
/** Re-scans of one line after substitution (`@`/`$` brought in by a definition). */
export const MAX_RESCANS_PER_LINE = 1_000;
/** Steps of the reading loop (lines read, generated or dropped) before we give up. */
export const MAX_READ_STEPS = 3_000_000;
/** Lines handed to the keyword tree before we give up. */
export const MAX_OUTPUT_LINES = 300_000;
/** Nested includes; keepalived would run out of file descriptors. */
export const MAX_INCLUDE_DEPTH = 200;
/**
 * The plain-line fast path stays this far from the two limits above (a line of one fgets piece
 * yields at most 341 brace-cut lines), so the full path alone meets them, as it always did.
 */
export const READ_STEPS_MARGIN = 1_000;
