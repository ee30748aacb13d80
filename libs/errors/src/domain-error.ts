import { ErrorKind } from './error-kind.js';
import { type WireError } from './wire-error.js';

/**
 * Thrown by services. `code` is the domain code (string value of a per-domain enum);
 * `kind` decides the HTTP status at the gateway.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly code?: string,
    readonly details?: unknown,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toWire(): WireError {
    const wire: WireError = { kind: this.kind, message: this.message };
    if (this.code !== undefined) wire.code = this.code;
    if (this.details !== undefined) wire.details = this.details;
    if (this.retryAfter !== undefined) wire.retryAfter = this.retryAfter;
    return wire;
  }

  static fromWire(wire: WireError): DomainError {
    return new DomainError(wire.kind, wire.message, wire.code, wire.details, wire.retryAfter);
  }

  static invalid(message: string, details?: unknown, code?: string): DomainError {
    return new DomainError(ErrorKind.InvalidInput, message, code, details);
  }
  static notFound(message: string, code?: string): DomainError {
    return new DomainError(ErrorKind.NotFound, message, code);
  }
  static conflict(message: string, details?: unknown, code?: string): DomainError {
    return new DomainError(ErrorKind.Conflict, message, code, details);
  }
  static forbidden(message = 'Forbidden', code?: string): DomainError {
    return new DomainError(ErrorKind.Forbidden, message, code);
  }
  static unauthenticated(message = 'Invalid or missing ticket', code?: string): DomainError {
    return new DomainError(ErrorKind.Unauthenticated, message, code);
  }
}

/** Turns anything thrown into a WireError; unknown errors become a bare Internal error. */
export function toWireError(error: unknown): WireError {
  if (error instanceof DomainError) return error.toWire();
  return { kind: ErrorKind.Internal, message: 'Internal error' };
}
