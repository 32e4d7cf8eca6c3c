/**
 * Errors from the addon look like Node's system errors: `code` is the errno name (EPERM,
 * ENODEV, EADDRNOTAVAIL…), `errno` its negated number, `syscall` the failed call.
 */
export interface NativeError extends Error {
  readonly code: string;
  readonly errno: number;
  readonly syscall: string;
}

export function isNativeError(value: unknown): value is NativeError {
  return value instanceof Error && typeof (value as { code?: unknown }).code === 'string'
    && typeof (value as { syscall?: unknown }).syscall === 'string';
}
