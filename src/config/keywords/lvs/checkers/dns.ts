/** DNS_CHECK: query type and name. */
import { ConfigErrorClass } from '../../../diagnostics.js';
import type { DnsChecker, DnsQueryType } from '../../../model/lvs.js';
import { leaf } from '../../../tree/spec.js';
import { checkerKeyword } from './open.js';
import { standardOptions } from './common.js';

const TYPES: readonly DnsQueryType[] = ['A', 'NS', 'CNAME', 'SOA', 'MX', 'TXT', 'AAAA', 'RRSIG', 'DNSKEY'];

export const dnsCheck = checkerKeyword<DnsChecker>(
  (position) => ({ type: 'DNS_CHECK', position, queryType: 'SOA', name: '.' }),
  {
    ...standardOptions<DnsChecker>(),
    type: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const type = TYPES.find((t) => t === word.toUpperCase());
      if (!type) {
        ctx.report(ConfigErrorClass.GeneralError, `Unknown DNS check type ${word} - ignoring`);
        return;
      }
      s.checker.queryType = type;
    }),
    name: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      if (s.checker.name !== '.') {
        ctx.report(ConfigErrorClass.GeneralError, 'DNS_CHECK name already specified - ignoring');
        return;
      }
      // A label may not be empty: only the root itself is a lone dot.
      if (word !== '.' && word.replace(/\.$/, '').split('.').some((label) => label === '')) {
        ctx.report(ConfigErrorClass.GeneralError, `DNS_CHECK name '${word}' has empty label - ignoring`);
        return;
      }
      s.checker.name = word;
    }),
  },
);
