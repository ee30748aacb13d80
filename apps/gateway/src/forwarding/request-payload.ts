import type { FastifyRequest } from 'fastify';
import type { HttpRequestPayload, HttpRoute } from '#libs/contracts';
import { DomainError, inputProblem } from '#libs/errors';
import { presentedTicket, TICKET_HEADER } from '../auth/credentials.js';

/**
 * What a handler gets for an HTTP route (HttpRequestPayload); the caller travels in headers.
 * Input no handler should see (prototype keys, NUL, broken Unicode, deep nesting) is a 400 here.
 * A `rawBody` route also gets the body as sent (Nest's `rawBody` option keeps the parser's buffer).
 */
export function requestPayload(request: FastifyRequest & { rawBody?: Buffer }, route: Pick<HttpRoute, 'auth' | 'rawBody' | 'forwardHeaders'>): HttpRequestPayload {
  const problem = inputProblem(request.body, 'body') ?? inputProblem(request.params, 'path') ?? inputProblem(request.query, 'query');
  if (problem) throw DomainError.invalid(problem);
  const raw = request.headers;
  const headers: Record<string, string> = {};
  if (raw['user-agent']) headers['user-agent'] = raw['user-agent'];
  const language = raw['accept-language'];
  if (language) headers['accept-language'] = language;
  for (const name of route.forwardHeaders ?? []) {
    const value = raw[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (route.auth === 'reset-ticket') {
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
  if (route.rawBody && request.rawBody) payload.rawBody = request.rawBody.toString('utf8');
  return payload;
}

function mediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}
