/** TCP_CHECK and PING_CHECK: only the standard options. */
import type { PingChecker, TcpChecker } from '../../../model/lvs.js';
import { checkerKeyword } from './open.js';
import { standardOptions } from './common.js';

export const tcpCheck = checkerKeyword<TcpChecker>((position) => ({ type: 'TCP_CHECK', position }), standardOptions());

export const pingCheck = checkerKeyword<PingChecker>((position) => ({ type: 'PING_CHECK', position }), standardOptions());
