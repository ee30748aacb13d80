/**
 * What went wrong, independent of the transport. Each domain has its own code enum and maps
 * every code to one of these kinds; each edge (HTTP, transport) maps a kind exactly once.
 */
export enum ErrorKind {
  InvalidInput = 'invalid_input',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  RateLimited = 'rate_limited',
  Unavailable = 'unavailable',
  Timeout = 'timeout',
  Internal = 'internal',
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
