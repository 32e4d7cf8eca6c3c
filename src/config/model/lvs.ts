/** LVS side of the model: virtual_server_group, virtual_server, real_server, checkers, SSL. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LvsConfig {}

export function emptyLvsConfig(): LvsConfig {
  return {};
}
