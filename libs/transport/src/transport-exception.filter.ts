import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { DomainError, ErrorKind, type WireError, isDatabaseUnavailable, isWireError, loggableError } from '#libs/errors';
import { StreamContext } from './stream-context.js';

/**
 * Global RPC filter: DomainError → its WireError; a WireError from an inner call (what a client's
 * observable rejects with) or an RpcException carrying one passes through, so an error keeps its
 * kind across every hop; a database outage is `unavailable` (503); anything else is logged here
 * and the caller only gets `internal`.
 */
@Catch()
export class TransportExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('Transport');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const wire = this.toWire(exception, host);
    return throwError(() => wire);
  }

  private toWire(exception: unknown, host: ArgumentsHost): WireError {
    const ctx = host.switchToRpc().getContext<unknown>();
    if (ctx instanceof StreamContext) ctx.handlerError = exception;
    if (exception instanceof DomainError) return exception.toWire();
    if (isWireError(exception)) return innerError(exception);
    if (exception instanceof RpcException && isWireError(exception.getError())) return exception.getError() as WireError;
    const where = ctx instanceof StreamContext ? { pattern: ctx.getPattern(), requestId: ctx.getRequestId() } : {};
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ msg: 'database unavailable', ...where, err: exception instanceof Error ? exception.message : String(exception) });
      return { kind: ErrorKind.Unavailable, message: 'Service temporarily unavailable: database unreachable' };
    }
    this.logger.error({ msg: 'handler failed', ...where, err: loggableError(exception) });
    return { kind: ErrorKind.Internal, message: 'Internal error' };
  }
}

/** An inner service's error as this service answers it: same kind, code and details, never more. */
function innerError(wire: WireError): WireError {
  const { kind, message, code, details, retryAfter } = wire;
  return { kind, message, ...(code !== undefined ? { code } : {}), ...(details !== undefined ? { details } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) };
}
