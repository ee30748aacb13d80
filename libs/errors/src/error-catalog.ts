import { DomainError } from './domain-error.js';
import type { ErrorKind } from './error-kind.js';

/** What an error may carry besides its code and message. */
export interface ErrorExtras { details?: unknown; retryAfter?: number }

/**
 * The one way a service declares its errors: each code with its one kind, in a Record over the
 * code enum (a code without a kind does not compile). The message is the caller's.
 */
export function errorCatalog<C extends string>(kinds: Readonly<Record<C, ErrorKind>>) {
  return (code: C, message: string, details?: unknown): DomainError => new DomainError(kinds[code], message, code, details);
}

/** The same for codes whose message is always the same: [kind, message] per code. */
export function fixedMessageErrors<C extends string>(entries: Readonly<Record<C, readonly [ErrorKind, string]>>) {
  return (code: C, extras: ErrorExtras = {}): DomainError => {
    const [kind, message] = entries[code];
    return new DomainError(kind, message, code, extras.details, extras.retryAfter);
  };
}
