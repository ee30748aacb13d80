import { ErrorKind, assertNever } from './error-kind.js';

/** The one mapping from error kind to HTTP status (used by the gateway). */
export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case ErrorKind.InvalidInput: return 400;
    case ErrorKind.Unauthenticated: return 401;
    case ErrorKind.Forbidden: return 403;
    case ErrorKind.NotFound: return 404;
    case ErrorKind.Conflict: return 409;
    case ErrorKind.PayloadTooLarge: return 413;
    case ErrorKind.RateLimited: return 429;
    case ErrorKind.Unavailable: return 503;
    case ErrorKind.Timeout: return 504;
    case ErrorKind.Internal: return 500;
    default: return assertNever(kind);
  }
}
