import { HttpException } from '@nestjs/common';
import { DomainError, ErrorKind, httpStatusOf, isWireError, type WireError } from '#libs/errors';

export interface ErrorBody { error: string; details?: unknown }
export interface ErrorAnswer { status: number; body: ErrorBody; headers?: Record<string, string> }

const INTERNAL: ErrorAnswer = { status: 500, body: { error: 'Internal error' } };

/** Fastify's own rejections (parser, limits, router) by code, with messages clients can act on. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Request body size did not match Content-Length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Body cannot be empty when content-type is application/json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Malformed JSON body',
  FST_ERR_BAD_URL: 'Malformed URL',
};

export function answerOfWire(wire: WireError): ErrorAnswer {
  if (wire.kind === ErrorKind.Internal) return INTERNAL;
  const body: ErrorBody = { error: wire.message };
  if (wire.details !== undefined) body.details = wire.details;
  const answer: ErrorAnswer = { status: httpStatusOf(wire.kind), body };
  // 429 (a limit) and 503 (a busy service that says when to come back) carry Retry-After.
  if ((wire.kind === ErrorKind.RateLimited || wire.kind === ErrorKind.Unavailable) && wire.retryAfter !== undefined) {
    answer.headers = { 'retry-after': String(Math.max(0, Math.ceil(wire.retryAfter))) };
  }
  return answer;
}

function answerOfFastify(error: { statusCode: number; code?: string; message?: string; name?: string }): ErrorAnswer {
  if (error.statusCode >= 500 || error.statusCode < 400) return INTERNAL;
  const known = error.code ? FASTIFY_MESSAGES[error.code] : undefined;
  if (known) return { status: error.statusCode, body: { error: known } };
  // The default JSON parser throws a SyntaxError carrying statusCode 400.
  if (error.name === 'SyntaxError') return { status: 400, body: { error: 'Malformed JSON body' } };
  return { status: error.statusCode, body: { error: error.message || 'Bad request' } };
}

/**
 * The one place where anything thrown on the HTTP path becomes an answer. Unknown errors
 * are a bare 500 (`isInternal` tells the caller to log it); never a stack.
 */
export function errorAnswerOf(error: unknown): ErrorAnswer & { isInternal?: boolean } {
  if (error instanceof DomainError) return answerOfWire(error.toWire());
  if (isWireError(error)) return answerOfWire(error);
  if (error instanceof HttpException) {
    // Nest wraps fastify's own 4xx errors (parser, limits) in an HttpException: keep their code.
    if (hasStatusCode(error.cause)) return answerOfFastify(error.cause);
    const status = error.getStatus();
    if (status >= 500) return { ...INTERNAL, isInternal: true };
    return { status, body: { error: status === 404 ? 'Not found' : error.message } };
  }
  if (hasStatusCode(error)) {
    const answer = answerOfFastify(error);
    return answer === INTERNAL ? { ...INTERNAL, isInternal: true } : answer;
  }
  return { ...INTERNAL, isInternal: true };
}

function hasStatusCode(value: unknown): value is { statusCode: number; code?: string; message?: string; name?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number';
}
