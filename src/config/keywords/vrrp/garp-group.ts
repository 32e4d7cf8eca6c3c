/** The garp_group block: per-interface gratuitous ARP / NA pacing. */
import { blockSpec, leaf, values, type BlockSpec } from '../../tree/spec.js';
import type { GarpGroup } from '../../model/vrrp.js';
import { readTimerUs, UINT_MAX } from '../../values/number.js';

export const garpGroupBlock: BlockSpec<GarpGroup> = blockSpec<GarpGroup>({
  garp_interval: leaf((ctx, g) => {
    const us = readTimerUs(ctx.requireWord(1), 1, UINT_MAX, ctx.report);
    if (us !== undefined) g.garpIntervalMs = us / 1000;
  }),
  gna_interval: leaf((ctx, g) => {
    const us = readTimerUs(ctx.requireWord(1), 1, UINT_MAX, ctx.report);
    if (us !== undefined) g.gnaIntervalMs = us / 1000;
  }),
  interface: leaf((ctx, g) => void g.interfaces.push(ctx.requireWord(1))),
  interfaces: values((_ctx, g, lines) => {
    for (const l of lines) g.interfaces.push(...l.words);
  }),
});
