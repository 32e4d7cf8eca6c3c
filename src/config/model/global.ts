/** global_defs (owned by the global/VRRP keyword handlers). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GlobalDefs {}

export function defaultGlobalDefs(): GlobalDefs {
  return {};
}
