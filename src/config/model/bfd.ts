/** BFD side of the model: bfd_instance blocks. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BfdConfig {}

export function emptyBfdConfig(): BfdConfig {
  return {};
}
