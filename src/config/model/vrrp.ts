/** VRRP side of the model: instances, sync groups, tracked objects, static addresses/routes/rules. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VrrpConfig {}

export function emptyVrrpConfig(): VrrpConfig {
  return {};
}
