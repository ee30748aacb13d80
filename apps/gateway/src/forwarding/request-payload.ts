import type { FastifyRequest } from 'fastify';
import type { HttpRequestPayload } from '#libs/contracts';
import { DomainError, inputProblem } from '#libs/errors';
import { presentedTicket, TICKET_HEADER } from '../auth/credentials.js';

/**
 * What a handler gets for an HTTP route (HttpRequestPayload); the caller travels in headers.
 * Input no handler should see (prototype keys, NUL, broken Unicode, deep nesting) is a 400 here.
 */
export function requestPayload(request: FastifyRequest, withResetTicket: boolean): HttpRequestPayload {
  const problem = inputProblem(request.body, 'body') ?? inputProblem(request.params, 'path') ?? inputProblem(request.query, 'query');
  if (problem) throw DomainError.invalid(problem);
  const raw = request.headers;
  const headers: Record<string, string> = {};
  if (raw['user-agent']) headers['user-agent'] = raw['user-agent'];
  const language = raw['accept-language'];
  if (language) headers['accept-language'] = language;
  if (withResetTicket) {
    const ticket = presentedTicket(raw);
    if (ticket) headers[TICKET_HEADER] = ticket;
  }
  const payload: HttpRequestPayload = {
    body: request.body ?? {},
    params: request.params as Record<string, string>,
    query: request.query as Record<string, string | string[]>,
    ip: request.ip,
    headers,
  };
  const contentType = raw['content-type'];
  if (contentType && request.body !== undefined) payload.contentType = mediaType(contentType);
  return payload;
}

function mediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}
