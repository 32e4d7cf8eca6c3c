/** The checker keywords a real_server block accepts. */
import type { KeywordSpec } from '../../../tree/spec.js';
import type { ServerState } from './open.js';
import { httpGet, sslGet } from './http.js';
import { pingCheck, tcpCheck } from './simple.js';
import { smtpCheck } from './smtp.js';
import { dnsCheck } from './dns.js';
import { miscCheck } from './misc.js';
import { udpCheck } from './udp.js';
import { fileCheck } from './file.js';
import { bfdCheck } from './bfd.js';

export type { ServerState } from './open.js';

export const checkerKeywords: Record<string, KeywordSpec<ServerState>> = {
  HTTP_GET: httpGet,
  SSL_GET: sslGet,
  TCP_CHECK: tcpCheck,
  SMTP_CHECK: smtpCheck,
  DNS_CHECK: dnsCheck,
  MISC_CHECK: miscCheck,
  UDP_CHECK: udpCheck,
  PING_CHECK: pingCheck,
  FILE_CHECK: fileCheck,
  BFD_CHECK: bfdCheck,
};
