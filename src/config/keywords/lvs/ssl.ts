/** The `SSL { password ca certificate key }` block shared by SSL_GET checkers. */
import { ConfigErrorClass } from '../../diagnostics.js';
import type { KeepalivedConfig } from '../../model/index.js';
import type { SslContext } from '../../model/lvs.js';
import { blockSpec, leaf, sub, type LineContext } from '../../tree/spec.js';

function setting(key: keyof SslContext, label: string) {
  return leaf<SslContext>((ctx, ssl) => {
    const word = ctx.words[1];
    if (word === undefined) {
      ctx.report(ConfigErrorClass.GeneralError, `SSL ${label} missing`);
      return;
    }
    if (ssl[key] !== undefined) ctx.report(undefined, `SSL ${label} already specified - replacing`);
    ssl[key] = word;
  });
}

const sslBlock = blockSpec<SslContext>({
  password: setting('password', 'password'),
  ca: setting('caFile', 'cafile'),
  certificate: setting('certificateFile', 'certfile'),
  key: setting('keyFile', 'keyfile'),
});

export const sslKeyword = sub((ctx: LineContext, config: KeepalivedConfig) => {
  if (config.lvs.ssl) ctx.report(undefined, 'SSL context already specified - replacing');
  config.lvs.ssl = {};
  return config.lvs.ssl;
}, sslBlock);
