import { ErrorKind } from './error-kind.js';

/** The error as it travels in a transport reply. Never carries a stack. */
export interface WireError {
  kind: ErrorKind;
  message: string;
  /** Domain code, e.g. `identity.email_taken`. */
  code?: string;
  /** Per-field details for invalid input, offending indexes for bulk operations, ... */
  details?: unknown;
  /** Seconds to wait, for RateLimited and Unavailable (Retry-After). */
  retryAfter?: number;
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && typeof v.message === 'string' &&
    (Object.values(ErrorKind) as string[]).includes(v.kind);
}
